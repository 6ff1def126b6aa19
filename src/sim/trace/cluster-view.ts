import type { AnyActorRef } from 'xstate';
import type { ControllerContext } from '../machines/controller.machine';
import type { ReplicaContext } from '../machines/replica.machine';
import type { ClusterSnapshot, LogRecord, ReplicaView } from './types';

interface Replica {
  id: number;
  actor: AnyActorRef;
}

const roleOf = (value: unknown): ReplicaView['role'] => {
  if (value === 'leading') return 'leader';
  if (value === 'down') return 'down';
  if (value === 'isolated') return 'isolated';
  if (value === 'awaiting') return 'recovering';
  return 'follower';
};

function sameView(a: ClusterSnapshot, b: ClusterSnapshot): boolean {
  if (a.leader !== b.leader || a.leaderEpoch !== b.leaderEpoch || a.hw !== b.hw || a.isr.length !== b.isr.length) return false;
  for (let i = 0; i < a.isr.length; i++) if (a.isr[i] !== b.isr[i]) return false;
  for (let i = 0; i < a.replicas.length; i++) {
    const x = a.replicas[i]!;
    const y = b.replicas[i]!;
    if (x.role !== y.role || x.leo !== y.leo || x.hw !== y.hw) return false;
  }
  return true;
}

/**
 * With replication: reads the replicas' and the controller's state after each event into the view the broker
 * inspector shows (who leads, the ISR, the high watermark, each replica's log end), shared with the previous event
 * while nothing in it changed. It reads state only; the rules ran in the machines.
 */
export function createClusterView(controller: AnyActorRef, replicas: readonly Replica[]): () => ClusterSnapshot {
  let last: ClusterSnapshot | null = null;
  return () => {
    const c = controller.getSnapshot().context as ControllerContext;
    const views: ReplicaView[] = [];
    let isr: readonly number[] = c.isr;
    let hw = -1;
    for (const { id, actor } of replicas) {
      const snap = actor.getSnapshot() as { value: unknown; context: ReplicaContext };
      const role = roleOf(snap.value);
      views.push({ broker: id, role, leo: snap.context.b.logEndOffset, hw: snap.context.r.hw });
      if (role === 'leader' && id === c.leader) {
        isr = snap.context.r.isr;
        hw = snap.context.r.hw;
      }
    }
    const next: ClusterSnapshot = { leader: c.leader, leaderEpoch: c.leaderEpoch, isr: [...isr], hw, replicas: views };
    if (last && sameView(last, next)) return last;
    last = next;
    return next;
  };
}

/**
 * The partition's log at the end of a run with replication: the log of the broker that leads (or led last), each
 * record with the event that wrote it on a leader. Records a failover truncated away are not in it.
 */
export function finalLog(controller: AnyActorRef, replicas: readonly Replica[], written: readonly LogRecord[]): LogRecord[] {
  const c = controller.getSnapshot().context as ControllerContext;
  const id = c.leader ?? c.previous ?? 1;
  const replica = replicas.find((r) => r.id === id) ?? replicas[0];
  if (!replica) return [...written];
  const ctx = (replica.actor.getSnapshot() as { context: ReplicaContext }).context;
  const out: LogRecord[] = [];
  for (const batch of ctx.r.log) for (const r of batch.records) out.push(r as LogRecord);
  return out;
}

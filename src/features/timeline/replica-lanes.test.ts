import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { laneGeometry } from './geometry';
import { laneSlot, REPLICA_SLOT_BASE } from './consumer-lanes';
import { buildLayout } from './layout';
import { slotRow } from './geometry';

const run = (id: string, idempotence: boolean) => {
  const p = getPreset(id)!;
  return runSimulation({ ...p.scenario, producer: { ...p.scenario.producer, 'enable.idempotence': idempotence } });
};

describe('lanes with replication', () => {
  it('a run without replication keeps its three lanes; a replicated one has a lane per broker', () => {
    expect(buildLayout(run('lost-ack', true)).laneCount).toBe(3);
    expect(buildLayout(run('failover-retry-recognised', true)).laneCount).toBe(4);
    expect(buildLayout(run('failover-acks1-loss', true)).laneCount).toBe(4);
    expect(buildLayout(run('failover-retry-recognised', true)).slots).toEqual([0, 1, 2, REPLICA_SLOT_BASE]);
  });

  it('brokers 2, 3… are drawn below broker 1, and their events sit on their own lane', () => {
    const slots = ['producer', 'network', 'broker', 'broker-2', 'broker-3'].map((l) => laneSlot(l as never));
    expect(slots).toEqual([0, 1, 2, REPLICA_SLOT_BASE, REPLICA_SLOT_BASE + 1]);
    const g = laneGeometry(1200, 12, 600, slots);
    expect(slots.map((s) => slotRow(g, s))).toEqual([0, 1, 2, 3, 4]);
    const layout = buildLayout(run('failover-retry-recognised', true));
    const trace = run('failover-retry-recognised', true);
    const elected = trace.events.find((e) => e.kind === 'leader.elected')!;
    expect(layout.laneOf[elected.i]).toBe(REPLICA_SLOT_BASE);
    expect(layout.lanePrefix).toHaveLength(4);
  });

  it('a request the new leader handles ends on its lane, and a held acks=all answer starts when the leader answers', () => {
    const trace = run('failover-retry-recognised', true);
    const layout = buildLayout(trace);
    const retry = trace.events.find((e) => e.kind === 'broker.handled' && e.lane === 'broker-2')!;
    const request = layout.arrows.find((a) => a.kind === 'request' && a.endEvent === retry.i)!;
    expect(request.brokerLane).toBe(REPLICA_SLOT_BASE);
    const answered = trace.events.find((e) => e.kind === 'produce.answered')!;
    const response = layout.arrows.find((a) => a.kind === 'response' && a.startEvent === answered.i)!;
    expect(response).toBeDefined();
    // The held request's own handled event starts no response of its own.
    const held = trace.events.find((e) => e.kind === 'broker.handled' && e.awaitingReplicas)!;
    expect(layout.arrows.some((a) => a.kind === 'response' && a.startEvent === held.i)).toBe(false);
  });
});

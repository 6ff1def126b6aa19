import type { Stream } from '../kernel/rng';
import { latencyMs, type FaultPlan } from '../network/fault-plan';
import type { BrokerEvent } from './broker-events';
import type { LossCause } from '../trace/types';
import type { Packet, TraceEventInput } from './effects';
import type { ProducerEvent } from './producer-events';

export type NetworkEvent =
  | { type: 'send'; packet: Packet }
  | { type: 'arrive'; id: number }
  | { type: 'lost'; id: number; cause: 'fault' | 'broker-down' }
  | { type: 'close'; connection: number }
  | { type: 'broker.down' }
  | { type: 'broker.up' };

export type NetworkEffect =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'timer'; delayMs: number; event: NetworkEvent }
  | { type: 'toBroker'; event: BrokerEvent }
  | { type: 'toProducer'; delayMs: number; event: ProducerEvent };

interface Connection {
  id: number;
  open: boolean;
  /** TCP keeps each direction in order: nothing arrives before what was sent ahead of it. */
  lastRequestT: number;
  lastResponseT: number;
  /** A stall holds one direction of the link until this time. */
  requestsStalledUntil: number;
  responsesStalledUntil: number;
}

interface InTransit {
  id: number;
  packet: Packet;
  connection: number;
  /** Already read into the broker's request queue: processed even if the connection closes. */
  committed: boolean;
  latency: number;
}

export interface NetworkModel {
  connections: Map<number, Connection>;
  transit: Map<number, InTransit>;
  nextId: number;
  brokerUp: boolean;
  latency: { min: number; max: number };
  rng: Stream;
  plan: FaultPlan;
  now: number;
  out: NetworkEffect[];
}

export function createNetworkModel(latency: { min: number; max: number }, rng: Stream, plan: FaultPlan): NetworkModel {
  return { connections: new Map(), transit: new Map(), nextId: 1, brokerUp: true, latency, rng, plan, now: 0, out: [] };
}

function connection(n: NetworkModel, id: number): Connection {
  let c = n.connections.get(id);
  if (!c) {
    c = { id, open: true, lastRequestT: 0, lastResponseT: 0, requestsStalledUntil: 0, responsesStalledUntil: 0 };
    n.connections.set(id, c);
  }
  return c;
}

function packetKeys(p: Packet, direction: number): number[] {
  if (p.kind === 'produce' || p.kind === 'produce-response') return [p.ref.messages[0] ?? 0, p.ref.attempt, p.ref.instance, direction];
  return [0, p.instance, 7 + direction];
}

const isRequest = (p: Packet) => p.kind === 'produce' || p.kind === 'init-pid';
const connectionOf = (p: Packet) => (p.kind === 'produce' || p.kind === 'produce-response' ? p.ref.connection : p.connection);

/** A packet enters the network: its fate (deliver, lose, delay, stall) is decided here, once. */
export function send(n: NetworkModel, packet: Packet): void {
  const request = isRequest(packet);
  const c = connection(n, connectionOf(packet));
  const latency = latencyMs(n.rng, n.latency.min, n.latency.max, packetKeys(packet, request ? 0 : 1));
  const t: InTransit = { id: n.nextId++, packet, connection: c.id, committed: false, latency };
  n.transit.set(t.id, t);
  if (!c.open) {
    n.transit.delete(t.id);
    recordLoss(n, t, 'connection-closed');
    return;
  }
  const half = Math.floor(latency / 2);
  if (request && !n.brokerUp) {
    n.out.push({ type: 'timer', delayMs: half, event: { type: 'lost', id: t.id, cause: 'broker-down' } });
    return;
  }
  let extra = 0;
  if (packet.kind === 'produce' || packet.kind === 'produce-response') {
    const { messages, attempt, instance } = packet.ref;
    const m = messages[0] ?? 0;
    const fate = request ? n.plan.requestFate(m, attempt, instance) : n.plan.responseFate(m, attempt, instance);
    if (fate.kind === 'lose') {
      n.out.push({ type: 'timer', delayMs: half, event: { type: 'lost', id: t.id, cause: 'fault' } });
      return;
    }
    if (fate.kind === 'delay' && packet.kind === 'produce') {
      extra = fate.delayMs;
      t.committed = true;
      n.out.push({ type: 'record', ev: { kind: 'request.delayed', lane: 'network', ...packet.ref, delayMs: fate.delayMs } });
    }
    if (fate.kind === 'stall') {
      const untilT = n.now + fate.durationMs;
      if (request) c.requestsStalledUntil = Math.max(c.requestsStalledUntil, untilT);
      else c.responsesStalledUntil = Math.max(c.responsesStalledUntil, untilT);
      n.out.push({ type: 'record', ev: { kind: 'link.stalled', lane: 'network', connection: c.id, untilT, direction: request ? 'request' : 'response' } });
    }
  }
  const last = request ? c.lastRequestT : c.lastResponseT;
  const stalledUntil = request ? c.requestsStalledUntil : c.responsesStalledUntil;
  const arrival = Math.max(n.now + latency, last, stalledUntil) + extra;
  if (request) c.lastRequestT = arrival;
  else c.lastResponseT = arrival;
  n.out.push({ type: 'timer', delayMs: arrival - n.now, event: { type: 'arrive', id: t.id } });
}

/** A packet reaches the other end, if its connection (or the broker's queue) still holds it. */
export function arrive(n: NetworkModel, id: number): void {
  const t = n.transit.get(id);
  if (!t) return;
  n.transit.delete(id);
  const c = connection(n, t.connection);
  if (isRequest(t.packet) && !n.brokerUp) {
    recordLoss(n, t, 'broker-down');
    return;
  }
  const p = t.packet;
  if (p.kind === 'produce') {
    const forcedError = n.plan.brokerError(p.ref.messages[0] ?? 0, p.ref.attempt, p.ref.instance);
    n.out.push({ type: 'toBroker', event: { type: 'produce', ref: p.ref, acks: p.acks, idempotent: p.idempotent, forcedError, deadSocket: !c.open } });
  } else if (p.kind === 'init-pid') {
    if (c.open) n.out.push({ type: 'toBroker', event: { type: 'init-pid', instance: p.instance, connection: p.connection } });
  } else if (c.open && p.kind === 'produce-response') {
    n.out.push({ type: 'toProducer', delayMs: 0, event: { type: 'response.received', req: p.ref.req, error: p.error, offset: p.offset } });
  } else if (c.open && p.kind === 'init-pid-response') {
    n.out.push({ type: 'toProducer', delayMs: 0, event: { type: 'pid.assigned', pid: p.pid, epoch: p.epoch, connection: p.connection } });
  }
}

/** A lost packet breaks its connection: everything else in flight on it is gone too (TCP never skips one). */
export function lose(n: NetworkModel, id: number, cause: 'fault' | 'broker-down'): void {
  const t = n.transit.get(id);
  if (!t) return;
  n.transit.delete(id);
  recordLoss(n, t, cause);
  const c = connection(n, t.connection);
  if (!c.open) return;
  c.open = false;
  dropPending(n, c.id, false);
  const detectMs = Math.max(0, t.latency - Math.floor(t.latency / 2));
  n.out.push({ type: 'toProducer', delayMs: detectMs, event: { type: 'connection.broken', connection: c.id } });
}

/** The client closed the connection (request timeout, crash): what has not reached the broker's queue is dropped. */
export function close(n: NetworkModel, id: number): void {
  const c = connection(n, id);
  if (!c.open) return;
  c.open = false;
  dropPending(n, id, false);
}

export function brokerDown(n: NetworkModel): void {
  n.brokerUp = false;
  for (const c of n.connections.values()) {
    if (!c.open) continue;
    c.open = false;
    dropPending(n, c.id, true);
    n.out.push({ type: 'toProducer', delayMs: n.latency.min, event: { type: 'connection.broken', connection: c.id } });
  }
}

export function brokerUp(n: NetworkModel): void {
  n.brokerUp = true;
}

function dropPending(n: NetworkModel, connectionId: number, includeCommitted: boolean): void {
  for (const t of [...n.transit.values()]) {
    if (t.connection !== connectionId || (t.committed && !includeCommitted)) continue;
    n.transit.delete(t.id);
    recordLoss(n, t, includeCommitted ? 'broker-down' : 'connection-closed');
  }
}

function recordLoss(n: NetworkModel, t: InTransit, cause: LossCause): void {
  const p = t.packet;
  if (p.kind === 'produce') n.out.push({ type: 'record', ev: { kind: 'request.lost', lane: 'network', ...p.ref, cause } });
  else if (p.kind === 'produce-response') n.out.push({ type: 'record', ev: { kind: 'response.lost', lane: 'network', ...p.ref, cause } });
}

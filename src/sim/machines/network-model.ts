import type { Stream } from '../kernel/rng';
import { latencyMs, type FaultPlan } from '../network/fault-plan';
import type { LossCause } from '../trace/types';
import type { BrokerEvent } from './broker-events';
import type { Packet, TraceEventInput } from './effects';
import type { ProducerEvent } from './producer-events';
import { refEvent } from './ref-event';

export type NetworkEvent =
  | { type: 'send'; packet: Packet }
  | { type: 'lost'; id: number; cause: 'fault' | 'broker-down' }
  | { type: 'close'; connection: number }
  | { type: 'broker.down' }
  | { type: 'broker.up' };

/** Where an arriving packet goes, as the event its receiver gets. */
export type Delivery = { to: 'broker'; event: BrokerEvent } | { to: 'producer'; event: ProducerEvent };

export type NetworkEffect =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'timer'; delayMs: number; event: NetworkEvent }
  /** The packet reaches its receiver after `delayMs`, unless withdrawn first (by `key`). */
  | { type: 'deliver'; delayMs: number; key: number; delivery: Delivery }
  /** Withdraw a packet that has not arrived yet; if it was still on its way, record `loss`. */
  | { type: 'withdraw'; key: number; loss: TraceEventInput | null }
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
  /** Packets sent on this connection that may not have arrived yet, oldest first. */
  pending: InTransit[];
}

interface InTransit {
  id: number;
  packet: Packet;
  connection: number;
  /** Already read into the broker's request queue: processed even if the connection closes. */
  committed: boolean;
  latency: number;
  /** When it arrives (or, for a packet the network loses, when it is lost). */
  arrivalT: number;
  /** What its receiver gets; null for a packet that will be lost. */
  delivery: Delivery | null;
}

export interface NetworkModel {
  connections: Map<number, Connection>;
  /** Packets that have not arrived, by id; an arrived packet may linger here until its connection is pruned. */
  transit: Map<number, InTransit>;
  nextId: number;
  brokerUp: boolean;
  latency: { min: number; max: number };
  rng: Stream;
  plan: FaultPlan;
  now: number;
  out: NetworkEffect[];
}

/** Delivery keys share the kernel's timer namespace with the producer's (which use 4n, 4n+1, 4n+2). */
export const deliveryKey = (packetId: number) => packetId * 4 + 3;

export function createNetworkModel(latency: { min: number; max: number }, rng: Stream, plan: FaultPlan): NetworkModel {
  return { connections: new Map(), transit: new Map(), nextId: 1, brokerUp: true, latency, rng, plan, now: 0, out: [] };
}

function connection(n: NetworkModel, id: number): Connection {
  let c = n.connections.get(id);
  if (!c) {
    c = { id, open: true, lastRequestT: 0, lastResponseT: 0, requestsStalledUntil: 0, responsesStalledUntil: 0, pending: [] };
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

/** What the receiver of a packet gets when it arrives. */
function deliveryOf(n: NetworkModel, p: Packet): Delivery {
  switch (p.kind) {
    case 'produce': {
      const forcedError = n.plan.brokerError(p.ref.messages[0] ?? 0, p.ref.attempt, p.ref.instance);
      return { to: 'broker', event: { type: 'produce', ref: p.ref, acks: p.acks, idempotent: p.idempotent, forcedError, deadSocket: false } };
    }
    case 'init-pid':
      return { to: 'broker', event: { type: 'init-pid', instance: p.instance, connection: p.connection } };
    case 'produce-response':
      return { to: 'producer', event: { type: 'response.received', req: p.ref.req, error: p.error, offset: p.offset } };
    case 'init-pid-response':
      return { to: 'producer', event: { type: 'pid.assigned', pid: p.pid, epoch: p.epoch, connection: p.connection } };
  }
}

/** A packet enters the network: its fate (deliver, lose, delay, stall) and arrival time are decided here, once. */
export function send(n: NetworkModel, packet: Packet): void {
  const request = isRequest(packet);
  const c = connection(n, connectionOf(packet));
  prune(n, c);
  const latency = latencyMs(n.rng, n.latency.min, n.latency.max, packetKeys(packet, request ? 0 : 1));
  const t: InTransit = { id: n.nextId++, packet, connection: c.id, committed: false, latency, arrivalT: n.now, delivery: null };
  if (!c.open) {
    recordLoss(n, t, 'connection-closed');
    return;
  }
  const half = Math.floor(latency / 2);
  if (request && !n.brokerUp) {
    track(n, c, t, n.now + half);
    n.out.push({ type: 'timer', delayMs: half, event: { type: 'lost', id: t.id, cause: 'broker-down' } });
    return;
  }
  let extra = 0;
  if (packet.kind === 'produce' || packet.kind === 'produce-response') {
    const { messages, attempt, instance } = packet.ref;
    const m = messages[0] ?? 0;
    const fate = request ? n.plan.requestFate(m, attempt, instance) : n.plan.responseFate(m, attempt, instance);
    if (fate.kind === 'lose') {
      track(n, c, t, n.now + half);
      n.out.push({ type: 'timer', delayMs: half, event: { type: 'lost', id: t.id, cause: 'fault' } });
      return;
    }
    if (fate.kind === 'delay' && packet.kind === 'produce') {
      extra = fate.delayMs;
      t.committed = true;
      n.out.push({ type: 'record', ev: refEvent('request.delayed', 'network', packet.ref, { delayMs: fate.delayMs }) });
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
  t.delivery = deliveryOf(n, packet);
  track(n, c, t, arrival);
  n.out.push({ type: 'deliver', delayMs: arrival - n.now, key: deliveryKey(t.id), delivery: t.delivery });
}

function track(n: NetworkModel, c: Connection, t: InTransit, arrivalT: number): void {
  t.arrivalT = arrivalT;
  n.transit.set(t.id, t);
  c.pending.push(t);
}

/** Forget packets that have certainly arrived (the kernel runs in time order, so anything due before now has). */
function prune(n: NetworkModel, c: Connection): void {
  let k = 0;
  while (k < c.pending.length && c.pending[k]!.arrivalT < n.now && c.pending[k]!.delivery !== null) {
    n.transit.delete(c.pending[k]!.id);
    k++;
  }
  if (k > 0) c.pending.splice(0, k);
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
  dropPending(n, c, false);
  const detectMs = Math.max(0, t.latency - Math.floor(t.latency / 2));
  n.out.push({ type: 'toProducer', delayMs: detectMs, event: { type: 'connection.broken', connection: c.id } });
}

/** The client closed the connection (request timeout, crash): what has not reached the broker's queue is dropped. */
export function close(n: NetworkModel, id: number): void {
  const c = connection(n, id);
  if (!c.open) return;
  c.open = false;
  dropPending(n, c, false);
}

export function brokerDown(n: NetworkModel): void {
  n.brokerUp = false;
  for (const c of n.connections.values()) {
    if (!c.open) continue;
    c.open = false;
    dropPending(n, c, true);
    n.out.push({ type: 'toProducer', delayMs: n.latency.min, event: { type: 'connection.broken', connection: c.id } });
  }
}

export function brokerUp(n: NetworkModel): void {
  n.brokerUp = true;
}

/**
 * The connection is gone: withdraw every packet on it that has not arrived. A request already in the broker's
 * queue (committed) is still processed, unless the broker itself went down, but its answer has nowhere to go.
 */
function dropPending(n: NetworkModel, c: Connection, includeCommitted: boolean): void {
  const cause: LossCause = includeCommitted ? 'broker-down' : 'connection-closed';
  const keep: InTransit[] = [];
  for (const t of c.pending) {
    if (!n.transit.has(t.id)) continue;
    if (t.committed && !includeCommitted) {
      if (t.delivery?.event.type === 'produce') t.delivery.event.deadSocket = true;
      keep.push(t);
      continue;
    }
    n.transit.delete(t.id);
    if (t.delivery === null) recordLoss(n, t, cause);
    else n.out.push({ type: 'withdraw', key: deliveryKey(t.id), loss: lossEvent(t, cause) });
  }
  c.pending = keep;
}

function lossEvent(t: InTransit, cause: LossCause): TraceEventInput | null {
  const p = t.packet;
  if (p.kind === 'produce') return refEvent('request.lost', 'network', p.ref, { cause });
  if (p.kind === 'produce-response') return refEvent('response.lost', 'network', p.ref, { cause });
  return null;
}

function recordLoss(n: NetworkModel, t: InTransit, cause: LossCause): void {
  const ev = lossEvent(t, cause);
  if (ev) n.out.push({ type: 'record', ev });
}

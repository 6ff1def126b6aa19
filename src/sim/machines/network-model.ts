import type { Stream } from '../kernel/rng';
import { latencyMs, type FaultPlan } from '../network/fault-plan';
import type { LossCause } from '../trace/types';
import type { BrokerEvent } from './broker-events';
import type { Packet, TraceEventInput } from './effects';
import type { ProducerEvent } from './producer-events';
import { refEvent } from './ref-event';

export type NetworkEvent =
  | { type: 'packet.send'; packet: Packet }
  /** A producer instance tries to open a connection to the leader. */
  | { type: 'connection.connect'; connection: number; instance: number }
  /** The refusal of a connection attempt reaches the client (a delayed event of the network's own). */
  | { type: 'connect.refusal'; connection: number; instance: number }
  /** A packet's arrival time has come (a delayed event of the network's own). */
  | { type: 'packet.arrive'; id: number }
  /** A packet the network drops is gone, halfway along its way. */
  | { type: 'packet.lost'; id: number; cause: 'fault' | 'broker-down' }
  /** The client noticed that its connection broke: tell the producer instance that owned it. */
  | { type: 'break.noticed'; connection: number; instance: number }
  | { type: 'connection.close'; connection: number }
  | { type: 'broker.down' }
  /** The leader is back, or (with replication) a new one was elected: `leader` is its system id. */
  | { type: 'broker.up'; leader?: string };

/** Where an arriving packet goes, as the event its receiver gets (a producer by its application instance). */
export type Delivery = { to: 'broker'; event: BrokerEvent } | { to: 'producer'; instance: number; event: ProducerEvent };

/** What a network step tells a connection's own actor (the newest connection's, while it is open). */
export type NetworkFact =
  | { type: 'connection.seen'; connection: number }
  | { type: 'connection.ended'; connection: number }
  | { type: 'stall.began'; connection: number; direction: 'request' | 'response' }
  /** The stall is over: the packets it held are arriving. */
  | { type: 'stall.ended'; connection: number; direction: 'request' | 'response' };

export type NetworkEffect =
  | { type: 'record'; ev: TraceEventInput }
  /** A delayed event of the network's own; with an id, `cancel` withdraws it. */
  | { type: 'timer'; delayMs: number; event: NetworkEvent; id?: string }
  | { type: 'cancel'; id: string }
  /** An arrived packet goes to its receiver now. */
  | { type: 'forward'; delivery: Delivery }
  | { type: 'fact'; fact: NetworkFact };

interface Connection {
  id: number;
  /** The application instance whose producer opened it. */
  instance: number;
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
  sentT: number;
  /** When it arrives (or, for a packet the network loses, when it is lost). */
  arrivalT: number;
  /** What its receiver gets; null for a packet that will be lost. */
  delivery: Delivery | null;
}

/**
 * The network's data (the machine's context). Whether the leader is reachable and how the newest connection fares
 * are the machine's states. The connection table and the packets on their way are containers this actor alone owns.
 */
export interface NetworkModel {
  connections: Map<number, Connection>;
  /** Packets that have not arrived, by id. */
  transit: Map<number, InTransit>;
  nextId: number;
  latency: { min: number; max: number };
  rng: Stream;
  plan: FaultPlan;
}

/** One step of the network: its data, whether the leader is up (a state of the machine), the time, what it asks for. */
export interface NetworkStep {
  n: NetworkModel;
  now: number;
  leaderUp: boolean;
  out: NetworkEffect[];
}

/** Ids of the network's delayed events, so that a closed connection can withdraw what has not arrived. */
export const networkTimerId = {
  arrival: (packetId: number) => `arrive:${packetId}`,
  loss: (packetId: number) => `lost:${packetId}`,
};

export function createNetworkModel(latency: { min: number; max: number }, rng: Stream, plan: FaultPlan): NetworkModel {
  return { connections: new Map(), transit: new Map(), nextId: 1, latency, rng, plan };
}

function connection(s: NetworkStep, id: number, instance: number): Connection {
  let c = s.n.connections.get(id);
  if (!c) {
    c = { id, instance, open: true, lastRequestT: 0, lastResponseT: 0, requestsStalledUntil: 0, responsesStalledUntil: 0, pending: [] };
    s.n.connections.set(id, c);
    s.out.push({ type: 'fact', fact: { type: 'connection.seen', connection: id } });
  }
  return c;
}

function packetKeys(p: Packet, direction: number): number[] {
  if (p.kind === 'produce' || p.kind === 'produce-response') return [p.ref.messages[0] ?? 0, p.ref.attempt, p.ref.instance, direction];
  return [0, p.instance, 7 + direction];
}

const isRequest = (p: Packet) => p.kind === 'produce' || p.kind === 'init-pid';
const connectionOf = (p: Packet) => (p.kind === 'produce' || p.kind === 'produce-response' ? p.ref.connection : p.connection);
const instanceOf = (p: Packet) => (p.kind === 'produce' || p.kind === 'produce-response' ? p.ref.instance : p.instance);

/** What the receiver of a packet gets when it arrives. */
function deliveryOf(n: NetworkModel, p: Packet): Delivery {
  const instance = instanceOf(p);
  switch (p.kind) {
    case 'produce': {
      const forcedError = n.plan.brokerError(p.ref.messages[0] ?? 0, p.ref.attempt, p.ref.instance, p.acks);
      const event: BrokerEvent = { type: 'produce', ref: p.ref, acks: p.acks, idempotent: p.idempotent, forcedError, deadSocket: false };
      if (p.timeoutMs !== undefined) event.timeoutMs = p.timeoutMs;
      return { to: 'broker', event };
    }
    case 'init-pid':
      return { to: 'broker', event: { type: 'init-pid', instance: p.instance, connection: p.connection } };
    case 'produce-response':
      return { to: 'producer', instance, event: { type: 'response.received', req: p.ref.req, error: p.error, offset: p.offset } };
    case 'init-pid-response':
      return { to: 'producer', instance, event: { type: 'pid.assigned', pid: p.pid, epoch: p.epoch, connection: p.connection } };
  }
}

/** A packet enters the network: its fate (deliver, lose, delay, stall) and arrival time are decided here, once. */
export function send(s: NetworkStep, packet: Packet): void {
  const n = s.n;
  const request = isRequest(packet);
  const c = connection(s, connectionOf(packet), instanceOf(packet));
  prune(s, c);
  const latency = latencyMs(n.rng, n.latency.min, n.latency.max, packetKeys(packet, request ? 0 : 1));
  const t: InTransit = { id: n.nextId++, packet, connection: c.id, committed: false, latency, sentT: s.now, arrivalT: s.now, delivery: null };
  if (!c.open) {
    recordLoss(s, t, 'connection-closed');
    return;
  }
  // A request goes out only on a connection that was ready, and the broker going down closes every connection, so a
  // request never meets a broker that is down here: it is lost on the closed connection above.
  const half = Math.floor(latency / 2);
  let extra = 0;
  if (packet.kind === 'produce' || packet.kind === 'produce-response') {
    const { messages, attempt, instance } = packet.ref;
    const m = messages[0] ?? 0;
    const fate = request ? n.plan.requestFate(m, attempt, instance) : n.plan.responseFate(m, attempt, instance);
    if (fate.kind === 'lose') {
      track(n, c, t, s.now + half);
      s.out.push({ type: 'timer', delayMs: half, event: { type: 'packet.lost', id: t.id, cause: 'fault' }, id: networkTimerId.loss(t.id) });
      return;
    }
    if (fate.kind === 'delay' && packet.kind === 'produce') {
      extra = fate.delayMs;
      t.committed = true;
      s.out.push({ type: 'record', ev: refEvent('request.delayed', 'network', packet.ref, { delayMs: fate.delayMs }) });
    }
    if (fate.kind === 'stall') stall(s, c, request ? 'request' : 'response', s.now + fate.durationMs);
  }
  const last = request ? c.lastRequestT : c.lastResponseT;
  const stalledUntil = request ? c.requestsStalledUntil : c.responsesStalledUntil;
  const arrival = Math.max(s.now + latency, last, stalledUntil) + extra;
  if (request) c.lastRequestT = arrival;
  else c.lastResponseT = arrival;
  t.delivery = deliveryOf(n, packet);
  track(n, c, t, arrival);
  s.out.push({ type: 'timer', delayMs: arrival - s.now, event: { type: 'packet.arrive', id: t.id }, id: networkTimerId.arrival(t.id) });
}

/** One direction of the connection holds everything sent on it until `untilT` (a stall that ends on its own). */
function stall(s: NetworkStep, c: Connection, direction: 'request' | 'response', untilT: number): void {
  const request = direction === 'request';
  const before = request ? c.requestsStalledUntil : c.responsesStalledUntil;
  if (request) c.requestsStalledUntil = Math.max(before, untilT);
  else c.responsesStalledUntil = Math.max(before, untilT);
  s.out.push({ type: 'record', ev: { kind: 'link.stalled', lane: 'network', connection: c.id, untilT, direction } });
  s.out.push({ type: 'fact', fact: { type: 'stall.began', connection: c.id, direction } });
}

/**
 * A packet's arrival time has come: it leaves the network and its receiver gets it now. The first packet a stall
 * held ends the stall for the machine's region (the stall needs no timer of its own, which would keep a run going).
 */
export function arrive(s: NetworkStep, id: number): void {
  const t = s.n.transit.get(id);
  if (!t || t.delivery === null) return;
  s.n.transit.delete(id);
  const c = s.n.connections.get(t.connection);
  if (c) {
    const request = isRequest(t.packet);
    const stalledUntil = request ? c.requestsStalledUntil : c.responsesStalledUntil;
    if (c.open && t.sentT < stalledUntil && s.now >= stalledUntil) {
      s.out.push({ type: 'fact', fact: { type: 'stall.ended', connection: c.id, direction: request ? 'request' : 'response' } });
    }
  }
  s.out.push({ type: 'forward', delivery: t.delivery });
}

/**
 * A connection attempt (NetworkClient.initiateConnect): while the leader is up the connection is ready at once (the
 * lab draws no time for the handshake); while it is down the attempt is refused, and the client learns it after a
 * round trip (SYN there, RST back).
 */
export function connect(s: NetworkStep, id: number, instance: number): void {
  if (s.leaderUp) {
    connection(s, id, instance);
    s.out.push({ type: 'forward', delivery: { to: 'producer', instance, event: { type: 'connect.succeeded', connection: id } } });
    return;
  }
  const oneWay = latencyMs(s.n.rng, s.n.latency.min, s.n.latency.max, [id, instance, 11]);
  s.out.push({ type: 'timer', delayMs: 2 * oneWay, event: { type: 'connect.refusal', connection: id, instance } });
}

/** The refusal reaches the client. */
export function refuse(s: NetworkStep, id: number, instance: number): void {
  s.out.push({ type: 'forward', delivery: { to: 'producer', instance, event: { type: 'connect.failed', connection: id } } });
}

/** The client notices its connection broke: the producer instance that owned it is told. */
export function noticeBreak(s: NetworkStep, connection: number, instance: number): void {
  s.out.push({ type: 'forward', delivery: { to: 'producer', instance, event: { type: 'connection.broken', connection } } });
}

function track(n: NetworkModel, c: Connection, t: InTransit, arrivalT: number): void {
  t.arrivalT = arrivalT;
  n.transit.set(t.id, t);
  c.pending.push(t);
}

/** Forget packets that have certainly arrived (the kernel runs in time order, so anything due before now has). */
function prune(s: NetworkStep, c: Connection): void {
  let k = 0;
  while (k < c.pending.length && c.pending[k]!.arrivalT < s.now && c.pending[k]!.delivery !== null) {
    s.n.transit.delete(c.pending[k]!.id);
    k++;
  }
  if (k > 0) c.pending.splice(0, k);
}

/** A lost packet breaks its connection: everything else in flight on it is gone too (TCP never skips one). */
export function lose(s: NetworkStep, id: number, cause: 'fault' | 'broker-down'): void {
  const t = s.n.transit.get(id);
  if (!t) return;
  s.n.transit.delete(id);
  recordLoss(s, t, cause);
  const c = s.n.connections.get(t.connection)!;
  if (!c.open) return;
  endConnection(s, c, false);
  const detectMs = Math.max(0, t.latency - Math.floor(t.latency / 2));
  s.out.push({ type: 'timer', delayMs: detectMs, event: { type: 'break.noticed', connection: c.id, instance: c.instance } });
}

/** The client closed the connection (request timeout, crash): what has not reached the broker's queue is dropped. */
export function close(s: NetworkStep, id: number): void {
  const c = s.n.connections.get(id);
  if (!c || !c.open) return;
  endConnection(s, c, false);
}

/** The leader went down: every open connection breaks, and their clients notice after the shortest latency. */
export function brokerDown(s: NetworkStep): void {
  for (const c of s.n.connections.values()) {
    if (!c.open) continue;
    endConnection(s, c, true);
    s.out.push({ type: 'timer', delayMs: s.n.latency.min, event: { type: 'break.noticed', connection: c.id, instance: c.instance } });
  }
}

function endConnection(s: NetworkStep, c: Connection, brokerDown: boolean): void {
  c.open = false;
  dropPending(s, c, brokerDown);
  s.out.push({ type: 'fact', fact: { type: 'connection.ended', connection: c.id } });
}

/**
 * The connection is gone: withdraw every packet on it that has not arrived. A request already in the broker's
 * queue (committed) is still processed, unless the broker itself went down, but its answer has nowhere to go.
 */
function dropPending(s: NetworkStep, c: Connection, includeCommitted: boolean): void {
  const cause: LossCause = includeCommitted ? 'broker-down' : 'connection-closed';
  const keep: InTransit[] = [];
  for (const t of c.pending) {
    if (!s.n.transit.has(t.id)) continue;
    if (t.committed && !includeCommitted) {
      if (t.delivery?.event.type === 'produce') t.delivery.event.deadSocket = true;
      keep.push(t);
      continue;
    }
    s.n.transit.delete(t.id);
    if (t.delivery !== null) s.out.push({ type: 'cancel', id: networkTimerId.arrival(t.id) });
    recordLoss(s, t, cause);
  }
  c.pending = keep;
}

function lossEvent(t: InTransit, cause: LossCause): TraceEventInput | null {
  const p = t.packet;
  if (p.kind === 'produce') return refEvent('request.lost', 'network', p.ref, { cause });
  if (p.kind === 'produce-response') return refEvent('response.lost', 'network', p.ref, { cause });
  return null;
}

function recordLoss(s: NetworkStep, t: InTransit, cause: LossCause): void {
  const ev = lossEvent(t, cause);
  if (ev) s.out.push({ type: 'record', ev });
}

import { describe, expect, test } from 'vitest';
import { partyHarness, type Observed } from '../testing/party-harness';
import { testRef } from '../testing/request-ref';
import type { Stream } from '../kernel/rng';
import type { FaultPlan, RequestFate, ResponseFate } from '../network/fault-plan';
import type { RequestRef } from '../trace/types';
import type { Packet } from './effects';
import { createNetworkModel, type NetworkEvent } from './network-model';
import { networkMachine } from './network.machine';

/** A network stream whose draw for a packet is chosen by its first message. */
function stream(byMessage: Record<number, number>): Stream {
  return { next: () => 0, at: (...keys: number[]) => byMessage[keys[0] ?? 0] ?? 0 };
}

function plan(req: Record<number, RequestFate> = {}, res: Record<number, ResponseFate> = {}): FaultPlan {
  return {
    requestFate: (m, attempt, _instance) => (attempt === 1 ? (req[m] ?? { kind: 'deliver' }) : { kind: 'deliver' }),
    responseFate: (m, attempt) => (attempt === 1 ? (res[m] ?? { kind: 'deliver' }) : { kind: 'deliver' }),
    brokerError: () => null,
  };
}

type Fx = Observed;

function driver(opts: { latency?: { min: number; max: number }; draws?: Record<number, number>; plan?: FaultPlan } = {}) {
  const n0 = createNetworkModel(opts.latency ?? { min: 10, max: 10 }, stream(opts.draws ?? {}), opts.plan ?? plan());
  const h = partyHarness(networkMachine, 'network', (clock) => ({ n: n0, clock }), ['broker', 'producer-1']);
  const send = (event: NetworkEvent, now?: number): Fx[] => h.send(event, now);
  /** The connection's own actor, which follows the newest connection. */
  const connection = () => (h.actor.getSnapshot() as { children: Record<string, { getSnapshot(): { value: unknown } }> }).children['connection']!.getSnapshot().value;
  return { actor: h.actor, send, connection, value: h.value };
}

const ref = (message: number, connection = 1): RequestRef => testRef(message, { connection });
const request = (r: RequestRef): Packet => ({ kind: 'produce', ref: r, acks: 'all', idempotent: true });
const response = (r: RequestRef): Packet => ({ kind: 'produce-response', ref: r, error: 'NONE', offset: 0 });
const sendPacket = (packet: Packet): NetworkEvent => ({ type: 'packet.send', packet });

type Timer = Extract<Fx, { type: 'timer' }>;
const timersOf = (fx: Fx[], type: string): Timer[] => fx.flatMap((f) => (f.type === 'timer' && f.event.type === type ? [f] : []));
/** The packet's arrival: a delayed event of the network's own. */
const deliveryOf = (fx: Fx[]): Timer => {
  const [t] = timersOf(fx, 'packet.arrive');
  if (!t) throw new Error('no arrival scheduled');
  return t;
};
const lostTimerOf = (fx: Fx[]): Timer => {
  const [t] = timersOf(fx, 'packet.lost');
  if (!t) throw new Error('no loss scheduled');
  return t;
};
/** What the receiver gets when the arrival comes: the event the network forwards at once, and to whom. */
const forwarded = (fx: Fx[]) => fx.flatMap((f) => (f.type === 'sent' ? [{ to: f.to, event: f.event }] : []));
const lostReqs = (fx: Fx[]) =>
  fx.flatMap((f) => (f.type === 'record' && (f.ev.kind === 'request.lost' || f.ev.kind === 'response.lost') ? [[f.ev.kind, f.ev.req]] : []));
const withdrawn = (fx: Fx[]) => fx.flatMap((f) => (f.type === 'cancel' ? [f.id] : []));
const breaks = (fx: Fx[]) => timersOf(fx, 'break.noticed').map((t) => t.event);

describe('network machine', () => {
  test('TCP keeps requests in order: a later, faster packet never overtakes an earlier one', () => {
    // message 1 draws the longest latency (99), message 2 the shortest (0)
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    const t1 = deliveryOf(d.send(sendPacket(request(ref(1))), 0));
    const t2 = deliveryOf(d.send(sendPacket(request(ref(2))), 1));
    expect(t1.delayMs).toBe(99);
    expect(1 + t2.delayMs).toBeGreaterThanOrEqual(0 + t1.delayMs);
  });

  test('the two directions are ordered independently', () => {
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    d.send(sendPacket(request(ref(1))), 0);
    // a response on the same connection is not held up by the slow request
    expect(deliveryOf(d.send(sendPacket(response(ref(2))), 1)).delayMs).toBe(0);
  });

  test('packets on different connections are not ordered against each other', () => {
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    d.send(sendPacket(request(ref(1, 1))), 0);
    expect(deliveryOf(d.send(sendPacket(request(ref(2, 2))), 1)).delayMs).toBe(0);
  });

  test('a delivered request reaches the broker; a response reaches the producer', () => {
    const d = driver();
    const r = ref(1);
    const t = deliveryOf(d.send(sendPacket(request(r)), 0));
    expect(t.delayMs).toBe(10);
    expect(forwarded(d.send(t.event as NetworkEvent, 10))).toEqual([
      { to: 'broker', event: { type: 'produce', ref: r, acks: 'all', idempotent: true, forcedError: null, deadSocket: false } },
    ]);
    const t2 = deliveryOf(d.send(sendPacket(response(r)), 11));
    expect(t2.delayMs).toBe(10);
    expect(forwarded(d.send(t2.event as NetworkEvent, 21))).toEqual([
      { to: 'producer-1', event: { type: 'response.received', req: r.req, error: 'NONE', offset: 0 } },
    ]);
  });

  test('a lost request breaks the connection and loses the later in-flight packets on it', () => {
    const d = driver({ plan: plan({ 1: { kind: 'lose' } }) });
    const r1 = ref(1);
    const r2 = ref(2);
    const lostTimer = lostTimerOf(d.send(sendPacket(request(r1)), 0));
    const r2Delivery = deliveryOf(d.send(sendPacket(request(r2)), 1));
    const fx = d.send(lostTimer.event as NetworkEvent, lostTimer.delayMs);
    expect(lostReqs(fx)).toEqual([
      ['request.lost', r1.req],
      ['request.lost', r2.req],
    ]);
    // r2 never reaches the broker, even though it was not itself faulty: its delivery is withdrawn
    expect(withdrawn(fx)).toEqual([r2Delivery.id]);
    // the client notices after the rest of the way; its producer is then told
    const [notice] = timersOf(fx, 'break.noticed');
    expect(notice?.event).toEqual({ type: 'break.noticed', connection: 1, instance: 1 });
    expect(forwarded(d.send(notice!.event as NetworkEvent, 10))).toEqual([{ to: 'producer-1', event: { type: 'connection.broken', connection: 1 } }]);
    expect(d.connection()).toBe('closed');
    // nothing more can be sent on the broken connection
    const r3 = ref(3);
    expect(lostReqs(d.send(sendPacket(request(r3)), 12))).toEqual([['request.lost', r3.req]]);
  });

  test('a delayed request is committed: delivered to the broker even after the client closes the connection', () => {
    const d = driver({ plan: plan({ 1: { kind: 'delay', delayMs: 500 } }) });
    const r = ref(1);
    const fx = d.send(sendPacket(request(r)), 0);
    expect(fx.some((f) => f.type === 'record' && f.ev.kind === 'request.delayed' && f.ev.delayMs === 500)).toBe(true);
    const t = deliveryOf(fx);
    expect(t.delayMs).toBe(510);
    const closed = d.send({ type: 'connection.close', connection: 1 }, 100);
    expect(lostReqs(closed)).toEqual([]);
    expect(withdrawn(closed)).toEqual([]);
    // still delivered, now marked as coming from a dead socket
    expect(forwarded(d.send(t.event as NetworkEvent, 510))).toEqual([
      { to: 'broker', event: expect.objectContaining({ type: 'produce', ref: r, deadSocket: true }) },
    ]);
    // the answer goes to a dead socket
    expect(lostReqs(d.send(sendPacket(response(r)), 511))).toEqual([['response.lost', r.req]]);
  });

  test('close withdraws packets that have not arrived, and only those', () => {
    const d = driver();
    const r0 = ref(9);
    d.send(sendPacket(request(r0)), 0); // arrives at 10, before the close
    const r1 = ref(1);
    const r2 = ref(2);
    const t1 = deliveryOf(d.send(sendPacket(request(r1)), 8));
    const t2 = deliveryOf(d.send(sendPacket(response(r2)), 8));
    d.send(sendPacket(response(ref(3))), 11); // a send at 11 forgets what arrived before 11
    const closed = d.send({ type: 'connection.close', connection: 1 }, 12);
    expect(withdrawn(closed)).toEqual([t1.id, t2.id, expect.any(String)]);
    expect(lostReqs(closed).slice(0, 2)).toEqual([
      ['request.lost', r1.req],
      ['response.lost', r2.req],
    ]);
    expect(lostReqs(closed).map((l) => l[1])).not.toContain(r0.req);
  });

  test('a stall holds back everything after it on that direction of the connection', () => {
    const d = driver({ plan: plan({ 1: { kind: 'stall', durationMs: 300 } }) });
    const t1 = deliveryOf(d.send(sendPacket(request(ref(1))), 0));
    const t2 = deliveryOf(d.send(sendPacket(request(ref(2))), 1));
    expect(t1.delayMs).toBe(300);
    expect(1 + t2.delayMs).toBeGreaterThanOrEqual(300);
    // the connection's actor: requests stalled, responses still flowing; the first held packet ends the stall
    expect(d.connection()).toEqual({ open: { requests: 'stalled', responses: 'flowing' } });
    d.send(t1.event as NetworkEvent, 300);
    expect(d.connection()).toEqual({ open: { requests: 'flowing', responses: 'flowing' } });
  });

  test('while the broker is down, open connections break and a connection attempt is refused after a round trip', () => {
    const d = driver({ draws: { 2: 0.5 } });
    const r1 = ref(1);
    const t1 = deliveryOf(d.send(sendPacket(request(r1)), 0));
    const down = d.send({ type: 'broker.down' }, 2);
    expect(d.value()).toBe('unreachable');
    expect(lostReqs(down)).toEqual([['request.lost', r1.req]]);
    expect(withdrawn(down)).toEqual([t1.id]);
    expect(breaks(down)).toEqual([{ type: 'break.noticed', connection: 1, instance: 1 }]);
    // a new connection is refused: the client hears it after a round trip (SYN there, RST back); nothing opens
    const attempt = d.send({ type: 'connection.connect', connection: 2, instance: 1 }, 10);
    expect(forwarded(attempt)).toEqual([]);
    const [refusal] = timersOf(attempt, 'connect.refusal');
    expect(refusal).toMatchObject({ delayMs: 20, event: { type: 'connect.refusal', connection: 2, instance: 1 } });
    expect(forwarded(d.send(refusal!.event as NetworkEvent, 30))).toEqual([{ to: 'producer-1', event: { type: 'connect.failed', connection: 2 } }]);
    expect(d.connection()).toBe('closed');
    d.send({ type: 'broker.up' }, 50);
    expect(d.value()).toBe('reachable');
    // once it is up, a connection attempt succeeds at once and requests flow on it
    const ok = d.send({ type: 'connection.connect', connection: 3, instance: 1 }, 60);
    expect(forwarded(ok)).toContainEqual({ to: 'producer-1', event: { type: 'connect.succeeded', connection: 3 } });
    expect(d.connection()).toEqual({ open: { requests: 'flowing', responses: 'flowing' } });
    const r3 = ref(3, 3);
    const t3 = deliveryOf(d.send(sendPacket(request(r3)), 60));
    expect(forwarded(d.send(t3.event as NetworkEvent, 70)).map((f) => f.to)).toEqual(['broker']);
  });
});

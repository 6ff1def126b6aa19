import { createActor } from 'xstate';
import { describe, expect, test } from 'vitest';
import { stepAndCollect } from '../testing/drive';
import { testRef } from '../testing/request-ref';
import type { Stream } from '../kernel/rng';
import type { FaultPlan, RequestFate, ResponseFate } from '../network/fault-plan';
import type { RequestRef } from '../trace/types';
import type { Packet } from './effects';
import { createNetworkModel, type NetworkEffect, type NetworkEvent } from './network-model';
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

function driver(opts: { latency?: { min: number; max: number }; draws?: Record<number, number>; plan?: FaultPlan } = {}) {
  const n0 = createNetworkModel(opts.latency ?? { min: 10, max: 10 }, stream(opts.draws ?? {}), opts.plan ?? plan());
  const actor = createActor(networkMachine, { input: { n: n0 } }).start();
  const n = () => actor.getSnapshot().context.n;
  const send = (event: NetworkEvent, now = n().now): NetworkEffect[] => stepAndCollect(n(), now, (e: NetworkEvent) => actor.send(e), event);
  return { actor, n, send };
}

const ref = (message: number, connection = 1): RequestRef => testRef(message, { connection });
const request = (r: RequestRef): Packet => ({ kind: 'produce', ref: r, acks: 'all', idempotent: true });
const response = (r: RequestRef): Packet => ({ kind: 'produce-response', ref: r, error: 'NONE', offset: 0 });

/** When a sent packet will arrive (a delivery) or be lost (a 'lost' timer): the one thing a send schedules. */
const scheduled = (fx: NetworkEffect[]) => {
  const t = fx.find((f) => f.type === 'timer' || f.type === 'deliver');
  if (!t || (t.type !== 'timer' && t.type !== 'deliver')) throw new Error('nothing scheduled');
  return t;
};
const deliveryOf = (fx: NetworkEffect[]) => {
  const d = scheduled(fx);
  if (d.type !== 'deliver') throw new Error('not a delivery');
  return d;
};
const lostTimerOf = (fx: NetworkEffect[]) => {
  const t = scheduled(fx);
  if (t.type !== 'timer') throw new Error('not a timer');
  return t;
};
/** Losses recorded now, and losses of withdrawn packets (recorded by the kernel if they were still on their way). */
const lostReqs = (fx: NetworkEffect[]) =>
  fx.flatMap((f) => {
    const ev = f.type === 'record' ? f.ev : f.type === 'withdraw' ? f.loss : null;
    return ev && (ev.kind === 'request.lost' || ev.kind === 'response.lost') ? [[ev.kind, ev.req]] : [];
  });
const withdrawnKeys = (fx: NetworkEffect[]) => fx.flatMap((f) => (f.type === 'withdraw' ? [f.key] : []));
const toProducer = (fx: NetworkEffect[]) => fx.flatMap((f) => (f.type === 'toProducer' ? [f.event] : []));

describe('network machine', () => {
  test('TCP keeps requests in order: a later, faster packet never overtakes an earlier one', () => {
    // message 1 draws the longest latency (99), message 2 the shortest (0)
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    const t1 = deliveryOf(d.send({ type: 'send', packet: request(ref(1)) }, 0));
    const t2 = deliveryOf(d.send({ type: 'send', packet: request(ref(2)) }, 1));
    expect(t1.delayMs).toBe(99);
    expect(1 + t2.delayMs).toBeGreaterThanOrEqual(0 + t1.delayMs);
  });

  test('the two directions are ordered independently', () => {
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    d.send({ type: 'send', packet: request(ref(1)) }, 0);
    // a response on the same connection is not held up by the slow request
    expect(deliveryOf(d.send({ type: 'send', packet: response(ref(2)) }, 1)).delayMs).toBe(0);
  });

  test('packets on different connections are not ordered against each other', () => {
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    d.send({ type: 'send', packet: request(ref(1, 1)) }, 0);
    expect(deliveryOf(d.send({ type: 'send', packet: request(ref(2, 2)) }, 1)).delayMs).toBe(0);
  });

  test('a delivered request reaches the broker; a response reaches the producer', () => {
    const d = driver();
    const r = ref(1);
    const t = deliveryOf(d.send({ type: 'send', packet: request(r) }, 0));
    expect(t.delayMs).toBe(10);
    expect(t.delivery).toEqual({ to: 'broker', event: { type: 'produce', ref: r, acks: 'all', idempotent: true, forcedError: null, deadSocket: false } });
    const t2 = deliveryOf(d.send({ type: 'send', packet: response(r) }, 11));
    expect(t2.delayMs).toBe(10);
    expect(t2.delivery).toEqual({ to: 'producer', event: { type: 'response.received', req: r.req, error: 'NONE', offset: 0 } });
  });

  test('a lost request breaks the connection and loses the later in-flight packets on it', () => {
    const d = driver({ plan: plan({ 1: { kind: 'lose' } }) });
    const r1 = ref(1);
    const r2 = ref(2);
    const lostTimer = lostTimerOf(d.send({ type: 'send', packet: request(r1) }, 0));
    expect(lostTimer.event.type).toBe('lost');
    const r2Delivery = deliveryOf(d.send({ type: 'send', packet: request(r2) }, 1));
    const fx = d.send(lostTimer.event, lostTimer.delayMs);
    expect(lostReqs(fx)).toEqual([
      ['request.lost', r1.req],
      ['request.lost', r2.req],
    ]);
    // r2 never reaches the broker, even though it was not itself faulty: its delivery is withdrawn
    expect(withdrawnKeys(fx)).toEqual([r2Delivery.key]);
    expect(toProducer(fx)).toEqual([{ type: 'connection.broken', connection: 1 }]);
    // nothing more can be sent on the broken connection
    const r3 = ref(3);
    expect(lostReqs(d.send({ type: 'send', packet: request(r3) }, 12))).toEqual([['request.lost', r3.req]]);
  });

  test('a delayed request is committed: delivered to the broker even after the client closes the connection', () => {
    const d = driver({ plan: plan({ 1: { kind: 'delay', delayMs: 500 } }) });
    const r = ref(1);
    const fx = d.send({ type: 'send', packet: request(r) }, 0);
    expect(fx.some((f) => f.type === 'record' && f.ev.kind === 'request.delayed' && f.ev.delayMs === 500)).toBe(true);
    const t = deliveryOf(fx);
    expect(t.delayMs).toBe(510);
    const closed = d.send({ type: 'close', connection: 1 }, 100);
    expect(lostReqs(closed)).toEqual([]);
    expect(withdrawnKeys(closed)).toEqual([]);
    // still delivered, now marked as coming from a dead socket
    expect(t.delivery).toEqual({ to: 'broker', event: expect.objectContaining({ type: 'produce', ref: r, deadSocket: true }) });
    // the answer goes to a dead socket
    expect(lostReqs(d.send({ type: 'send', packet: response(r) }, 511))).toEqual([['response.lost', r.req]]);
  });

  test('close withdraws packets that have not arrived, and only those', () => {
    const d = driver();
    const r0 = ref(9);
    d.send({ type: 'send', packet: request(r0) }, 0); // arrives at 10, before the close
    const r1 = ref(1);
    const r2 = ref(2);
    const t1 = deliveryOf(d.send({ type: 'send', packet: request(r1) }, 8));
    const t2 = deliveryOf(d.send({ type: 'send', packet: response(r2) }, 8));
    d.send({ type: 'send', packet: response(ref(3)) }, 11); // a send at 11 forgets what arrived before 11
    const closed = d.send({ type: 'close', connection: 1 }, 12);
    expect(withdrawnKeys(closed)).toEqual([t1.key, t2.key, expect.any(Number)]);
    expect(lostReqs(closed).slice(0, 2)).toEqual([
      ['request.lost', r1.req],
      ['response.lost', r2.req],
    ]);
    expect(lostReqs(closed).map((l) => l[1])).not.toContain(r0.req);
  });

  test('a stall holds back everything after it on that direction of the connection', () => {
    const d = driver({ plan: plan({ 1: { kind: 'stall', durationMs: 300 } }) });
    const t1 = deliveryOf(d.send({ type: 'send', packet: request(ref(1)) }, 0));
    const t2 = deliveryOf(d.send({ type: 'send', packet: request(ref(2)) }, 1));
    expect(t1.delayMs).toBe(300);
    expect(1 + t2.delayMs).toBeGreaterThanOrEqual(300);
  });

  test('while the broker is down, requests are lost and open connections break', () => {
    const d = driver();
    const r1 = ref(1);
    const t1 = deliveryOf(d.send({ type: 'send', packet: request(r1) }, 0));
    const down = d.send({ type: 'broker.down' }, 2);
    expect(lostReqs(down)).toEqual([['request.lost', r1.req]]);
    expect(withdrawnKeys(down)).toEqual([t1.key]);
    expect(toProducer(down)).toEqual([{ type: 'connection.broken', connection: 1 }]);
    // a request sent while the broker is down is lost on the way
    const r2 = ref(2, 2);
    const lost = lostTimerOf(d.send({ type: 'send', packet: request(r2) }, 10));
    expect(lostReqs(d.send(lost.event, 10 + lost.delayMs))).toEqual([['request.lost', r2.req]]);
    d.send({ type: 'broker.up' }, 50);
    const r3 = ref(3, 3);
    expect(deliveryOf(d.send({ type: 'send', packet: request(r3) }, 60)).delivery.to).toBe('broker');
  });
});

import { createActor } from 'xstate';
import { describe, expect, test } from 'vitest';
import { stepAndCollect } from '../testing/drive';
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

let nextReq = 1;
const ref = (message: number, connection = 1): RequestRef => ({
  req: nextReq++,
  batch: message,
  messages: [message],
  attempt: 1,
  instance: 1,
  pid: 1000,
  epoch: 0,
  baseSeq: message - 1,
  lastSeq: message - 1,
  connection,
});
const request = (r: RequestRef): Packet => ({ kind: 'produce', ref: r, acks: 'all', idempotent: true });
const response = (r: RequestRef): Packet => ({ kind: 'produce-response', ref: r, error: 'NONE', offset: 0 });

/** The single timer a send schedules. */
const timerOf = (fx: NetworkEffect[]) => {
  const t = fx.find((f) => f.type === 'timer');
  if (!t || t.type !== 'timer') throw new Error('no timer');
  return t;
};
const lostReqs = (fx: NetworkEffect[]) =>
  fx.flatMap((f) => (f.type === 'record' && (f.ev.kind === 'request.lost' || f.ev.kind === 'response.lost') ? [[f.ev.kind, f.ev.req]] : []));
const toBroker = (fx: NetworkEffect[]) => fx.flatMap((f) => (f.type === 'toBroker' ? [f.event] : []));
const toProducer = (fx: NetworkEffect[]) => fx.flatMap((f) => (f.type === 'toProducer' ? [f.event] : []));

describe('network machine', () => {
  test('TCP keeps requests in order: a later, faster packet never overtakes an earlier one', () => {
    // message 1 draws the longest latency (99), message 2 the shortest (0)
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    const t1 = timerOf(d.send({ type: 'send', packet: request(ref(1)) }, 0));
    const t2 = timerOf(d.send({ type: 'send', packet: request(ref(2)) }, 1));
    expect(t1.delayMs).toBe(99);
    expect(1 + t2.delayMs).toBeGreaterThanOrEqual(0 + t1.delayMs);
  });

  test('the two directions are ordered independently', () => {
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    d.send({ type: 'send', packet: request(ref(1)) }, 0);
    // a response on the same connection is not held up by the slow request
    expect(timerOf(d.send({ type: 'send', packet: response(ref(2)) }, 1)).delayMs).toBe(0);
  });

  test('packets on different connections are not ordered against each other', () => {
    const d = driver({ latency: { min: 0, max: 99 }, draws: { 1: 0.999, 2: 0 } });
    d.send({ type: 'send', packet: request(ref(1, 1)) }, 0);
    expect(timerOf(d.send({ type: 'send', packet: request(ref(2, 2)) }, 1)).delayMs).toBe(0);
  });

  test('a delivered request reaches the broker; a response reaches the producer', () => {
    const d = driver();
    const r = ref(1);
    const t = timerOf(d.send({ type: 'send', packet: request(r) }, 0));
    expect(t.delayMs).toBe(10);
    expect(toBroker(d.send(t.event, 10))).toEqual([{ type: 'produce', ref: r, acks: 'all', idempotent: true, forcedError: null, deadSocket: false }]);
    const t2 = timerOf(d.send({ type: 'send', packet: response(r) }, 11));
    expect(toProducer(d.send(t2.event, 21))).toEqual([{ type: 'response.received', req: r.req, error: 'NONE', offset: 0 }]);
  });

  test('a lost request breaks the connection and loses the later in-flight packets on it', () => {
    const d = driver({ plan: plan({ 1: { kind: 'lose' } }) });
    const r1 = ref(1);
    const r2 = ref(2);
    const lostTimer = timerOf(d.send({ type: 'send', packet: request(r1) }, 0));
    expect(lostTimer.event.type).toBe('lost');
    const arriveTimer = timerOf(d.send({ type: 'send', packet: request(r2) }, 1));
    expect(arriveTimer.event.type).toBe('arrive');
    const fx = d.send(lostTimer.event, lostTimer.delayMs);
    expect(lostReqs(fx)).toEqual([
      ['request.lost', r1.req],
      ['request.lost', r2.req],
    ]);
    expect(toProducer(fx)).toEqual([{ type: 'connection.broken', connection: 1 }]);
    // r2 never reaches the broker, even though it was not itself faulty
    expect(toBroker(d.send(arriveTimer.event, 11))).toEqual([]);
    // nothing more can be sent on the broken connection
    const r3 = ref(3);
    expect(lostReqs(d.send({ type: 'send', packet: request(r3) }, 12))).toEqual([['request.lost', r3.req]]);
  });

  test('a delayed request is committed: delivered to the broker even after the client closes the connection', () => {
    const d = driver({ plan: plan({ 1: { kind: 'delay', delayMs: 500 } }) });
    const r = ref(1);
    const fx = d.send({ type: 'send', packet: request(r) }, 0);
    expect(fx.some((f) => f.type === 'record' && f.ev.kind === 'request.delayed' && f.ev.delayMs === 500)).toBe(true);
    const t = timerOf(fx);
    expect(t.delayMs).toBe(510);
    const closed = d.send({ type: 'close', connection: 1 }, 100);
    expect(lostReqs(closed)).toEqual([]);
    const arrived = toBroker(d.send(t.event, 510));
    expect(arrived).toEqual([expect.objectContaining({ type: 'produce', ref: r, deadSocket: true })]);
    // the answer goes to a dead socket
    expect(lostReqs(d.send({ type: 'send', packet: response(r) }, 511))).toEqual([['response.lost', r.req]]);
  });

  test('close drops uncommitted packets', () => {
    const d = driver();
    const r1 = ref(1);
    const r2 = ref(2);
    const t1 = timerOf(d.send({ type: 'send', packet: request(r1) }, 0));
    const t2 = timerOf(d.send({ type: 'send', packet: response(r2) }, 0));
    expect(lostReqs(d.send({ type: 'close', connection: 1 }, 5))).toEqual([
      ['request.lost', r1.req],
      ['response.lost', r2.req],
    ]);
    expect(d.send(t1.event, 10)).toEqual([]);
    expect(d.send(t2.event, 10)).toEqual([]);
  });

  test('a stall holds back everything after it on that direction of the connection', () => {
    const d = driver({ plan: plan({ 1: { kind: 'stall', durationMs: 300 } }) });
    const t1 = timerOf(d.send({ type: 'send', packet: request(ref(1)) }, 0));
    const t2 = timerOf(d.send({ type: 'send', packet: request(ref(2)) }, 1));
    expect(t1.delayMs).toBe(300);
    expect(1 + t2.delayMs).toBeGreaterThanOrEqual(300);
  });

  test('while the broker is down, requests are lost and open connections break', () => {
    const d = driver();
    const r1 = ref(1);
    const t1 = timerOf(d.send({ type: 'send', packet: request(r1) }, 0));
    const down = d.send({ type: 'broker.down' }, 2);
    expect(lostReqs(down)).toEqual([['request.lost', r1.req]]);
    expect(toProducer(down)).toEqual([{ type: 'connection.broken', connection: 1 }]);
    expect(d.send(t1.event, 10)).toEqual([]);
    d.send({ type: 'broker.up' }, 50);
    const r2 = ref(2, 2);
    const t2 = timerOf(d.send({ type: 'send', packet: request(r2) }, 60));
    expect(toBroker(d.send(t2.event, 70))).toHaveLength(1);
  });
});

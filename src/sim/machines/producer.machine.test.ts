import { describe, expect, test } from 'vitest';
import { configProblemText, deliveryErrorText } from '../../i18n/facts';
import type { ProducerConfig } from '../scenario/schema';
import { partyHarness, type Observed } from '../testing/party-harness';
import { producerConfig } from '../testing/scenario';
import type { Packet } from './effects';
import type { ProducerEvent } from './producer-events';
import type { ProducerContext } from './producer.machine';
import { producerMachine } from './producer.machine';

/** What the producer did in one step, in the terms these tests use: records, timers, packets and closes it sent. */
type Fx =
  | Extract<Observed, { type: 'record' | 'cancel' }>
  | { type: 'timer'; delayMs: number; event: { type: string }; id: string }
  | { type: 'send'; packet: Packet }
  | { type: 'close'; connection: number };
type ProducePacket = Extract<Packet, { kind: 'produce' }>;

function effects(observed: Observed[]): Fx[] {
  return observed.flatMap((f): Fx[] => {
    if (f.type === 'record' || f.type === 'cancel') return [f];
    if (f.type === 'timer') return [{ type: 'timer', delayMs: f.delayMs, event: f.event, id: f.id }];
    if (f.type === 'sent' && f.to === 'network' && f.event.type === 'packet.send') return [{ type: 'send', packet: f.event['packet'] as Packet }];
    if (f.type === 'sent' && f.to === 'network' && f.event.type === 'connection.close') return [{ type: 'close', connection: f.event['connection'] as number }];
    return [];
  });
}

/** Connection attempts the producer asked the network for, by connection id. */
const connects = (observed: Observed[]): number[] =>
  observed.flatMap((f) => (f.type === 'sent' && f.to === 'network' && f.event.type === 'connection.connect' ? [f.event['connection'] as number] : []));

/**
 * Runs a producer actor on XState's interpreter with a hand-moved clock; the network is a stub. Unless told
 * otherwise, the stub accepts every connection attempt at once (as the network does while the broker is up), and
 * what the producer does then is part of the same step's effects.
 */
function driver(over: Partial<ProducerConfig> = {}, opts: { acceptConnections?: boolean } = {}) {
  const config = producerConfig({ 'linger.ms': 0, ...over });
  const h = partyHarness(producerMachine, 'producer-1', (clock) => ({ instance: 1, config, firstBatchId: 1, firstReqId: 1, firstConnection: 0, clock }), ['network']);
  const actor = h.actor;
  const m = () => (actor.getSnapshot().context as ProducerContext).m;
  let accept = opts.acceptConnections ?? true;
  /** Connection attempts seen, accepted or not. */
  const attempts: number[] = [];
  const send = (event: ProducerEvent, now?: number): Fx[] => {
    let observed = h.send(event, now);
    const fx = effects(observed);
    for (let tried = connects(observed); tried.length > 0; tried = connects(observed)) {
      attempts.push(...tried);
      if (!accept) break;
      observed = h.send({ type: 'connect.succeeded', connection: tried[tried.length - 1]! }, now);
      fx.push(...effects(observed));
    }
    return fx;
  };
  const p = () => m().partitions[0]!;
  /** The region states while running: idempotence and connection. */
  const regions = () => (h.value() as { running: { idempotence: unknown; connection: unknown } }).running;
  /** From now on the stub network accepts (true) or leaves unanswered (false) each connection attempt. */
  const acceptConnections = (on: boolean) => (accept = on);
  return { actor, m, p, send, config, regions, value: h.value, attempts, acceptConnections };
}

const records = (fx: Fx[]) => fx.flatMap((f) => (f.type === 'record' ? [f.ev] : []));
const kinds = (fx: Fx[]) => records(fx).map((e) => e.kind);
const produced = (fx: Fx[]): ProducePacket['ref'][] =>
  fx.flatMap((f) => (f.type === 'send' && f.packet.kind === 'produce' ? [f.packet.ref] : []));
const timers = (fx: Fx[]) => fx.flatMap((f) => (f.type === 'timer' ? [f] : []));

/** A started idempotent producer that already has pid 1000, epoch 0. */
function withPid(over: Partial<ProducerConfig> = {}) {
  const d = driver(over);
  d.send({ type: 'producer.start' });
  d.send({ type: 'app.send', message: 1, resend: false }, 0);
  const fx = d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection }, 5);
  return { ...d, firstFx: fx };
}

describe('producer machine: start', () => {
  test('a rejected config → state rejected and a config.error record', () => {
    const d = driver({ 'max.in.flight.requests.per.connection': 6 });
    const fx = d.send({ type: 'producer.start' });
    expect(d.actor.getSnapshot().value).toBe('rejected');
    expect(records(fx)).toEqual([
      { kind: 'config.error', lane: 'producer', message: 'idempotence-max-in-flight' },
    ]);
    expect(configProblemText('en', 'idempotence-max-in-flight')).toBe(
      'ConfigException: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
    );
    // a final state: the producer is never constructed
    expect(d.actor.getSnapshot().status).toBe('done');
  });

  test('a valid config → running, announced', () => {
    const d = driver();
    const fx = d.send({ type: 'producer.start' });
    expect(d.value()).toEqual({ running: { idempotence: 'uninitialized', connection: 'disconnected' } });
    expect(kinds(fx)).toEqual(['producer.started']);
  });
});

describe('producer machine: idempotent start-up', () => {
  test('requests a producer id before sending, and holds batches until pid.assigned', () => {
    const d = driver();
    d.send({ type: 'producer.start' });
    const fx1 = d.send({ type: 'app.send', message: 1, resend: false }, 0);
    expect(fx1.filter((f) => f.type === 'send').map((f) => (f.type === 'send' ? f.packet.kind : ''))).toEqual(['init-pid']);
    expect(kinds(fx1)).toContain('pid.requested');
    expect(produced(fx1)).toEqual([]);
    const fx2 = d.send({ type: 'app.send', message: 2, resend: false }, 3);
    // only one InitProducerId in flight
    expect(fx2.some((f) => f.type === 'send')).toBe(false);
    expect(d.p().queue.toArray().map((b) => b.messages)).toEqual([[1], [2]]);
    expect(d.m().requests.size).toBe(0);

    const fx3 = d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection }, 6);
    expect(d.m().pid).toBe(1000);
    expect(d.m().epoch).toBe(0);
    expect(produced(fx3).map((r) => [r.messages, r.pid, r.epoch, r.baseSeq, r.lastSeq, r.attempt])).toEqual([
      [[1], 1000, 0, 0, 0, 1],
      [[2], 1000, 0, 1, 1, 1],
    ]);
  });

  test('sequences are assigned at first drain, not at send()', () => {
    const d = driver();
    d.send({ type: 'producer.start' });
    d.send({ type: 'app.send', message: 1, resend: false }, 0);
    d.send({ type: 'app.send', message: 2, resend: false }, 1);
    // not numbered while waiting for the producer id
    expect(d.p().queue.toArray().map((b) => b.baseSeq)).toEqual([-1, -1]);
    expect(d.p().nextSeq).toBe(0);
    d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection }, 6);
    expect(d.p().inflight.map((b) => [b.messages[0], b.baseSeq, b.epoch])).toEqual([
      [1, 0, 0],
      [2, 1, 0],
    ]);
    expect(d.p().nextSeq).toBe(2);
  });

  test('the counter advances by the record count of each batch', () => {
    const d = driver({ 'linger.ms': 5, 'batch.size.records': 3 });
    d.send({ type: 'producer.start' });
    for (let i = 1; i <= 3; i++) d.send({ type: 'app.send', message: i, resend: false }, 0);
    const fx = d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection }, 5);
    expect(produced(fx).map((r) => [r.baseSeq, r.lastSeq, r.messages])).toEqual([[0, 2, [1, 2, 3]]]);
    expect(d.p().nextSeq).toBe(3);
  });

  test('a pid.assigned for another connection is ignored', () => {
    const d = driver();
    d.send({ type: 'producer.start' });
    d.send({ type: 'app.send', message: 1, resend: false }, 0);
    d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection + 7 }, 5);
    expect(d.m().pid).toBe(-1);
  });
});

describe('producer machine: sending', () => {
  test('max.in.flight.requests.per.connection is respected', () => {
    const d = withPid({ 'max.in.flight.requests.per.connection': 2 });
    expect(produced(d.firstFx)).toHaveLength(1);
    const fx = [2, 3, 4].flatMap((msg) => d.send({ type: 'app.send', message: msg, resend: false }, 6));
    expect(produced(fx).map((r) => r.messages[0])).toEqual([2]);
    expect(d.m().requests.size).toBe(2);
    expect(d.p().queue.toArray().map((b) => b.messages[0])).toEqual([3, 4]);
    const fx2 = d.send({ type: 'response.received', req: 1, error: 'NONE', offset: 0 }, 20);
    expect(kinds(fx2)).toContain('delivery.ack');
    expect(produced(fx2).map((r) => [r.messages[0], r.baseSeq])).toEqual([[3, 2]]);
    expect(d.m().requests.size).toBe(2);
    expect(d.p().lastAckedSeq).toBe(0);
  });

  test('a retry keeps pid, epoch and sequence', () => {
    const d = withPid();
    const [first] = produced(d.firstFx);
    const fx = d.send({ type: 'response.received', req: first!.req, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 20);
    const retry = records(fx).find((e) => e.kind === 'retry.scheduled');
    expect(retry).toMatchObject({ kind: 'retry.scheduled', attempt: 2, backoffMs: 100, reason: 'NOT_ENOUGH_REPLICAS', bump: false });
    expect(timers(fx).map((t) => t.event)).toContainEqual({ type: 'backoff.elapsed', batch: first!.batch, attempt: 1 });
    expect(produced(fx)).toEqual([]);
    const fx2 = d.send({ type: 'backoff.elapsed', batch: first!.batch, attempt: 1 }, 120);
    const [again] = produced(fx2);
    expect(again).toMatchObject({ batch: first!.batch, pid: 1000, epoch: 0, baseSeq: first!.baseSeq, lastSeq: first!.lastSeq, attempt: 2 });
    expect(again!.req).not.toBe(first!.req);
  });

  test('a stale backoff timer is ignored', () => {
    const d = withPid();
    const [first] = produced(d.firstFx);
    d.send({ type: 'response.received', req: first!.req, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 20);
    expect(produced(d.send({ type: 'backoff.elapsed', batch: first!.batch, attempt: 7 }, 120))).toEqual([]);
  });

  test('request.timeout fails every request on the connection with REQUEST_TIMED_OUT and closes it', () => {
    const d = withPid({ 'request.timeout.ms': 1000, 'delivery.timeout.ms': 60000 });
    d.send({ type: 'app.send', message: 2, resend: false }, 6);
    d.send({ type: 'app.send', message: 3, resend: false }, 7);
    expect(d.m().requests.size).toBe(3);
    const conn = d.m().connection;
    const fx = d.send({ type: 'request.timeout', req: 1 }, 1005);
    expect(fx).toContainEqual({ type: 'close', connection: conn });
    const failed = records(fx).filter((e) => e.kind === 'request.failed');
    // every open request fails (the order of the failure records is the client's business)
    expect(failed.map((e) => (e.kind === 'request.failed' ? [e.req, e.error] : [])).sort()).toEqual([
      [1, 'REQUEST_TIMED_OUT'],
      [2, 'REQUEST_TIMED_OUT'],
      [3, 'REQUEST_TIMED_OUT'],
    ]);
    const closed = records(fx).find((e) => e.kind === 'connection.closed');
    expect(closed).toMatchObject({ reason: 'request-timeout', failed: [1, 2, 3] });
    expect(d.m().requests.size).toBe(0);
    expect(d.regions().connection).toBe('waitingToReconnect');
    expect(records(fx).filter((e) => e.kind === 'retry.scheduled')).toHaveLength(3);
    // a late response on the closed connection is ignored
    expect(d.send({ type: 'response.received', req: 2, error: 'NONE', offset: 1 }, 1006)).toEqual([]);
  });

  test('retries after a timeout go out again in sequence order with the same numbers', () => {
    const d = withPid({ 'request.timeout.ms': 1000, 'delivery.timeout.ms': 60000 });
    d.send({ type: 'app.send', message: 2, resend: false }, 6);
    d.send({ type: 'request.timeout', req: 1 }, 1005);
    const out: ProducePacket['ref'][] = [];
    out.push(...produced(d.send({ type: 'reconnect.ready' }, 1055)));
    out.push(...produced(d.send({ type: 'backoff.elapsed', batch: 1, attempt: 1 }, 1105)));
    out.push(...produced(d.send({ type: 'backoff.elapsed', batch: 2, attempt: 1 }, 1105)));
    // Only the oldest unacknowledged batch may be retried while retries are pending.
    expect(out.map((r) => [r.batch, r.baseSeq, r.attempt])).toEqual([[1, 0, 2]]);
    const fx = d.send({ type: 'response.received', req: out[0]!.req, error: 'NONE', offset: 0 }, 1120);
    expect(produced(fx).map((r) => [r.batch, r.baseSeq, r.attempt])).toEqual([[2, 1, 2]]);
  });

  test('OUT_OF_ORDER_SEQUENCE_NUMBER for the next sequence bumps the epoch and renumbers from 0', () => {
    const d = withPid();
    d.send({ type: 'app.send', message: 2, resend: false }, 6);
    d.send({ type: 'response.received', req: 1, error: 'NONE', offset: 0 }, 20);
    expect(d.p().lastAckedSeq).toBe(0);
    const fx = d.send({ type: 'response.received', req: 2, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', offset: -1 }, 21);
    expect(records(fx).find((e) => e.kind === 'retry.scheduled')).toMatchObject({ bump: true, reason: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    const bumped = records(fx).find((e) => e.kind === 'epoch.bumped');
    expect(bumped).toMatchObject({ pid: 1000, epoch: 1, renumbered: [{ batch: 2, fromSeq: 1, toSeq: 0 }] });
    expect(d.m().epoch).toBe(1);
    expect(d.m().pid).toBe(1000);
    expect(d.p().lastAckedSeq).toBe(-1);
    expect(d.p().nextSeq).toBe(1);
    const [resent] = produced(d.send({ type: 'backoff.elapsed', batch: 2, attempt: 1 }, 121));
    expect(resent).toMatchObject({ batch: 2, pid: 1000, epoch: 1, baseSeq: 0, lastSeq: 0, attempt: 2 });
    // a new batch continues the new epoch's numbering
    d.send({ type: 'response.received', req: resent!.req, error: 'NONE', offset: 1 }, 130);
    const [next] = produced(d.send({ type: 'app.send', message: 3, resend: false }, 131));
    expect(next).toMatchObject({ epoch: 1, baseSeq: 1 });
  });

  test('OUT_OF_ORDER_SEQUENCE_NUMBER for a batch that is not next → retry without bump', () => {
    const d = withPid();
    d.send({ type: 'app.send', message: 2, resend: false }, 6);
    // batch 2 (seq 1) is rejected while seq 0 is still unacknowledged: no gap yet
    const fx = d.send({ type: 'response.received', req: 2, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', offset: -1 }, 20);
    expect(records(fx).find((e) => e.kind === 'retry.scheduled')).toMatchObject({ bump: false });
    expect(kinds(fx)).not.toContain('epoch.bumped');
    expect(d.m().epoch).toBe(0);
  });

  test('delivery.timeout of a batch that was being retried marks it unresolved and blocks new batches until in-flight ones finish', () => {
    const d = withPid({ 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2000 });
    d.send({ type: 'app.send', message: 2, resend: false }, 100);
    expect(d.m().requests.size).toBe(2);
    // batch 1 is refused once and goes back for a retry; batch 2 stays in flight
    d.send({ type: 'response.received', req: 1, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 110);
    const resent = produced(d.send({ type: 'backoff.elapsed', batch: 1, attempt: 1 }, 210));
    expect(resent.map((r) => [r.messages[0], r.attempt, r.baseSeq])).toEqual([[1, 2, 0]]);
    const fx = d.send({ type: 'delivery.timeout', batch: 1 }, 2000);
    const failed = records(fx).find((e) => e.kind === 'delivery.failed');
    expect(failed).toMatchObject({ batch: 1, unresolved: true });
    expect(failed?.kind === 'delivery.failed' && deliveryErrorText('en', failed, failed.messages.length).startsWith('TimeoutException: Expiring 1 record(s)')).toBe(true);
    expect(d.p().unresolvedSeq).toBe(0);
    // a new batch is not drained while batch 2 is in flight
    const fx2 = d.send({ type: 'app.send', message: 3, resend: false }, 2001);
    expect(produced(fx2)).toEqual([]);
    expect(d.p().queue.toArray().map((b) => b.messages[0])).toEqual([3]);
    // batch 2 acknowledged: seq 1 acked, so seq 0 made it too; resolved without a bump
    const fx3 = d.send({ type: 'response.received', req: 2, error: 'NONE', offset: 1 }, 2010);
    expect(d.p().unresolvedSeq).toBe(-1);
    expect(kinds(fx3)).not.toContain('epoch.bumped');
    expect(produced(fx3).map((r) => [r.messages[0], r.epoch, r.baseSeq])).toEqual([[3, 0, 2]]);
  });

  test('delivery.timeout of a batch on its first attempt does not mark it unresolved (Kafka checks inRetry)', () => {
    const d = withPid({ 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2000 });
    const fx = d.send({ type: 'delivery.timeout', batch: 1 }, 2000);
    expect(records(fx).find((e) => e.kind === 'delivery.failed')).toMatchObject({ batch: 1, unresolved: false });
    expect(d.p().unresolvedSeq).toBe(-1);
  });

  test('an unresolved batch that leaves a gap is closed by an epoch bump', () => {
    const d = withPid({ 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2000 });
    d.send({ type: 'app.send', message: 2, resend: false }, 100);
    // batch 2 (seq 1) is refused and waits to be retried behind batch 1, which is still in flight; then it expires
    d.send({ type: 'response.received', req: 2, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 110);
    d.send({ type: 'delivery.timeout', batch: 2 }, 2100);
    expect(d.p().unresolvedSeq).toBe(1);
    d.send({ type: 'app.send', message: 3, resend: false }, 2101);
    const fx = d.send({ type: 'response.received', req: 1, error: 'NONE', offset: 0 }, 2102);
    // last acked 0, next seq 2: seq 1's fate is unknown → a new epoch starting at 0
    expect(kinds(fx)).toContain('epoch.bumped');
    expect(produced(fx).map((r) => [r.messages[0], r.epoch, r.baseSeq])).toEqual([[3, 1, 0]]);
  });

  test('DUPLICATE_SEQUENCE_NUMBER from an old broker completes the batch with offset −1', () => {
    const d = withPid();
    const fx = d.send({ type: 'response.received', req: 1, error: 'DUPLICATE_SEQUENCE_NUMBER', offset: -1 }, 20);
    expect(records(fx).find((e) => e.kind === 'delivery.ack')).toMatchObject({ batch: 1, offset: -1 });
    expect(d.p().lastAckedSeq).toBe(0);
  });

  test('UNKNOWN_PRODUCER_ID bumps the epoch and resends from sequence 0', () => {
    const d = withPid();
    const fx = d.send({ type: 'response.received', req: 1, error: 'UNKNOWN_PRODUCER_ID', offset: -1 }, 20);
    expect(kinds(fx)).toContain('epoch.bumped');
    const resent = produced(d.send({ type: 'backoff.elapsed', batch: 1, attempt: 1 }, 200));
    expect(resent.map((r) => [r.epoch, r.baseSeq, r.attempt])).toEqual([[1, 0, 2]]);
  });

  test('idempotence off with max.in.flight 1 sends one request at a time', () => {
    const d = driver({ 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 1 });
    d.send({ type: 'producer.start' });
    const fx = [1, 2, 3].flatMap((msg) => d.send({ type: 'app.send', message: msg, resend: false }, msg));
    // no InitProducerId without idempotence
    expect(fx.some((f) => f.type === 'send' && f.packet.kind === 'init-pid')).toBe(false);
    const first = produced(fx);
    expect(first.map((r) => [r.messages[0], r.pid, r.epoch, r.baseSeq])).toEqual([[1, -1, -1, -1]]);
    const second = produced(d.send({ type: 'response.received', req: first[0]!.req, error: 'NONE', offset: 0 }, 20));
    expect(second.map((r) => r.messages[0])).toEqual([2]);
    const third = produced(d.send({ type: 'response.received', req: second[0]!.req, error: 'NONE', offset: 1 }, 30));
    expect(third.map((r) => r.messages[0])).toEqual([3]);
  });

  test('idempotence off ignores pid.assigned', () => {
    const d = driver({ 'enable.idempotence': false });
    d.send({ type: 'producer.start' });
    d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: 1 });
    expect(d.m().pid).toBe(-1);
  });

  test('producer.crash closes the connection and ends the machine', () => {
    const d = withPid();
    const conn = d.m().connection;
    const fx = d.send({ type: 'producer.crash' }, 10);
    expect(fx).toContainEqual({ type: 'close', connection: conn });
    expect(d.actor.getSnapshot().value).toBe('crashed');
    expect(d.m().requests.size).toBe(0);
  });
});

describe('producer machine: the statechart regions follow the protocol', () => {
  test('idempotence: uninitialized → initializing (InitProducerId sent) → ready; connection: disconnected → connected', () => {
    const d = driver();
    d.send({ type: 'producer.start' });
    expect(d.regions()).toEqual({ idempotence: 'uninitialized', connection: 'disconnected' });
    d.send({ type: 'app.send', message: 1, resend: false }, 0);
    expect(d.regions()).toEqual({ idempotence: 'initializing', connection: 'connected' });
    d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection }, 5);
    expect(d.regions()).toEqual({ idempotence: { ready: 'steady' }, connection: 'connected' });
  });

  test('idempotence off: the idempotence region is disabled and never asks for a producer id', () => {
    const d = driver({ 'enable.idempotence': false });
    d.send({ type: 'producer.start' });
    const fx = d.send({ type: 'app.send', message: 1, resend: false }, 0);
    expect(d.regions()).toEqual({ idempotence: 'disabled', connection: 'connected' });
    expect(fx.flatMap((f) => (f.type === 'send' ? [f.packet.kind] : []))).toEqual(['produce']);
  });

  test('a lost InitProducerId connection goes back to uninitialized, and the producer asks again after reconnect.backoff.ms', () => {
    const d = driver();
    d.send({ type: 'producer.start' });
    d.send({ type: 'app.send', message: 1, resend: false }, 0);
    d.send({ type: 'connection.broken', connection: d.m().connection }, 10);
    expect(d.regions()).toEqual({ idempotence: 'uninitialized', connection: 'waitingToReconnect' });
    const fx = d.send({ type: 'reconnect.ready' }, 60);
    expect(d.regions()).toEqual({ idempotence: 'initializing', connection: 'connected' });
    expect(fx.flatMap((f) => (f.type === 'send' ? [f.packet.kind] : []))).toEqual(['init-pid']);
  });

  test('a request timeout: connected → waitingToReconnect, with a reconnect timer of reconnect.backoff.ms', () => {
    const d = withPid();
    const fx = d.send({ type: 'request.timeout', req: 1 }, 1005);
    expect(d.regions().connection).toBe('waitingToReconnect');
    expect(fx.filter((f) => f.type === 'timer' && f.event.type === 'reconnect.ready').map((f) => (f.type === 'timer' ? f.delayMs : 0))).toEqual([50]);
    // the request-timeout timers of the failed requests are withdrawn with XState's cancel
    expect(fx).toContainEqual({ type: 'cancel', id: 'request.timeout:1' });
  });

  test('a sequence gap: ready.steady → ready.bumpRequired → (bumped at the next drain) ready.steady', () => {
    const d = withPid();
    d.send({ type: 'app.send', message: 2, resend: false }, 6);
    d.send({ type: 'response.received', req: 1, error: 'NONE', offset: 0 }, 20);
    const fx = d.send({ type: 'response.received', req: 2, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', offset: -1 }, 21);
    // the bump is required and taken in the same step: both transitions happen, and the epoch is 1
    expect(records(fx).map((e) => e.kind)).toContain('epoch.bumped');
    expect(d.regions().idempotence).toEqual({ ready: 'steady' });
    expect(d.m().epoch).toBe(1);
  });

  test('producer.crash → crashed: later answers are ignored', () => {
    const d = withPid();
    d.send({ type: 'producer.crash' }, 10);
    expect(d.value()).toBe('crashed');
    expect(d.send({ type: 'response.received', req: 1, error: 'NONE', offset: 0 }, 20)).toEqual([]);
  });
});

describe('producer machine: a broker that cannot be reached is skipped (Sender drains only ready nodes, §1.5)', () => {
  test('while connections are refused nothing is sent and no attempt is used; reconnects follow reconnect.backoff.ms, doubling up to the max', () => {
    const d = withPid({ 'reconnect.backoff.ms': 50, 'reconnect.backoff.max.ms': 300 });
    expect(produced(d.firstFx).map((r) => [r.batch, r.attempt, r.connection])).toEqual([[1, 1, 1]]);
    d.acceptConnections(false);
    // the broker goes down: the open connection breaks and the request on it fails (that attempt was used)
    const broke = d.send({ type: 'connection.broken', connection: 1 }, 20);
    expect(timers(broke).find((t) => t.event.type === 'reconnect.ready')).toMatchObject({ delayMs: 50 });
    expect(timers(broke).find((t) => t.event.type === 'backoff.elapsed')).toMatchObject({ delayMs: 100 });
    // reconnect.backoff.ms passes, but nothing is ready to send yet: no connection attempt
    expect(d.send({ type: 'reconnect.ready' }, 70)).toEqual([]);
    expect(d.attempts).toEqual([1]);
    // the retry backoff ends: the sender wants to send, so it connects, and sends nothing meanwhile
    const wants = d.send({ type: 'backoff.elapsed', batch: 1, attempt: 1 }, 120);
    expect(produced(wants)).toEqual([]);
    expect(d.attempts).toEqual([1, 2]);
    expect(d.regions().connection).toBe('connecting');
    // a new record waits too
    expect(produced(d.send({ type: 'app.send', message: 2, resend: false }, 125))).toEqual([]);
    // each refusal doubles the wait: 100, 200, then capped at 300
    const waits: number[] = [];
    let now = 140;
    for (const connection of [2, 3, 4, 5]) {
      const refused = d.send({ type: 'connect.failed', connection }, now);
      expect(d.regions().connection).toBe('waitingToReconnect');
      const ev = records(refused).find((e) => e.kind === 'connection.refused');
      expect(ev).toMatchObject({ kind: 'connection.refused', connection });
      const timer = timers(refused).find((t) => t.event.type === 'reconnect.ready')!;
      waits.push(timer.delayMs);
      now += timer.delayMs;
      expect(produced(d.send({ type: 'reconnect.ready' }, now))).toEqual([]);
      now += 20;
    }
    expect(waits).toEqual([100, 200, 300, 300]);
    expect(d.attempts).toEqual([1, 2, 3, 4, 5, 6]);
    // no attempt was used and no retry backoff grew while the broker was unreachable
    expect(d.p().inflight.map((b) => b.attempts)).toEqual([1]);
    // the broker is back: the connection is ready, the retry goes out as attempt 2, then the waiting record
    d.acceptConnections(true);
    const back = d.send({ type: 'connect.succeeded', connection: 6 }, now);
    expect(kinds(back)[0]).toBe('connection.opened');
    expect(produced(back).map((r) => [r.batch, r.attempt, r.baseSeq, r.connection])).toEqual([
      [1, 2, 0, 6],
      [2, 1, 1, 6],
    ]);
    // and a later disconnect starts again from reconnect.backoff.ms
    d.send({ type: 'response.received', req: produced(back)[0]!.req, error: 'NONE', offset: 0 }, now + 10);
    const again = d.send({ type: 'connection.broken', connection: 6 }, now + 20);
    expect(timers(again).find((t) => t.event.type === 'reconnect.ready')).toMatchObject({ delayMs: 50 });
  });

  test('an answer about an older connection attempt is ignored', () => {
    const d = driver({}, { acceptConnections: false });
    d.send({ type: 'producer.start' });
    d.send({ type: 'app.send', message: 1, resend: false }, 0);
    expect(d.attempts).toEqual([1]);
    expect(d.send({ type: 'connect.succeeded', connection: 7 }, 1)).toEqual([]);
    expect(d.regions().connection).toBe('connecting');
  });
});

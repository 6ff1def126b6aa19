import { describe, expect, test } from 'vitest';
import type { ProducerConfig } from '../scenario/schema';
import { partyHarness, type Observed } from '../testing/party-harness';
import { producerConfig } from '../testing/scenario';
import type { Packet, TraceEventInput } from './effects';
import type { ProducerEvent } from './producer-events';
import type { ProducerContext } from './producer.machine';
import { producerMachine } from './producer.machine';

/**
 * How the client retries, fails and resolves batches, against Kafka's Sender, RecordAccumulator and
 * TransactionManager (reference §1.3, §1.5, §1.7).
 */

type ProduceRef = Extract<Packet, { kind: 'produce' }>['ref'];

/** Connection attempts the producer asked the network for, by connection id. */
const connects = (observed: Observed[]): number[] =>
  observed.flatMap((f) => (f.type === 'sent' && f.to === 'network' && f.event.type === 'connection.connect' ? [f.event['connection'] as number] : []));

/**
 * A producer on XState's interpreter with a hand-moved clock and a stub network that accepts every connection
 * attempt at once (as the network does while the broker is up); what follows is part of the same step.
 */
function driver(over: Partial<ProducerConfig> = {}) {
  const config = producerConfig({ 'linger.ms': 0, ...over });
  const h = partyHarness(producerMachine, 'producer-1', (clock) => ({ instance: 1, config, firstBatchId: 1, firstReqId: 1, firstConnection: 0, clock }), ['network']);
  const m = () => (h.actor.getSnapshot().context as ProducerContext).m;
  const send = (event: ProducerEvent, now?: number): Observed[] => {
    let observed = h.send(event, now);
    const all = [...observed];
    for (let tried = connects(observed); tried.length > 0; tried = connects(observed)) {
      observed = h.send({ type: 'connect.succeeded', connection: tried[tried.length - 1]! }, now);
      all.push(...observed);
    }
    return all;
  };
  return { m, p: () => m().partitions[0]!, send };
}

const records = (fx: Observed[]): TraceEventInput[] => fx.flatMap((f) => (f.type === 'record' ? [f.ev] : []));
const produced = (fx: Observed[]): ProduceRef[] =>
  fx.flatMap((f) => (f.type === 'sent' && f.event.type === 'packet.send' && (f.event['packet'] as Packet).kind === 'produce' ? [(f.event['packet'] as Extract<Packet, { kind: 'produce' }>).ref] : []));
const failedRecord = (fx: Observed[]) => records(fx).find((e) => e.kind === 'delivery.failed');
const bumped = (fx: Observed[]) => records(fx).some((e) => e.kind === 'epoch.bumped');

/** An idempotent producer with pid 1000, epoch 0 and messages 1..n in flight (one per batch). */
function withInFlight(n: number, over: Partial<ProducerConfig> = {}) {
  const d = driver(over);
  d.send({ type: 'producer.start' });
  d.send({ type: 'app.send', message: 1, resend: false }, 0);
  d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection }, 5);
  for (let msg = 2; msg <= n; msg++) d.send({ type: 'app.send', message: msg, resend: false }, 5 + msg);
  return d;
}

describe('retries after a disconnect, idempotence off (§1.5)', () => {
  test('the dead connection’s requests are retried newest first (addFirst), not in send order', () => {
    const d = driver({ 'enable.idempotence': false, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 60000 });
    d.send({ type: 'producer.start' });
    for (const msg of [1, 2, 3]) d.send({ type: 'app.send', message: msg, resend: false }, msg);
    expect(d.m().requests.size).toBe(3);
    d.send({ type: 'connection.broken', connection: d.m().connection }, 10);
    const out: ProduceRef[] = [];
    out.push(...produced(d.send({ type: 'reconnect.ready' }, 60)));
    // the backoff timers fire in the order the batches failed: oldest first
    for (const batch of [1, 2, 3]) out.push(...produced(d.send({ type: 'backoff.elapsed', batch, attempt: 1 }, 110)));
    expect(out.map((r) => [r.messages[0], r.attempt])).toEqual([
      [3, 2],
      [2, 2],
      [1, 2],
    ]);
  });

  test('with idempotence on the same failure is retried in sequence order', () => {
    const d = withInFlight(3, { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 60000 });
    d.send({ type: 'connection.broken', connection: d.m().connection }, 10);
    expect(d.p().queue.toArray().map((b) => b.baseSeq)).toEqual([0, 1, 2]);
  });
});

describe('running out of retries (§1.5)', () => {
  test('the batch fails with its last error; its sequence is not marked unresolved and nothing bumps', () => {
    const d = withInFlight(1, { retries: 1 });
    d.send({ type: 'response.received', req: 1, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 20);
    const [retry] = produced(d.send({ type: 'backoff.elapsed', batch: 1, attempt: 1 }, 120));
    expect(retry).toMatchObject({ attempt: 2, baseSeq: 0 });
    const fx = d.send({ type: 'response.received', req: retry!.req, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 130);
    expect(failedRecord(fx)).toMatchObject({ batch: 1, error: 'NOT_ENOUGH_REPLICAS', unresolved: false });
    expect(d.p().unresolvedSeq).toBe(-1);
    expect(bumped(fx)).toBe(false);
    expect(d.m().epoch).toBe(0);
  });

  test('a later batch then meets OUT_OF_ORDER_SEQUENCE_NUMBER as "not next" and is retried without a bump', () => {
    const d = withInFlight(1, { retries: 1 });
    d.send({ type: 'response.received', req: 1, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 20);
    const [retry] = produced(d.send({ type: 'backoff.elapsed', batch: 1, attempt: 1 }, 120));
    d.send({ type: 'response.received', req: retry!.req, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 130);
    // the next batch keeps its numbering (seq 1): the failed batch's fate is unknown, so nothing is renumbered
    const [next] = produced(d.send({ type: 'app.send', message: 2, resend: false }, 140));
    expect(next).toMatchObject({ epoch: 0, baseSeq: 1 });
    const fx = d.send({ type: 'response.received', req: next!.req, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', offset: -1 }, 150);
    expect(records(fx).find((e) => e.kind === 'retry.scheduled')).toMatchObject({ reason: 'OUT_OF_ORDER_SEQUENCE_NUMBER', bump: false });
    expect(bumped(fx)).toBe(false);
  });
});

describe('delivery.timeout.ms (§1.5)', () => {
  test('an error reply after delivery.timeout.ms fails the batch with that error and bumps the epoch', () => {
    const d = withInFlight(2, { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 1000 });
    // the reply comes at the deadline, before the batch's own delivery timer is handled
    const fx = d.send({ type: 'response.received', req: 1, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 1000);
    expect(failedRecord(fx)).toMatchObject({ batch: 1, error: 'NOT_ENOUGH_REPLICAS', unresolved: false });
    expect(d.p().unresolvedSeq).toBe(-1);
    expect(bumped(fx)).toBe(true);
    expect(d.m().epoch).toBe(1);
  });

  test('a first attempt that expires in flight is not marked unresolved', () => {
    const d = withInFlight(1, { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2000 });
    const fx = d.send({ type: 'delivery.timeout', batch: 1 }, 2000);
    expect(failedRecord(fx)).toMatchObject({ error: 'TimeoutException', unresolved: false });
    expect(d.p().unresolvedSeq).toBe(-1);
  });

  test('a batch that was re-enqueued and is back in flight is marked unresolved when it expires', () => {
    const d = withInFlight(2, { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2000 });
    d.send({ type: 'response.received', req: 1, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 20);
    expect(produced(d.send({ type: 'backoff.elapsed', batch: 1, attempt: 1 }, 120))).toHaveLength(1);
    const fx = d.send({ type: 'delivery.timeout', batch: 1 }, 2000);
    expect(failedRecord(fx)).toMatchObject({ error: 'TimeoutException', unresolved: true });
    expect(d.p().unresolvedSeq).toBe(0);
  });

  test('a re-enqueued batch whose backoff is over but that waits in the queue is in retry too: unresolved when it expires', () => {
    const d = withInFlight(2, { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2000 });
    // batch 2 is refused; after its backoff it waits behind batch 1, which is still in flight
    d.send({ type: 'response.received', req: 2, error: 'NOT_ENOUGH_REPLICAS', offset: -1 }, 20);
    expect(produced(d.send({ type: 'backoff.elapsed', batch: 2, attempt: 1 }, 120))).toEqual([]);
    const fx = d.send({ type: 'delivery.timeout', batch: 2 }, 2006);
    expect(failedRecord(fx)).toMatchObject({ batch: 2, error: 'TimeoutException', unresolved: true });
    expect(d.p().unresolvedSeq).toBe(1);
  });

  test('a success for a batch that already expired still updates the last acknowledged sequence', () => {
    const d = withInFlight(2, { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2000 });
    d.send({ type: 'response.received', req: 1, error: 'NONE', offset: 0 }, 20);
    expect(d.p().lastAckedSeq).toBe(0);
    // batch 2 (seq 1) expires on its first attempt, then its answer arrives
    d.send({ type: 'delivery.timeout', batch: 2 }, 2006);
    const fx = d.send({ type: 'response.received', req: 2, error: 'NONE', offset: 1 }, 2010);
    // the application was already told TimeoutException: no second verdict
    expect(records(fx).some((e) => e.kind === 'delivery.ack')).toBe(false);
    expect(d.p().lastAckedSeq).toBe(1);
  });
});

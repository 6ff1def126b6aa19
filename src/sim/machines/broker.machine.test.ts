import { describe, expect, test } from 'vitest';
import { partyHarness, type Observed } from '../testing/party-harness';
import { testRef } from '../testing/request-ref';
import { brokerConfigSchema, type BrokerConfig, type BrokerErrorFault } from '../scenario/schema';
import type { RequestRef } from '../trace/types';
import type { BrokerEvent } from './broker-events';
import type { Packet } from './effects';
import type { BrokerContext } from './broker.machine';
import { brokerMachine } from './broker.machine';

/** What the broker did in one step: records, log appends, and replies it sent to the network after processingMs. */
type BrokerEffect = Extract<Observed, { type: 'record' | 'append' }> | { type: 'reply'; delayMs: number | undefined; packet: Packet };

function driver(over: Partial<BrokerConfig> = {}) {
  const h = partyHarness(brokerMachine, 'broker', (clock) => ({ config: { ...brokerConfigSchema.parse({}), ...over }, clock }), ['network']);
  const actor = h.actor;
  const b = () => (actor.getSnapshot().context as BrokerContext).b;
  const send = (event: BrokerEvent, now?: number): BrokerEffect[] =>
    h.send(event, now).flatMap((f): BrokerEffect[] => {
      if (f.type === 'record' || f.type === 'append') return [f];
      if (f.type === 'sent' && f.event.type === 'packet.send') return [{ type: 'reply', delayMs: f.delayMs, packet: f.event['packet'] as Packet }];
      return [];
    });
  return { actor, b, send };
}

const ref = (message: number, baseSeq: number, over: Partial<RequestRef> = {}): RequestRef => testRef(message, { baseSeq, lastSeq: baseSeq, ...over });
const produce = (r: RequestRef, over: { idempotent?: boolean; forcedError?: BrokerErrorFault | null; deadSocket?: boolean } = {}): BrokerEvent => ({
  type: 'produce',
  ref: r,
  acks: 'all',
  idempotent: over.idempotent ?? true,
  forcedError: over.forcedError ?? null,
  deadSocket: over.deadSocket ?? false,
});
const handled = (fx: BrokerEffect[]) => {
  const ev = fx.find((f) => f.type === 'record' && f.ev.kind === 'broker.handled');
  return ev && ev.type === 'record' && ev.ev.kind === 'broker.handled' ? ev.ev : undefined;
};
const appended = (fx: BrokerEffect[]) => fx.flatMap((f) => (f.type === 'append' ? f.records : []));
const replies = (fx: BrokerEffect[]) => fx.flatMap((f) => (f.type === 'reply' ? [f] : []));

describe('broker machine: produce', () => {
  test('a new batch is appended, cached with its own timestamp, and answered with its offset', () => {
    const d = driver({ processingMs: 3 });
    const r = ref(1, 0, { maxTimestamp: 7 });
    const fx = d.send(produce(r), 10);
    expect(handled(fx)).toMatchObject({ verdict: 'appended', offset: 0, req: r.req, deadSocket: false, noResponse: false });
    // The entry keeps the batch's max timestamp (its CreateTime), not the time of the append (reference §4).
    expect(handled(fx)?.broker?.producers).toEqual([{ pid: 1000, epoch: 0, batches: [{ firstSeq: 0, lastSeq: 0, firstOffset: 0, t: 7 }], lastTimestamp: 7 }]);
    expect(appended(fx)).toEqual([{ offset: 0, message: 1, pid: 1000, epoch: 0, seq: 0, t: 10 }]);
    expect(replies(fx)).toEqual([{ type: 'reply', delayMs: 3, packet: { kind: 'produce-response', ref: r, error: 'NONE', offset: 0 } }]);
    expect(d.b().logEndOffset).toBe(1);
  });

  test('a multi-record batch gets consecutive offsets and sequences', () => {
    const d = driver();
    d.send(produce(ref(1, 0)), 1);
    const fx = d.send(produce(ref(2, 1, { messages: [2, 3, 4], lastSeq: 3 })), 2);
    expect(appended(fx).map((r) => [r.offset, r.message, r.seq])).toEqual([
      [1, 2, 1],
      [2, 3, 2],
      [3, 4, 3],
    ]);
    expect(d.b().logEndOffset).toBe(4);
  });

  test('a retry of a cached batch is a duplicate: no append, answered NONE with the original offset', () => {
    const d = driver();
    d.send(produce(ref(1, 0)), 1);
    d.send(produce(ref(2, 1)), 2);
    const retry = ref(1, 0, { attempt: 2, connection: 2 });
    const fx = d.send(produce(retry, { deadSocket: true }), 50);
    expect(handled(fx)).toMatchObject({ verdict: 'duplicate', offset: 0, deadSocket: true });
    expect(appended(fx)).toEqual([]);
    expect(replies(fx).map((r) => r.packet)).toEqual([{ kind: 'produce-response', ref: retry, error: 'NONE', offset: 0 }]);
    expect(d.b().logEndOffset).toBe(2);
  });

  test('a gap → OUT_OF_ORDER_SEQUENCE_NUMBER, nothing appended, error reply with offset −1', () => {
    const d = driver();
    d.send(produce(ref(1, 0)), 1);
    const r = ref(3, 2);
    const fx = d.send(produce(r), 2);
    expect(handled(fx)).toMatchObject({ verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER', offset: -1 });
    expect(appended(fx)).toEqual([]);
    expect(replies(fx).map((x) => x.packet)).toEqual([{ kind: 'produce-response', ref: r, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', offset: -1 }]);
  });

  test('a stale epoch → INVALID_PRODUCER_EPOCH', () => {
    const d = driver();
    d.send(produce(ref(1, 0, { epoch: 2 })), 1);
    expect(handled(d.send(produce(ref(2, 1, { epoch: 1 })), 2))).toMatchObject({ verdict: 'INVALID_PRODUCER_EPOCH' });
  });

  test('idempotence off: every batch is appended, even the same one twice', () => {
    const d = driver();
    const r = ref(1, -1, { pid: -1, epoch: -1, lastSeq: -1 });
    d.send(produce(r, { idempotent: false }), 1);
    const fx = d.send(produce({ ...r, attempt: 2 }, { idempotent: false }), 2);
    expect(handled(fx)).toMatchObject({ verdict: 'appended', offset: 1 });
    expect(appended(fx)).toEqual([{ offset: 1, message: 1, pid: -1, epoch: -1, seq: -1, t: 2 }]);
    expect(d.b().entries.size).toBe(0);
  });

  test('forced errors: NOT_ENOUGH_REPLICAS writes nothing; ..._AFTER_APPEND and REQUEST_TIMED_OUT write but answer with an error', () => {
    const d = driver();
    const fx1 = d.send(produce(ref(1, 0), { forcedError: 'NOT_ENOUGH_REPLICAS' }), 1);
    expect(handled(fx1)).toMatchObject({ verdict: 'NOT_ENOUGH_REPLICAS', offset: -1 });
    expect(appended(fx1)).toEqual([]);
    const fx2 = d.send(produce(ref(1, 0), { forcedError: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' }), 2);
    expect(handled(fx2)).toMatchObject({ verdict: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', offset: 0 });
    expect(appended(fx2)).toHaveLength(1);
    expect(replies(fx2)[0]?.packet).toMatchObject({ error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', offset: -1 });
    // the retry is then recognised as a duplicate
    expect(handled(d.send(produce(ref(1, 0, { attempt: 2 })), 3))).toMatchObject({ verdict: 'duplicate', offset: 0 });
  });

  test('init-pid hands out fresh producer ids with epoch 0', () => {
    const d = driver();
    const a = replies(d.send({ type: 'init-pid', instance: 1, connection: 1 }));
    const b = replies(d.send({ type: 'init-pid', instance: 2, connection: 3 }));
    expect(a[0]?.packet).toEqual({ kind: 'init-pid-response', instance: 1, connection: 1, pid: 1000, epoch: 0 });
    expect(b[0]?.packet).toEqual({ kind: 'init-pid-response', instance: 2, connection: 3, pid: 1001, epoch: 0 });
  });
});

describe('broker machine: clean shutdown, crash, restart, expiry', () => {
  const cachedSeqs = (d: ReturnType<typeof driver>) => d.b().entries.get(1000)?.batches.map((b) => b.firstSeq);
  const restarted = (fx: BrokerEffect[]) => fx.find((f) => f.type === 'record' && f.ev.kind === 'broker.restarted');

  test('crash → down.afterCrash; requests are not handled while down', () => {
    const d = driver();
    const fx = d.send({ type: 'broker.crash' }, 5);
    expect(d.actor.getSnapshot().value).toEqual({ down: 'afterCrash' });
    expect(fx).toHaveLength(1);
    expect(fx[0]).toMatchObject({ type: 'record', ev: { kind: 'broker.crashed', snapshotOffset: 0 } });
    expect(d.send(produce(ref(1, 0)), 6)).toEqual([]);
  });

  test('clean shutdown → down.afterCleanShutdown, with a snapshot written at the log end', () => {
    const d = driver();
    for (let s = 0; s < 3; s++) d.send(produce(ref(s + 1, s)), s);
    const fx = d.send({ type: 'broker.shutdown' }, 5);
    expect(d.actor.getSnapshot().value).toEqual({ down: 'afterCleanShutdown' });
    expect(fx[0]).toMatchObject({ type: 'record', ev: { kind: 'broker.shutdown', snapshotOffset: 3 } });
    expect(d.b().snapshotFile).toEqual({ offset: 3, producers: [expect.objectContaining({ pid: 1000, batches: [expect.objectContaining({ firstSeq: 2 })] })] });
  });

  test('restart after a clean shutdown keeps only the last batch per producer; the log survives', () => {
    const d = driver();
    for (let s = 0; s < 4; s++) d.send(produce(ref(s + 1, s)), s);
    d.send({ type: 'broker.shutdown' }, 10);
    const fx = d.send({ type: 'broker.restart' }, 20);
    // down.afterCleanShutdown → recovering (the snapshot is loaded, nothing to replay) → up, in one step
    expect(d.actor.getSnapshot().value).toBe('up');
    expect(restarted(fx)).toMatchObject({ ev: { shutdown: 'clean', snapshotOffset: 4, replayedBatches: 0, keptBatches: 1, droppedBatches: 3 } });
    expect(cachedSeqs(d)).toEqual([3]);
    expect(d.b().logEndOffset).toBe(4);
    // last batch still deduplicated; an older retry is now out of order
    expect(handled(d.send(produce(ref(4, 3, { attempt: 2 })), 21))).toMatchObject({ verdict: 'duplicate', offset: 3 });
    expect(handled(d.send(produce(ref(3, 2, { attempt: 2 })), 22))).toMatchObject({ verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  });

  test('restart after a crash replays the log: all five cached batches come back, every retry is recognised', () => {
    const d = driver();
    for (let s = 0; s < 6; s++) d.send(produce(ref(s + 1, s)), s);
    d.send({ type: 'broker.crash' }, 10);
    const fx = d.send({ type: 'broker.restart' }, 20);
    expect(d.actor.getSnapshot().value).toBe('up');
    expect(restarted(fx)).toMatchObject({ ev: { shutdown: 'crash', snapshotOffset: 0, replayedBatches: 6, keptBatches: 5, droppedBatches: 0 } });
    expect(cachedSeqs(d)).toEqual([1, 2, 3, 4, 5]);
    for (let s = 1; s < 6; s++) expect(handled(d.send(produce(ref(s + 1, s, { attempt: 2 })), 21 + s))).toMatchObject({ verdict: 'duplicate', offset: s });
    // recovery ends with a snapshot at the log end: a second crash has nothing to replay
    expect(d.b().snapshotFile.offset).toBe(6);
  });

  test('log.roll.ms: a roll writes a snapshot; a crash soon after it replays little and forgets older batches', () => {
    const d = driver({ 'log.roll.ms': 100 });
    for (let s = 0; s < 3; s++) d.send(produce(ref(s + 1, s)), s * 10); // segment from t=0
    const fx = d.send(produce(ref(4, 3)), 150); // older than 100 ms: roll at offset 3, then append
    expect(fx.find((f) => f.type === 'record' && f.ev.kind === 'segment.rolled')).toMatchObject({ ev: { baseOffset: 3 } });
    expect(d.b().snapshotFile.offset).toBe(3);
    d.send(produce(ref(5, 4)), 160);
    d.send({ type: 'broker.crash' }, 170);
    const up = d.send({ type: 'broker.restart' }, 180);
    expect(restarted(up)).toMatchObject({ ev: { shutdown: 'crash', snapshotOffset: 3, replayedBatches: 2, keptBatches: 3, droppedBatches: 2 } });
    expect(cachedSeqs(d)).toEqual([2, 3, 4]);
    expect(handled(d.send(produce(ref(2, 1, { attempt: 2 })), 181))).toMatchObject({ verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(handled(d.send(produce(ref(3, 2, { attempt: 2 })), 182))).toMatchObject({ verdict: 'duplicate', offset: 2 });
  });

  test('the restart transition leaves the kind of down it came from, into recovering', () => {
    const d = driver();
    d.send(produce(ref(1, 0)), 1);
    d.send({ type: 'broker.crash' }, 2);
    const before = d.actor.getSnapshot();
    const [t] = brokerMachine.getTransitionData(before as never, { type: 'broker.restart' });
    expect(t?.source.id).toBe('broker.down.afterCrash');
    expect(t?.target?.map((n) => n.id)).toEqual(['broker.recovering']);
    // while down a second stop changes nothing
    expect(d.send({ type: 'broker.shutdown' }, 3)).toEqual([]);
    expect(d.actor.getSnapshot().value).toEqual({ down: 'afterCrash' });
  });

  test('expiry.check removes entries idle for at least producer.id.expiration.ms', () => {
    const d = driver({ 'producer.id.expiration.ms': 1000 });
    d.send(produce(ref(1, 0, { pid: 1000, maxTimestamp: 0 })), 0);
    d.send(produce(ref(2, 0, { pid: 1001, maxTimestamp: 500 })), 500);
    const fx = d.send({ type: 'expiry.check' }, 1000);
    expect([...d.b().entries.keys()]).toEqual([1001]);
    expect(fx.map((f) => (f.type === 'record' ? f.ev : null))).toEqual([
      expect.objectContaining({ kind: 'producer.expired', pid: 1000, idleMs: 1000 }),
    ]);
    // vector 15: a retry after expiry comes from an "unknown" producer and is appended again
    expect(handled(d.send(produce(ref(1, 0, { pid: 1000, attempt: 2 })), 1001))).toMatchObject({ verdict: 'appended', offset: 2 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abortExpired,
  addPartitions,
  appendBatch,
  appendMarker,
  committedOffset,
  completeTxn,
  createPartitionLog,
  endTxn,
  fetchRecords,
  MANAGER_STATES,
  managerMoveValid,
  txnMoveValid,
  initProducerId,
  lastStableOffset,
  murmur2,
  nextCheckAt,
  partitionForKey,
  type PartitionLog,
  type TxnMeta,
} from './txn-rules';

const pids = () => {
  let next = 7;
  return () => next++;
};
const data = (pid: number, epoch: number, baseSeq: number, values: number[], transactional = true) => ({ pid, epoch, baseSeq, kind: 'data' as const, values, transactional });
const messages = (log: PartitionLog, from: number, isolation: 'read_committed' | 'read_uncommitted') => {
  const f = fetchRecords(log, from, isolation);
  return { messages: f.records.map((r) => r.message), offsets: f.records.map((r) => r.offset), next: f.next };
};

describe('the transaction coordinator (TransactionMetadata)', () => {
  it('gives a new transactional id a producer id at epoch 0, and bumps the epoch on every later InitProducerId', () => {
    const first = initProducerId(null, 't', pids(), 60000);
    expect(first).toMatchObject({ error: 'NONE', meta: { pid: 7, epoch: 0, state: 'Empty' } });
    const again = initProducerId(first.meta, 't', pids(), 60000);
    expect(again).toMatchObject({ error: 'NONE', meta: { pid: 7, epoch: 1, lastEpoch: 0 }, rule: { id: 'txn-epoch-bumped', from: 0, to: 1 } });
  });

  it('vector 13: an open transaction is fenced first (epoch +1, abort markers, CONCURRENT_TRANSACTIONS), the retry bumps again (+2 in all)', () => {
    let meta: TxnMeta = { txnId: 't', pid: 7, epoch: 3, lastEpoch: 2, state: 'Empty', partitions: [], startMs: -1, timeoutMs: 60000 };
    meta = addPartitions(meta, 7, 3, ['output-0'], 0).meta;
    const fence = initProducerId(meta, 't', pids(), 60000);
    expect(fence).toMatchObject({ error: 'CONCURRENT_TRANSACTIONS', markers: 'ABORT', meta: { epoch: 4, state: 'PrepareAbort' } });
    // While the markers are written, the retry is told to wait.
    expect(initProducerId(fence.meta, 't', pids(), 60000).error).toBe('CONCURRENT_TRANSACTIONS');
    const retry = initProducerId(completeTxn(fence.meta), 't', pids(), 60000);
    expect(retry).toMatchObject({ error: 'NONE', meta: { pid: 7, epoch: 5 } });
    // The zombie (epoch 3) is fenced at the coordinator, whatever it asks.
    expect(endTxn(retry.meta, 7, 3, 'COMMIT', 1).error).toBe('PRODUCER_FENCED');
    expect(endTxn(retry.meta, 7, 3, 'ABORT', 1).error).toBe('PRODUCER_FENCED');
    expect(addPartitions(retry.meta, 7, 3, ['output-1'], 5).error).toBe('PRODUCER_FENCED');
  });

  it('hands out a new producer id once the epoch is exhausted', () => {
    const meta: TxnMeta = { txnId: 't', pid: 7, epoch: 32766, lastEpoch: 32765, state: 'CompleteCommit', partitions: [], startMs: 0, timeoutMs: 60000 };
    expect(initProducerId(meta, 't', () => 99, 60000)).toMatchObject({ error: 'NONE', meta: { pid: 99, epoch: 0 }, rule: { id: 'txn-new-pid-epoch-exhausted' } });
  });

  it('EndTxn: Ongoing → Prepare* (markers follow); a repeat is NONE once complete, CONCURRENT_TRANSACTIONS before; the opposite end is INVALID_TXN_STATE', () => {
    const meta = addPartitions({ txnId: 't', pid: 7, epoch: 0, lastEpoch: -1, state: 'Empty', partitions: [], startMs: -1, timeoutMs: 60000 }, 7, 0, ['output-0'], 10).meta;
    expect(meta).toMatchObject({ state: 'Ongoing', startMs: 10, partitions: ['output-0'] });
    const prepared = endTxn(meta, 7, 0, 'COMMIT', 1);
    expect(prepared).toMatchObject({ error: 'NONE', markers: 'COMMIT', meta: { state: 'PrepareCommit', epoch: 0 } });
    expect(endTxn(prepared.meta, 7, 0, 'COMMIT', 1).error).toBe('CONCURRENT_TRANSACTIONS');
    expect(endTxn(prepared.meta, 7, 0, 'ABORT', 1).error).toBe('INVALID_TXN_STATE');
    const done = completeTxn(prepared.meta);
    expect(done).toMatchObject({ state: 'CompleteCommit', partitions: [] });
    expect(endTxn(done, 7, 0, 'COMMIT', 1)).toMatchObject({ error: 'NONE', rule: { id: 'txn-end-retry' } });
    expect(endTxn(done, 7, 0, 'ABORT', 1).error).toBe('INVALID_TXN_STATE');
    // Nothing open: there is nothing to end.
    expect(endTxn({ ...done, state: 'Empty' }, 7, 0, 'COMMIT', 1).error).toBe('INVALID_TXN_STATE');
  });

  it('TV2 bumps the epoch at every end and recognises a retried EndTxn from the epoch before', () => {
    const meta = addPartitions({ txnId: 't', pid: 7, epoch: 4, lastEpoch: 3, state: 'Empty', partitions: [], startMs: -1, timeoutMs: 60000 }, 7, 4, ['output-0'], 0).meta;
    const prepared = endTxn(meta, 7, 4, 'ABORT', 2);
    expect(prepared).toMatchObject({ error: 'NONE', meta: { epoch: 5, lastEpoch: 4, state: 'PrepareAbort' }, rule: { id: 'txn-prepare', bumpedTo: 5 } });
    expect(endTxn(completeTxn(prepared.meta), 7, 4, 'ABORT', 2)).toMatchObject({ error: 'NONE', rule: { id: 'txn-end-retry' } });
    // Under TV1 the same retry keeps its epoch, and the epoch does not move.
    expect(endTxn(meta, 7, 4, 'ABORT', 1).meta.epoch).toBe(4);
  });

  it('TV2: an abort before the coordinator knew of any partition still bumps the epoch (so writes in flight are fenced); TV1 refuses it', () => {
    const empty: TxnMeta = { txnId: 't', pid: 7, epoch: 0, lastEpoch: -1, state: 'Empty', partitions: [], startMs: -1, timeoutMs: 60000 };
    expect(endTxn(empty, 7, 0, 'ABORT', 2)).toMatchObject({ error: 'NONE', markers: 'ABORT', meta: { state: 'PrepareAbort', epoch: 1, partitions: [] } });
    expect(endTxn(empty, 7, 0, 'ABORT', 1).error).toBe('INVALID_TXN_STATE');
    expect(endTxn(empty, 7, 0, 'COMMIT', 2).error).toBe('INVALID_TXN_STATE');
  });

  it('vector 18: an Ongoing transaction past transaction.timeout.ms is aborted by fencing; the producer is then fenced', () => {
    const meta = addPartitions({ txnId: 't', pid: 7, epoch: 0, lastEpoch: -1, state: 'Empty', partitions: [], startMs: -1, timeoutMs: 60000 }, 7, 0, ['output-0'], 1000).meta;
    expect(abortExpired(meta, 61000)).toBeNull();
    const aborted = abortExpired(meta, 61001)!;
    expect(aborted).toMatchObject({ markers: 'ABORT', meta: { epoch: 1, state: 'PrepareAbort' }, rule: { id: 'txn-timed-out', timeoutMs: 60000 } });
    expect(endTxn(completeTxn(aborted.meta), 7, 0, 'COMMIT', 1).error).toBe('PRODUCER_FENCED');
    expect(nextCheckAt(61001, 10000)).toBe(70000);
    expect(nextCheckAt(70000, 10000)).toBe(70000);
  });
});

describe("Kafka's state machines for transactions", () => {
  it("the producer's transaction manager moves as TransactionManager.State.isTransitionValid allows; FATAL_ERROR from anywhere", () => {
    expect(managerMoveValid('UNINITIALIZED', 'INITIALIZING')).toBe(true);
    expect(managerMoveValid('ABORTING_TRANSACTION', 'INITIALIZING')).toBe(true); // KIP-360: the epoch bump after an abort
    expect(managerMoveValid('READY', 'INITIALIZING')).toBe(false);
    expect(managerMoveValid('READY', 'COMMITTING_TRANSACTION')).toBe(false);
    expect(managerMoveValid('ABORTABLE_ERROR', 'COMMITTING_TRANSACTION')).toBe(false);
    for (const from of MANAGER_STATES) expect(managerMoveValid(from, 'FATAL_ERROR')).toBe(true);
  });

  it('the coordinator moves as TransactionState.validPreviousStates allows; only TV2 aborts from Empty or a Complete state', () => {
    expect(txnMoveValid('Ongoing', 'PrepareEpochFence', 1)).toBe(true);
    expect(txnMoveValid('PrepareEpochFence', 'PrepareAbort', 1)).toBe(true);
    expect(txnMoveValid('PrepareCommit', 'PrepareAbort', 2)).toBe(false);
    expect(txnMoveValid('Empty', 'PrepareCommit', 2)).toBe(false);
    for (const from of ['Empty', 'CompleteCommit', 'CompleteAbort'] as const) {
      expect(txnMoveValid(from, 'PrepareAbort', 1)).toBe(false);
      expect(txnMoveValid(from, 'PrepareAbort', 2)).toBe(true);
    }
  });
});

describe("a partition's transactional log", () => {
  it('vector 16: after an abort, read_uncommitted returns m1, m2, m3 and read_committed m3 only; both end at 4', () => {
    const log = createPartitionLog('output-0');
    appendBatch(log, data(7, 0, 0, [1, 2]), 0);
    expect(appendMarker(log, 7, 0, 'ABORT', 1)).toMatchObject({ error: 'NONE', record: { offset: 2, kind: 'control' }, closed: { pid: 7, first: 0, last: 2 } });
    appendBatch(log, data(8, 0, 0, [3], false), 2);
    expect(messages(log, 0, 'read_uncommitted')).toEqual({ messages: [1, 2, 3], offsets: [0, 1, 3], next: 4 });
    expect(messages(log, 0, 'read_committed')).toEqual({ messages: [3], offsets: [3], next: 4 });
  });

  it('vector 17: an open transaction holds read_committed at the LSO; the commit marker releases it', () => {
    const log = createPartitionLog('output-0');
    appendBatch(log, data(7, 0, 0, [1]), 0);
    appendBatch(log, data(8, 0, 0, [2], false), 1);
    expect(lastStableOffset(log)).toBe(0);
    expect(messages(log, 0, 'read_committed')).toEqual({ messages: [], offsets: [], next: 0 });
    expect(messages(log, 0, 'read_uncommitted').messages).toEqual([1, 2]);
    appendMarker(log, 7, 0, 'COMMIT', 2);
    expect(lastStableOffset(log)).toBe(3);
    expect(messages(log, 0, 'read_committed')).toEqual({ messages: [1, 2], offsets: [0, 1], next: 3 });
  });

  it('a marker with a higher epoch fences the older one: its next write is INVALID_PRODUCER_EPOCH (vector 13)', () => {
    const log = createPartitionLog('output-0');
    expect(appendBatch(log, data(7, 3, 0, [1]), 0).offset).toBe(0);
    appendMarker(log, 7, 4, 'ABORT', 1);
    expect(appendBatch(log, data(7, 3, 1, [2]), 2)).toMatchObject({ error: 'INVALID_PRODUCER_EPOCH', offset: -1 });
    expect(appendMarker(log, 7, 3, 'COMMIT', 3).error).toBe('INVALID_PRODUCER_EPOCH');
    // The new instance's epoch starts at sequence 0.
    expect(appendBatch(log, data(7, 5, 0, [1]), 4)).toMatchObject({ error: 'NONE', offset: 2 });
    expect(messages(log, 0, 'read_committed').messages).toEqual([]);
  });

  it('vector 19 (TV1, no verification): a late write of an aborted transaction opens a transaction nobody will end, and the LSO stays behind it', () => {
    const log = createPartitionLog('output-0');
    appendMarker(log, 7, 0, 'ABORT', 0);
    expect(appendBatch(log, data(7, 0, 0, [1]), 5)).toMatchObject({ error: 'NONE', offset: 1 });
    appendBatch(log, data(8, 0, 0, [2], false), 6);
    expect(lastStableOffset(log)).toBe(1);
    expect(messages(log, 0, 'read_committed').messages).toEqual([]);
    // With TV2 the abort marker carries the bumped epoch, and the same late write is fenced.
    const tv2 = createPartitionLog('output-0');
    appendMarker(tv2, 7, 1, 'ABORT', 0);
    expect(appendBatch(tv2, data(7, 0, 0, [1]), 5).error).toBe('INVALID_PRODUCER_EPOCH');
  });

  it('a retried batch is recognised inside a transaction and appended once', () => {
    const log = createPartitionLog('output-0');
    appendBatch(log, data(7, 0, 0, [1, 2]), 0);
    expect(appendBatch(log, data(7, 0, 0, [1, 2]), 1)).toMatchObject({ error: 'NONE', duplicate: true, offset: 0 });
    expect(log.records).toHaveLength(2);
  });

  it('offsets committed in a transaction are pending (UNSTABLE_OFFSET_COMMIT) until the marker; an abort discards them', () => {
    const log = createPartitionLog('__consumer_offsets-0');
    const offsets = (pid: number, seq: number, value: number) => ({ pid, epoch: 0, baseSeq: seq, kind: 'offset' as const, values: [value], transactional: true, group: 'g' });
    expect(committedOffset(log, 'g')).toEqual({ error: 'NONE', offset: -1 });
    appendBatch(log, offsets(7, 0, 6), 0);
    expect(committedOffset(log, 'g').error).toBe('UNSTABLE_OFFSET_COMMIT');
    expect(committedOffset(log, 'other').error).toBe('NONE');
    appendMarker(log, 7, 0, 'COMMIT', 1);
    expect(committedOffset(log, 'g')).toEqual({ error: 'NONE', offset: 6 });
    appendBatch(log, offsets(7, 1, 9), 2);
    appendMarker(log, 7, 0, 'ABORT', 3);
    expect(committedOffset(log, 'g')).toEqual({ error: 'NONE', offset: 6 });
  });

  it('property: read_committed returns exactly the records of committed transactions and plain writes, in offset order, never past the LSO', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), pid: fc.integer({ min: 1, max: 3 }), txn: fc.boolean() }),
      fc.record({ kind: fc.constant('end' as const), pid: fc.integer({ min: 1, max: 3 }), commit: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const log = createPartitionLog('p');
        const seq = new Map<number, number>();
        const open = new Map<number, number[]>();
        const visible = new Set<number>();
        let message = 0;
        for (const o of ops) {
          if (o.kind === 'write') {
            message += 1;
            const s = seq.get(o.pid) ?? 0;
            seq.set(o.pid, s + 1);
            expect(appendBatch(log, data(o.pid, 0, s, [message], o.txn), 0).error).toBe('NONE');
            if (o.txn) open.set(o.pid, [...(open.get(o.pid) ?? []), message]);
            else visible.add(message);
          } else if (open.has(o.pid)) {
            appendMarker(log, o.pid, 0, o.commit ? 'COMMIT' : 'ABORT', 0);
            if (o.commit) for (const m of open.get(o.pid)!) visible.add(m);
            open.delete(o.pid);
          }
        }
        const f = fetchRecords(log, 0, 'read_committed');
        const lso = lastStableOffset(log);
        expect(f.next).toBe(lso);
        const stillOpen = new Set([...open.values()].flat());
        const expected = log.records.filter((r) => r.kind === 'data' && r.offset < lso && visible.has(r.message)).map((r) => r.message);
        expect(f.records.map((r) => r.message)).toEqual(expected);
        for (const r of f.records) expect(stillOpen.has(r.message)).toBe(false);
        // Once every transaction is over, read_committed sees every visible record.
        for (const pid of [...open.keys()]) appendMarker(log, pid, 0, 'ABORT', 0);
        expect(new Set(fetchRecords(log, 0, 'read_committed').records.map((r) => r.message))).toEqual(visible);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the default partitioner', () => {
  it("matches Kafka's murmur2 test vectors (UtilsTest.testMurmur2)", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(murmur2(enc('21'))).toBe(-973932308);
    expect(murmur2(enc('foobar'))).toBe(-790332482);
    expect(murmur2(enc('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(enc('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(enc('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(enc('abc'))).toBe(479470107);
  });

  it('puts every key in a partition in range, the same key always in the same one', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 5 }), (key, n) => {
        const p = partitionForKey(key, n);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(n);
        expect(partitionForKey(key, n)).toBe(p);
      }),
    );
  });
});

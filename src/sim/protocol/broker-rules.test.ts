import { describe, expect, test } from 'vitest';
import {
  checkAppend,
  findDuplicate,
  isExpired,
  nextExpiryCheck,
  loadSnapshot,
  rebuildProducerState,
  recordAppend,
  replayBatches,
  restoreFromSnapshot,
  shouldRoll,
  takeSnapshot,
  type LoggedBatch,
} from './broker-rules';
import { lastSequenceOf } from './sequence';
import { INT_MAX } from '../scenario/schema';
import { NUM_BATCHES_TO_RETAIN, type BatchHeader, type CachedBatch, type ProducerEntry } from './types';

const PID = 1000;
const hdr = (epoch: number, baseSeq: number, recordCount = 1): BatchHeader => ({ pid: PID, epoch, baseSeq, recordCount });
const check = (entry: ProducerEntry | undefined, h: BatchHeader) => checkAppend(entry, h, lastSequenceOf(h.baseSeq, h.recordCount));
const cached = (firstSeq: number, lastSeq: number, firstOffset: number, t = 0): CachedBatch => ({ firstSeq, lastSeq, firstOffset, t });
const entry = (epoch: number, batches: CachedBatch[], lastTimestamp = 0): ProducerEntry => ({ pid: PID, epoch, batches, lastTimestamp });

/** Appends single-record batches with seqs 0..n−1 in epoch `epoch` through recordAppend. */
function written(n: number, epoch = 0, recordCount = 1): ProducerEntry | undefined {
  let e: ProducerEntry | undefined;
  for (let i = 0; i < n; i++) {
    const base = i * recordCount;
    e = recordAppend(e, hdr(epoch, base, recordCount), cached(base, base + recordCount - 1, base, i));
  }
  return e;
}

describe('checkAppend (reference §2.2, in order)', () => {
  test('1. exact duplicate (same epoch, same first and last seq) → duplicate with the original offset', () => {
    const e = entry(0, [cached(0, 4, 0), cached(5, 9, 5)]);
    const d = check(e, hdr(0, 5, 5));
    expect(d.verdict).toBe('duplicate');
    if (d.verdict === 'duplicate') expect(d.original.firstOffset).toBe(5);
    expect(findDuplicate(e, hdr(0, 0, 5), 4)?.firstOffset).toBe(0);
  });

  test('1. a duplicate of any of the 5 cached batches is recognised', () => {
    const e = written(5);
    for (let s = 0; s < 5; s++) {
      const d = check(e, hdr(0, s));
      expect(d.verdict).toBe('duplicate');
      if (d.verdict === 'duplicate') expect(d.original.firstOffset).toBe(s);
    }
  });

  test('1. a partial overlap is NOT a duplicate', () => {
    const e = entry(0, [cached(0, 4, 0), cached(5, 9, 5)]);
    // same first seq, different last seq
    expect(check(e, hdr(0, 5, 3)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    // different first seq inside the range
    expect(check(e, hdr(0, 6, 4)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(findDuplicate(e, hdr(0, 5, 3), 7)).toBeUndefined();
  });

  test('1. the duplicate check only matches within the same epoch', () => {
    const e = entry(1, [cached(0, 0, 0)]);
    // Same seq range, older epoch: stale epoch, not a duplicate.
    expect(check(e, hdr(0, 0)).verdict).toBe('INVALID_PRODUCER_EPOCH');
    // Same seq range, newer epoch starting at 0: appended as new data.
    expect(check(e, hdr(2, 0)).verdict).toBe('append');
    expect(findDuplicate(e, hdr(2, 0), 0)).toBeUndefined();
  });

  test('2. stale epoch → INVALID_PRODUCER_EPOCH', () => {
    expect(check(entry(3, [cached(0, 0, 0)]), hdr(2, 1)).verdict).toBe('INVALID_PRODUCER_EPOCH');
    expect(check(entry(3, []), hdr(0, 0)).verdict).toBe('INVALID_PRODUCER_EPOCH');
  });

  test('3. unknown producer accepts any first seq', () => {
    for (const seq of [0, 1, 17, INT_MAX]) expect(check(undefined, hdr(0, seq)).verdict).toBe('append');
    expect(check(undefined, hdr(5, 42, 3)).verdict).toBe('append');
  });

  test('3. an entry with epoch −1 counts as unknown', () => {
    expect(check(entry(-1, []), hdr(0, 99)).verdict).toBe('append');
  });

  test('4. a new epoch must start at 0, else OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const e = entry(0, [cached(0, 9, 0)]);
    expect(check(e, hdr(1, 0)).verdict).toBe('append');
    expect(check(e, hdr(1, 10)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(e, hdr(1, 1)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  test('5. same epoch: firstSeq must be lastSeq + 1', () => {
    const e = entry(0, [cached(0, 9, 0)]);
    expect(check(e, hdr(0, 10)).verdict).toBe('append');
    expect(check(e, hdr(0, 11)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(e, hdr(0, 9)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(e, hdr(0, 0)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  test('5. same epoch: 0 follows Int.MAX', () => {
    const e = entry(0, [cached(INT_MAX - 1, INT_MAX, 0)]);
    expect(check(e, hdr(0, 0)).verdict).toBe('append');
    expect(check(e, hdr(0, 1)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  test('5. known epoch with an empty cache accepts only 0', () => {
    const e = entry(2, []);
    expect(check(e, hdr(2, 0)).verdict).toBe('append');
    expect(check(e, hdr(2, 1)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(e, hdr(2, 7, 2)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  test('vector 6: known producer (last seq 9), batch 15–19 while 10 is expected → OUT_OF_ORDER', () => {
    const e = entry(0, [cached(5, 9, 0)]);
    expect(check(e, hdr(0, 15, 5)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(e, hdr(0, 10, 5)).verdict).toBe('append');
  });

  test('vector 9: a batch older than the 5 cached → OUT_OF_ORDER_SEQUENCE_NUMBER, nothing appended', () => {
    const e = written(6);
    expect(e?.batches.map((b) => b.firstSeq)).toEqual([1, 2, 3, 4, 5]);
    expect(check(e, hdr(0, 0)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(e, hdr(0, 1)).verdict).toBe('duplicate');
    expect(check(e, hdr(0, 6)).verdict).toBe('append');
  });

  test('the duplicate rule is checked before the stale-epoch and sequence rules', () => {
    // A cached batch of the current epoch that is not the last one: duplicate wins over "not last + 1".
    const e = written(3);
    expect(check(e, hdr(0, 0)).verdict).toBe('duplicate');
  });
});

describe('recordAppend', () => {
  test('keeps at most 5 batches, newest last', () => {
    const e = written(8)!;
    expect(e.batches).toHaveLength(NUM_BATCHES_TO_RETAIN);
    expect(e.batches.map((b) => b.firstSeq)).toEqual([3, 4, 5, 6, 7]);
  });
  test('a new epoch clears the cache', () => {
    const e = written(4)!;
    const next = recordAppend(e, hdr(1, 0), cached(0, 0, 4, 50));
    expect(next.epoch).toBe(1);
    expect(next.batches).toEqual([cached(0, 0, 4, 50)]);
  });
  test('sets pid, epoch and lastTimestamp; does not mutate the old entry', () => {
    const e = written(2)!;
    const before = structuredClone(e);
    const next = recordAppend(e, hdr(0, 2), cached(2, 2, 2, 123));
    expect(next).toMatchObject({ pid: PID, epoch: 0, lastTimestamp: 123 });
    expect(e).toEqual(before);
  });
});

describe('restoreFromSnapshot', () => {
  test('keeps only the last batch', () => {
    const e = written(5)!;
    const r = restoreFromSnapshot(e);
    expect(r.batches).toEqual([e.batches[4]]);
    expect(r.epoch).toBe(e.epoch);
    expect(r.pid).toBe(e.pid);
  });
  test('after a restore only the last batch is a duplicate; older retries are OUT_OF_ORDER', () => {
    const r = restoreFromSnapshot(written(5)!);
    expect(check(r, hdr(0, 4)).verdict).toBe('duplicate');
    expect(check(r, hdr(0, 3)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(r, hdr(0, 5)).verdict).toBe('append');
  });
  test('an entry with no batches stays empty', () => {
    expect(restoreFromSnapshot(entry(1, [])).batches).toEqual([]);
  });
});

/** Single-record batches with seqs from..to−1 of epoch `epoch`, as they lie in the log (offset = seq + shift). */
function logged(from: number, to: number, epoch = 0, shift = 0): LoggedBatch[] {
  const out: LoggedBatch[] = [];
  for (let s = from; s < to; s++) out.push({ header: hdr(epoch, s), batch: cached(s, s, s + shift, s) });
  return out;
}
const DAY = 86400000;

describe('restart: snapshot plus log replay (reference §2.5)', () => {
  test('clean shutdown: the snapshot is at the log end, nothing is replayed, only the last batch per producer is cached', () => {
    const live = written(5)!;
    const e = rebuildProducerState(takeSnapshot([live], 5), [], 10, DAY).get(PID)!;
    expect(e.batches).toEqual([live.batches[4]]);
    expect(check(e, hdr(0, 4)).verdict).toBe('duplicate');
    expect(check(e, hdr(0, 3)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  test('crash with no snapshot yet: the whole log is replayed and all five cached batches come back', () => {
    const e = rebuildProducerState({ offset: 0, producers: [] }, logged(0, 7), 10, DAY).get(PID)!;
    expect(e).toEqual(written(7));
    expect(e.batches.map((b) => b.firstSeq)).toEqual([2, 3, 4, 5, 6]);
    for (let s = 2; s < 7; s++) expect(check(e, hdr(0, s)).verdict).toBe('duplicate');
  });

  test('crash after an old snapshot: its last batch plus the replayed ones, the newest five kept', () => {
    const before = written(3)!; // seqs 0..2, snapshot at offset 3 keeps seq 2
    const e = rebuildProducerState(takeSnapshot([before], 3), logged(3, 6), 10, DAY).get(PID)!;
    expect(e.batches.map((b) => b.firstSeq)).toEqual([2, 3, 4, 5]);
  });

  test('crash soon after a snapshot: little is replayed, so older cached batches are lost', () => {
    const before = written(4)!; // seqs 0..3, snapshot at offset 4 keeps seq 3
    const e = rebuildProducerState(takeSnapshot([before], 4), logged(4, 5), 10, DAY).get(PID)!;
    expect(e.batches.map((b) => b.firstSeq)).toEqual([3, 4]);
    expect(check(e, hdr(0, 2)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check(e, hdr(0, 3)).verdict).toBe('duplicate');
  });

  test('a replayed batch of a new epoch clears the cache, as at a live append', () => {
    const e = replayBatches(new Map([[PID, written(3)!]]), [{ header: hdr(1, 0), batch: cached(0, 0, 3, 9) }]).get(PID)!;
    expect(e.epoch).toBe(1);
    expect(e.batches).toEqual([cached(0, 0, 3, 9)]);
  });

  test('replay reads every producer id in the log; the snapshot keeps producers with nothing after it', () => {
    const other = { ...written(2)!, pid: 2000 };
    const m = rebuildProducerState(takeSnapshot([other], 2), logged(0, 2, 0, 2), 10, DAY);
    expect([...m.keys()].sort()).toEqual([PID, 2000]);
    expect(m.get(2000)!.batches).toHaveLength(1);
    expect(m.get(PID)!.batches).toHaveLength(2);
  });

  test('loading a snapshot leaves out entries that have expired by now (ProducerStateManager.loadFromSnapshot)', () => {
    const snap = takeSnapshot([entry(0, [cached(0, 0, 0, 100)], 100)], 1);
    expect(loadSnapshot(snap, 1099, 1000).size).toBe(1);
    expect(loadSnapshot(snap, 1100, 1000).size).toBe(0);
  });
});

describe('shouldRoll (log.roll.ms)', () => {
  test('an empty segment never rolls; a segment rolls once its first batch is older than log.roll.ms', () => {
    expect(shouldRoll(null, 1_000_000, 1)).toBe(false);
    expect(shouldRoll(0, 100, 100)).toBe(false);
    expect(shouldRoll(0, 101, 100)).toBe(true);
  });
});

describe('isExpired', () => {
  test('expires once idle for at least producer.id.expiration.ms (≥)', () => {
    const e = entry(0, [], 1000);
    expect(isExpired(e, 1999, 1000)).toBe(false);
    expect(isExpired(e, 2000, 1000)).toBe(true);
    expect(isExpired(e, 5000, 1000)).toBe(true);
  });
});

describe('nextExpiryCheck: the first periodic check that can remove an entry', () => {
  const idleSince = (lastTimestamp: number) => entry(0, [], lastTimestamp);
  test('no entries: no check is needed', () => {
    expect(nextExpiryCheck([], 0, 10, 100)).toBeNull();
  });
  test('the check at or after the earliest expiry, on the interval’s grid', () => {
    expect(nextExpiryCheck([idleSince(5), idleSince(3)], 4, 10, 100)).toBe(110); // 103 → next multiple of 10
    expect(nextExpiryCheck([idleSince(0)], 0, 10, 100)).toBe(100); // exactly on a check: that check removes it
  });
  test('never a check at or before now (an entry already expired goes at the next check)', () => {
    expect(nextExpiryCheck([idleSince(0)], 500, 10, 100)).toBe(510);
    expect(nextExpiryCheck([idleSince(0)], 505, 10, 100)).toBe(510);
  });
  test('a long idle gap with a 1 ms interval is one jump, not billions of checks', () => {
    expect(nextExpiryCheck([idleSince(2 ** 31)], 2 ** 31, 1, 86_400_000)).toBe(2 ** 31 + 86_400_000);
  });
});

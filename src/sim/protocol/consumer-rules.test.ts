import { describe, expect, test } from 'vitest';
import {
  commitCovers,
  commitNeedsRejoin,
  commitOffsetAfter,
  commitRetries,
  emptyTables,
  fetchRange,
  handlingSteps,
  partitionOwner,
  runTxn,
  startingPosition,
  validateOffsetCommit,
  type PolledRecord,
} from './consumer-rules';

const r7: PolledRecord = { offset: 6, message: 7 };

describe('the coordinator checks an offset commit (ClassicGroup.validateOffsetCommit)', () => {
  const stable = { state: 'stable' as const, generation: 3, members: [1, 2] };
  test('a current member naming the current generation is accepted', () => {
    expect(validateOffsetCommit(stable, 2, 3)).toEqual({ error: 'NONE', rule: { rule: 'commit-accepted', generation: 3 } });
  });
  test('a member the group no longer has is refused with UNKNOWN_MEMBER_ID, whatever its generation', () => {
    expect(validateOffsetCommit(stable, 5, 3).error).toBe('UNKNOWN_MEMBER_ID');
    expect(validateOffsetCommit(stable, 5, 2)).toEqual({ error: 'UNKNOWN_MEMBER_ID', rule: { rule: 'unknown-member', memberId: 5 } });
  });
  test('a member naming an older (or newer) generation is refused with ILLEGAL_GENERATION', () => {
    expect(validateOffsetCommit(stable, 1, 2)).toEqual({ error: 'ILLEGAL_GENERATION', rule: { rule: 'generation-mismatch', generation: 2, groupGeneration: 3 } });
    expect(validateOffsetCommit(stable, 1, 4).error).toBe('ILLEGAL_GENERATION');
  });
  test('while a rebalance is being prepared the generation has not moved: a current member commit is still accepted', () => {
    expect(validateOffsetCommit({ ...stable, state: 'preparingRebalance' }, 1, 3).error).toBe('NONE');
  });
  test('while a rebalance completes, REBALANCE_IN_PROGRESS', () => {
    expect(validateOffsetCommit({ ...stable, state: 'completingRebalance' }, 1, 3).error).toBe('REBALANCE_IN_PROGRESS');
  });
  test('no member id and no generation: accepted only while the group is empty (an admin commit)', () => {
    expect(validateOffsetCommit({ state: 'empty', generation: 4, members: [] }, -1, -1).error).toBe('NONE');
    expect(validateOffsetCommit(stable, -1, -1).error).toBe('UNKNOWN_MEMBER_ID');
  });
  test('members as a set work the same', () => {
    expect(validateOffsetCommit({ ...stable, members: new Set([1]) }, 2, 3).error).toBe('UNKNOWN_MEMBER_ID');
  });
});

describe('offsets and positions', () => {
  test('a committed offset wins; without one auto.offset.reset decides', () => {
    expect(startingPosition(4, 'latest', 10)).toEqual({ position: 4, reset: null });
    expect(startingPosition(0, 'none', 10)).toEqual({ position: 0, reset: null });
    expect(startingPosition(-1, 'earliest', 10)).toEqual({ position: 0, reset: 'earliest' });
    expect(startingPosition(-1, 'latest', 10)).toEqual({ position: 10, reset: 'latest' });
    expect(startingPosition(-1, 'none', 10)).toEqual({ position: -1, reset: 'none' });
  });
  test('a commit names the next record to read, and covers every record below it', () => {
    expect(commitOffsetAfter(6)).toBe(7);
    expect(commitCovers(7, 6)).toBe(true);
    expect(commitCovers(6, 6)).toBe(false);
  });
  test('a fetch returns at most max.poll.records, never past the log end', () => {
    expect(fetchRange(3, 10, 500)).toEqual({ from: 3, to: 10 });
    expect(fetchRange(3, 10, 2)).toEqual({ from: 3, to: 5 });
    expect(fetchRange(10, 10, 2)).toEqual({ from: 10, to: 10 });
  });
  test('the range assignor gives the partition to the lowest member id', () => {
    expect(partitionOwner([3, 1, 2])).toBe(1);
    expect(partitionOwner([])).toBe(-1);
  });
  test('commitSync retries only a commit that got no answer; commitAsync never retries', () => {
    expect(commitRetries('REQUEST_TIMED_OUT', 'sync')).toBe(true);
    expect(commitRetries('REQUEST_TIMED_OUT', 'async')).toBe(false);
    for (const e of ['NONE', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'COMMIT_FAILED'] as const) expect(commitRetries(e, 'sync')).toBe(false);
  });
  test('a refused or locally failed commit makes the member rejoin; success or a timeout does not', () => {
    expect(commitNeedsRejoin('UNKNOWN_MEMBER_ID')).toBe(true);
    expect(commitNeedsRejoin('ILLEGAL_GENERATION')).toBe(true);
    expect(commitNeedsRejoin('COMMIT_FAILED')).toBe(true);
    expect(commitNeedsRejoin('NONE')).toBe(false);
    expect(commitNeedsRejoin('REQUEST_TIMED_OUT')).toBe(false);
  });
});

describe('dedup decisions in the database', () => {
  test('an insert effect applied twice makes two rows; an upsert keeps one and counts the rewrite', () => {
    const db = emptyTables();
    runTxn(db, { kind: 'effect', record: r7 });
    runTxn(db, { kind: 'effect', record: r7 });
    expect(db.effects.length).toBe(2);
    const up = emptyTables();
    runTxn(up, { kind: 'upsert', record: r7 });
    const again = runTxn(up, { kind: 'upsert', record: r7 });
    expect(up.effects).toEqual([{ message: 7, offset: 6, rewrites: 1 }]);
    expect(again.ops).toEqual([{ op: 'effect', message: 7, offset: 6, upsert: true }]);
  });
  test('the inbox writes the effect and the id together, and the second time finds the id and writes nothing', () => {
    const db = emptyTables();
    expect(runTxn(db, { kind: 'inbox', record: r7 })).toEqual({
      found: false,
      ops: [
        { op: 'check', message: 7, found: false },
        { op: 'effect', message: 7, offset: 6, upsert: false },
        { op: 'mark', message: 7 },
      ],
    });
    expect(runTxn(db, { kind: 'inbox', record: r7 })).toEqual({ found: true, ops: [{ op: 'check', message: 7, found: true }] });
    expect(db.effects.length).toBe(1);
  });
  test('a mark before the effect is found the second time even though no effect was written', () => {
    const db = emptyTables();
    expect(runTxn(db, { kind: 'check-mark', record: r7 }).found).toBe(false);
    expect(runTxn(db, { kind: 'check-mark', record: r7 }).found).toBe(true);
    expect(db.effects.length).toBe(0);
  });
  test('a separate check only reads; the mark is its own transaction', () => {
    const db = emptyTables();
    expect(runTxn(db, { kind: 'check', record: r7 }).found).toBe(false);
    runTxn(db, { kind: 'mark', record: r7 });
    expect(runTxn(db, { kind: 'check', record: r7 }).found).toBe(true);
  });
  test('state machine: received → processing → done, the effect with done; a done message is skipped; unfinished ones are found', () => {
    const db = emptyTables();
    const r8 = { offset: 7, message: 8 };
    expect(runTxn(db, { kind: 'sm-receive', records: [r7, r8] }).moves).toEqual([
      { message: 7, from: null, to: 'received' },
      { message: 8, from: null, to: 'received' },
    ]);
    expect(runTxn(db, { kind: 'sm-claim', record: r7 }).moves).toEqual([{ message: 7, from: 'received', to: 'processing' }]);
    expect(runTxn(db, { kind: 'sm-scan' }).pending).toEqual([
      { message: 7, offset: 6, state: 'processing' },
      { message: 8, offset: 7, state: 'received' },
    ]);
    expect(runTxn(db, { kind: 'sm-complete', record: r7 }).found).toBe(false);
    expect(db.effects.length).toBe(1);
    expect(runTxn(db, { kind: 'sm-claim', record: r7 }).found).toBe(true);
    expect(runTxn(db, { kind: 'sm-complete', record: r7 }).found).toBe(true);
    expect(db.effects.length).toBe(1);
    expect(runTxn(db, { kind: 'sm-receive', records: [r7] }).ops).toEqual([]);
  });
  test('each strategy handles a record in its own steps', () => {
    expect(handlingSteps('none')).toEqual(['process', 'effect']);
    expect(handlingSteps('after-effect')).toEqual(['check', 'process', 'effect', 'mark']);
    expect(handlingSteps('before-effect')).toEqual(['check-mark', 'process', 'effect']);
    expect(handlingSteps('same-transaction')).toEqual(['process', 'inbox']);
  });
});

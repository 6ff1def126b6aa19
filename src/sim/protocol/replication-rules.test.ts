import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  appendRefusal,
  canRejoinIsr,
  delayedProduceResult,
  electLeader,
  followerFetched,
  highWatermark,
  isOutOfSync,
  isrAfterElection,
  nextIsrCheck,
  truncationOffset,
  type FollowerProgress,
} from './replication-rules';

const progress = (leo: number, lastCaughtUpT: number, lastFetchT = lastCaughtUpT, leaderLeoAtLastFetch = leo): FollowerProgress => ({ leo, lastCaughtUpT, lastFetchT, leaderLeoAtLastFetch });

describe('ISR membership (Partition.maybeShrinkIsr / isFollowerInSync)', () => {
  test('a fetch of the whole log makes the follower caught up now', () => {
    expect(followerFetched(progress(2, 0), 5, 5, 70).lastCaughtUpT).toBe(70);
  });
  test('a fetch that reaches what the leader had at the previous fetch makes it caught up as of that fetch', () => {
    expect(followerFetched(progress(2, 0, 40, 4), 4, 6, 70).lastCaughtUpT).toBe(40);
  });
  test('a fetch that is still behind the previous log end changes nothing', () => {
    expect(followerFetched(progress(2, 10, 40, 4), 3, 6, 70).lastCaughtUpT).toBe(10);
  });
  test('out of sync only when behind the log end and not caught up for replica.lag.time.max.ms', () => {
    expect(isOutOfSync(progress(3, 0), 3, 99999, 100)).toBe(false); // has the whole log
    expect(isOutOfSync(progress(2, 0), 3, 99, 100)).toBe(false);
    expect(isOutOfSync(progress(2, 0), 3, 100, 100)).toBe(true);
  });
  test('the next check is when the first lagging ISR member would pass the lag; none when all have the log', () => {
    const f = new Map([
      [2, progress(2, 30)],
      [3, progress(1, 10)],
    ]);
    expect(nextIsrCheck(f, [2, 3], 4, 100)).toBe(110);
    expect(nextIsrCheck(f, [2], 4, 100)).toBe(130);
    expect(nextIsrCheck(f, [2, 3], 2, 100)).toBe(110);
    expect(nextIsrCheck(new Map([[2, progress(4, 0)]]), [2], 4, 100)).toBeNull();
  });
  test('a follower rejoins once it has the high watermark and the start of the leader epoch', () => {
    expect(canRejoinIsr(5, 5, 3)).toBe(true);
    expect(canRejoinIsr(4, 5, 3)).toBe(false);
    expect(canRejoinIsr(5, 5, 6)).toBe(false);
  });
});

describe('high watermark and acks=all', () => {
  test('the smallest log end among the ISR, the leader included; followers out of the ISR do not count', () => {
    const leo = new Map([
      [2, 5],
      [3, 1],
    ]);
    expect(highWatermark(7, [1, 2], 1, leo, 0)).toBe(5);
    expect(highWatermark(7, [1, 2, 3], 1, leo, 0)).toBe(1);
    expect(highWatermark(7, [1], 1, leo, 0)).toBe(7);
  });
  test('it never moves back under the same leader', () => {
    expect(highWatermark(7, [1, 3], 1, new Map([[3, 1]]), 4)).toBe(4);
  });
  test('NOT_ENOUGH_REPLICAS only with acks=all and an ISR below min.insync.replicas', () => {
    expect(appendRefusal('all', 1, 2)).toBe('NOT_ENOUGH_REPLICAS');
    expect(appendRefusal('all', 2, 2)).toBeNull();
    expect(appendRefusal('1', 1, 2)).toBeNull();
    expect(appendRefusal('0', 1, 3)).toBeNull();
  });
  test('a held request waits for the high watermark, then is NONE or NOT_ENOUGH_REPLICAS_AFTER_APPEND by the ISR size', () => {
    expect(delayedProduceResult(2, 3, 3, 2)).toBeNull();
    expect(delayedProduceResult(3, 3, 2, 2)).toBe('NONE');
    expect(delayedProduceResult(3, 3, 1, 2)).toBe('NOT_ENOUGH_REPLICAS_AFTER_APPEND');
  });
});

describe('leader election (offlinePartitionLeaderElection)', () => {
  test('the first live ISR member in assignment order', () => {
    expect(electLeader([1, 2, 3], [1, 2, 3], new Set([2, 3]), false)).toEqual({ leader: 2, clean: true });
    expect(electLeader([1, 2, 3], [1, 3], new Set([2, 3]), false)).toEqual({ leader: 3, clean: true });
  });
  test('no live ISR member: offline, unless unclean election is enabled', () => {
    expect(electLeader([1, 2, 3], [1], new Set([2, 3]), false)).toBeNull();
    expect(electLeader([1, 2, 3], [1], new Set([2, 3]), true)).toEqual({ leader: 2, clean: false });
    expect(electLeader([1, 2], [1], new Set<number>(), true)).toBeNull();
  });
  test('the ISR after the election: the live members; after an unclean one, the leader alone', () => {
    expect(isrAfterElection([1, 2, 3], new Set([2, 3]), { leader: 2, clean: true })).toEqual([2, 3]);
    expect(isrAfterElection([1], new Set([2, 3]), { leader: 3, clean: false })).toEqual([3]);
  });
  test('property: a clean election always picks a live ISR member, never one outside it', () => {
    fc.assert(
      fc.property(fc.subarray([1, 2, 3, 4, 5]), fc.subarray([1, 2, 3, 4, 5]), fc.boolean(), (isr, alive, unclean) => {
        const e = electLeader([1, 2, 3, 4, 5], isr, new Set(alive), unclean);
        if (e === null) return !alive.some((id) => isr.includes(id)) && (!unclean || alive.length === 0);
        if (e.clean) return isr.includes(e.leader) && alive.includes(e.leader);
        return unclean && alive.includes(e.leader) && !alive.some((id) => isr.includes(id));
      }),
    );
  });
});

describe('truncation on a change of leader (KIP-101/279)', () => {
  test('a replica with records the new leader never had cuts them (vector 11)', () => {
    expect(truncationOffset([0, 0, 0], [0, 0])).toBe(2);
  });
  test('where both logs have records of different leader epochs at the same offset, the replica truncates there', () => {
    expect(truncationOffset([0, 0, 0], [0, 1, 1, 1])).toBe(1);
  });
  test('a replica that is only behind keeps everything', () => {
    expect(truncationOffset([0, 0], [0, 0, 1])).toBe(2);
  });
});

/**
 * Replication of one partition (reference §2.5, §2.6, §1.7): the leader's in-sync replica set (ISR), its high
 * watermark, when an acks=all produce is answered, which replica a controller elects, and where a returning replica
 * truncates its log. Small pure functions; the replica machines call them from their steps.
 */

/** What the leader knows of one follower: the log end it last fetched from, and when it was last caught up. */
export interface FollowerProgress {
  /** The follower's log end offset, as its last fetch said (the offset it asked for). */
  leo: number;
  /** The last time the follower had fetched everything the leader had (Replica.lastCaughtUpTimeMs). */
  lastCaughtUpT: number;
  /** When the follower last fetched, and the leader's log end then (Replica.updateFetchState). */
  lastFetchT: number;
  leaderLeoAtLastFetch: number;
}

/**
 * The leader's view of a follower after a fetch at `fetchOffset` (Replica.updateFetchStateOrThrow): fetching the
 * leader's whole log makes it caught up now; fetching at least what the leader had at the previous fetch makes it
 * caught up as of that previous fetch.
 * @example followerFetched({ leo: 0, lastCaughtUpT: 0, lastFetchT: 0, leaderLeoAtLastFetch: 0 }, 3, 3, 50).lastCaughtUpT // → 50
 */
export function followerFetched(p: FollowerProgress, fetchOffset: number, leaderLeo: number, nowMs: number): FollowerProgress {
  let lastCaughtUpT = p.lastCaughtUpT;
  if (fetchOffset >= leaderLeo) lastCaughtUpT = Math.max(lastCaughtUpT, nowMs);
  else if (fetchOffset >= p.leaderLeoAtLastFetch) lastCaughtUpT = Math.max(lastCaughtUpT, p.lastFetchT);
  return { leo: fetchOffset, lastCaughtUpT, lastFetchT: nowMs, leaderLeoAtLastFetch: leaderLeo };
}

/**
 * Is a follower out of sync (Partition.getOutOfSyncReplicas → Replica.isCaughtUp)? It is in sync while its log end
 * equals the leader's, or while it was caught up less than `replica.lag.time.max.ms` ago.
 * @example isOutOfSync({ leo: 2, lastCaughtUpT: 0, lastFetchT: 0, leaderLeoAtLastFetch: 2 }, 3, 30000, 30000) // → true
 */
export function isOutOfSync(p: FollowerProgress, leaderLeo: number, nowMs: number, lagMaxMs: number): boolean {
  return p.leo !== leaderLeo && nowMs - p.lastCaughtUpT >= lagMaxMs;
}

/**
 * When the leader must next look for out-of-sync followers: the earliest time one of the ISR's followers that is
 * behind would have lagged `replica.lag.time.max.ms`; null when every ISR follower has the whole log (nothing can
 * shrink the ISR until the leader appends again). Kafka checks every lag/2; the lab checks exactly when it matters.
 */
export function nextIsrCheck(followers: ReadonlyMap<number, FollowerProgress>, isr: readonly number[], leaderLeo: number, lagMaxMs: number): number | null {
  let next: number | null = null;
  for (const id of isr) {
    const p = followers.get(id);
    if (!p || p.leo === leaderLeo) continue;
    const t = p.lastCaughtUpT + lagMaxMs;
    if (next === null || t < next) next = t;
  }
  return next;
}

/**
 * May an out-of-sync follower rejoin the ISR (Partition.isFollowerInSync)? Its log must reach the high watermark and
 * the start of the leader's current epoch.
 * @example canRejoinIsr(5, 5, 3) // → true
 */
export function canRejoinIsr(followerLeo: number, highWatermark: number, leaderEpochStartOffset: number): boolean {
  return followerLeo >= highWatermark && followerLeo >= leaderEpochStartOffset;
}

/**
 * The high watermark: the smallest log end offset among the ISR, the leader's own included
 * (Partition.maybeIncrementLeaderHW). It never goes down while the same leader leads.
 * @example highWatermark(7, [1, 2, 3], 1, new Map([[2, 5], [3, 7]]), 4) // → 5
 */
export function highWatermark(leaderLeo: number, isr: readonly number[], leaderId: number, followerLeo: ReadonlyMap<number, number>, current: number): number {
  let hw = leaderLeo;
  for (const id of isr) {
    if (id === leaderId) continue;
    const leo = followerLeo.get(id) ?? 0;
    if (leo < hw) hw = leo;
  }
  return Math.max(current, hw);
}

/**
 * The ISR check before an append (Partition.appendRecordsToLeader): only with acks=all, an ISR smaller than
 * `min.insync.replicas` refuses the batch with NOT_ENOUGH_REPLICAS, and nothing is written.
 * @example appendRefusal('all', 1, 2) // → 'NOT_ENOUGH_REPLICAS'
 */
export function appendRefusal(acks: 'all' | '1' | '0', isrSize: number, minIsr: number): 'NOT_ENOUGH_REPLICAS' | null {
  return acks === 'all' && isrSize < minIsr ? 'NOT_ENOUGH_REPLICAS' : null;
}

/**
 * An acks=all produce waiting in the leader's purgatory (DelayedProduce → Partition.checkEnoughReplicasReachOffset):
 * done once the high watermark reaches the end of its batch, with NONE, or NOT_ENOUGH_REPLICAS_AFTER_APPEND when the
 * ISR is by then smaller than `min.insync.replicas`; null while it waits.
 * @example delayedProduceResult(3, 3, 1, 2) // → 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
 */
export function delayedProduceResult(highWatermark: number, requiredOffset: number, isrSize: number, minIsr: number): 'NONE' | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' | null {
  if (highWatermark < requiredOffset) return null;
  return isrSize >= minIsr ? 'NONE' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
}

/** The controller's choice of a new leader: the broker, and whether it came from the ISR (a clean election). */
export interface Election {
  leader: number;
  clean: boolean;
}

/**
 * Leader election for a partition whose leader is gone (PartitionLeaderElectionAlgorithms.offlinePartitionLeaderElection):
 * the first replica, in assignment order, that is alive and in the ISR; with `unclean.leader.election.enable` and no
 * such replica, the first alive one (it may lack acknowledged records); otherwise none: the partition is offline.
 * @example electLeader([1, 2, 3], [1, 3], new Set([2, 3]), false) // → { leader: 3, clean: true }
 */
export function electLeader(replicas: readonly number[], isr: readonly number[], alive: ReadonlySet<number>, unclean: boolean): Election | null {
  const clean = replicas.find((id) => alive.has(id) && isr.includes(id));
  if (clean !== undefined) return { leader: clean, clean: true };
  if (!unclean) return null;
  const any = replicas.find((id) => alive.has(id));
  return any === undefined ? null : { leader: any, clean: false };
}

/**
 * The ISR after an election: the old ISR's members that are still alive, with the new leader; after an unclean
 * election, the new leader alone.
 * @example isrAfterElection([1, 2, 3], new Set([2, 3]), { leader: 2, clean: true }) // → [2, 3]
 */
export function isrAfterElection(isr: readonly number[], alive: ReadonlySet<number>, e: Election): number[] {
  if (!e.clean) return [e.leader];
  return isr.filter((id) => alive.has(id) || id === e.leader);
}

/**
 * Where a replica that follows a new leader truncates its log (KIP-101/KIP-279: OffsetsForLeaderEpoch): the first
 * offset at which its log and the leader's were written in different leader epochs, or where one of them ends.
 * Records of the same leader epoch at the same offset are the same records (one leader per epoch writes each
 * offset), so comparing epochs finds the point Kafka's epoch-by-epoch exchange finds. Each log is given as the
 * leader epoch of each record, by offset.
 * @example truncationOffset([0, 0, 0], [0, 0, 1]) // → 2
 */
export function truncationOffset(follower: readonly number[], leader: readonly number[]): number {
  const n = Math.min(follower.length, leader.length);
  for (let i = 0; i < n; i++) if (follower[i] !== leader[i]) return i;
  return n;
}

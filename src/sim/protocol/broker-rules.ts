import { inSequence } from './sequence';
import type { BrokerErrorFault } from '../scenario/schema';
import type { RuleFact } from '../trace/facts';
import { kafkaVersionRules, type KafkaVersionRules } from './kafka-version';
import { INT_MAX } from '../scenario/schema';
import { NUM_BATCHES_TO_RETAIN, NO_PRODUCER_EPOCH, type BatchHeader, type CachedBatch, type ProducerEntry } from './types';

/** The verdict and the rule that decided it (a fact: each language words it from its catalogue). */
export type AppendDecision =
  | { verdict: 'append'; rule: RuleFact }
  | { verdict: 'duplicate'; original: CachedBatch; rule: RuleFact }
  | { verdict: 'INVALID_PRODUCER_EPOCH'; rule: RuleFact }
  | { verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER'; rule: RuleFact }
  /** Only before 2.5: a producer id the broker does not know, first sequence not 0 (reference §2.3). */
  | { verdict: 'UNKNOWN_PRODUCER_ID'; rule: RuleFact }
  /** Only 1.0.0–1.0.1: a copy older than every cached batch (reference §2.3, vector 9). */
  | { verdict: 'DUPLICATE_SEQUENCE_NUMBER'; rule: RuleFact };

/** The broker rules of the version the lab shows (kafka-version.ts); the default is the lab's model, 2.5 → 4.x. */
type BrokerVersionRules = Pick<KafkaVersionRules, 'batchesRetained' | 'unknownProducer' | 'knownEpochNoSequence' | 'staleDuplicate'>;
const DEFAULT_RULES: BrokerVersionRules = kafkaVersionRules();

/** Idempotence off: there is no producer id to check, so every batch is appended. */
export const NO_PRODUCER_ID_RULE: RuleFact = { id: 'no-producer-id' };

/** The rule behind an error the broker was made to answer (leadership and ISR checks, or a failed replication). */
export function forcedErrorRule(error: BrokerErrorFault, offset: number): RuleFact {
  switch (error) {
    case 'NOT_ENOUGH_REPLICAS':
      return { id: 'not-enough-replicas' };
    case 'NOT_LEADER_OR_FOLLOWER':
      return { id: 'not-leader' };
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
      return { id: 'written-then-isr-shrank', offset };
    case 'REQUEST_TIMED_OUT':
      return { id: 'written-then-timed-out', offset };
  }
}

/** Rule 1: the same epoch and a cached batch with exactly the same first and last sequence (a partial overlap is no match). */
export function findDuplicate(entry: ProducerEntry | undefined, h: BatchHeader, lastSeq: number): CachedBatch | undefined {
  if (!entry || entry.epoch !== h.epoch) return undefined;
  return entry.batches.find((b) => b.firstSeq === h.baseSeq && b.lastSeq === lastSeq);
}

/**
 * The broker's append check for an idempotent batch, in Kafka's order (2.5 → 4.x; reference §2.2):
 * duplicate, stale epoch, unknown producer, new epoch, same epoch. Older versions differ in what `rules` says
 * (§2.3): how many batches are cached, how an unknown producer id is answered, and (1.0.0) a stale copy older than
 * the cache is DUPLICATE_SEQUENCE_NUMBER.
 * Batches without a producer id (idempotence off) are never checked: the caller appends them as they come.
 */
export function checkAppend(entry: ProducerEntry | undefined, h: BatchHeader, lastSeq: number, rules: BrokerVersionRules = DEFAULT_RULES): AppendDecision {
  const retained = rules.batchesRetained;
  const dup = findDuplicate(entry, h, lastSeq);
  if (dup) {
    return {
      verdict: 'duplicate',
      original: dup,
      rule: { id: 'duplicate-in-cache', baseSeq: h.baseSeq, lastSeq, epoch: h.epoch, retained, originalOffset: dup.firstOffset },
    };
  }
  if (entry && entry.epoch !== NO_PRODUCER_EPOCH && h.epoch < entry.epoch) {
    return { verdict: 'INVALID_PRODUCER_EPOCH', rule: { id: 'stale-epoch', epoch: h.epoch, brokerEpoch: entry.epoch, pid: h.pid } };
  }
  if (!entry || entry.epoch === NO_PRODUCER_EPOCH) {
    if (rules.unknownProducer === 'accept') return { verdict: 'append', rule: { id: 'unknown-producer', pid: h.pid } };
    if (h.baseSeq === 0) return { verdict: 'append', rule: { id: 'unknown-producer-at-zero', pid: h.pid } };
    return { verdict: rules.unknownProducer, rule: { id: 'unknown-producer-not-zero', pid: h.pid, baseSeq: h.baseSeq } };
  }
  if (h.epoch > entry.epoch) {
    if (h.baseSeq === 0) return { verdict: 'append', rule: { id: 'new-epoch-at-zero', epoch: h.epoch } };
    return { verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER', rule: { id: 'new-epoch-not-zero', epoch: h.epoch, baseSeq: h.baseSeq } };
  }
  const last = entry.batches[entry.batches.length - 1];
  if (!last) {
    if (h.baseSeq === 0) return { verdict: 'append', rule: { id: 'known-epoch-empty-cache-accept', epoch: h.epoch } };
    return { verdict: rules.knownEpochNoSequence, rule: { id: 'known-epoch-empty-cache-refuse', epoch: h.epoch, baseSeq: h.baseSeq } };
  }
  const oldest = entry.batches[0]!;
  if (rules.staleDuplicate === 'DUPLICATE_SEQUENCE_NUMBER' && isOlderThanCache(oldest.firstSeq, lastSeq)) {
    // 1.0.0 ProducerAppendInfo.isDuplicate: the copy ends before the oldest cached batch begins.
    return { verdict: 'DUPLICATE_SEQUENCE_NUMBER', rule: { id: 'older-than-cache', baseSeq: h.baseSeq, lastSeq, oldestCached: oldest.firstSeq, retained } };
  }
  if (inSequence(last.lastSeq, h.baseSeq)) {
    return { verdict: 'append', rule: { id: 'in-sequence', baseSeq: h.baseSeq, lastWritten: last.lastSeq } };
  }
  return {
    verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    rule: { id: 'out-of-order', expected: last.lastSeq + 1, lastWritten: last.lastSeq, baseSeq: h.baseSeq, lastSeq, retained },
  };
}

/**
 * 1.0.0's test for a duplicate older than the cache (ProducerAppendInfo.isDuplicate): the copy's last sequence lies
 * before the oldest cached batch's first, not across a wrap of the sequence counter.
 * @example isOlderThanCache(1, 0) // → false (lastSeq 0 is never taken for an old copy)
 */
export function isOlderThanCache(oldestCachedFirstSeq: number, lastSeq: number): boolean {
  return lastSeq !== 0 && oldestCachedFirstSeq !== INT_MAX && lastSeq < oldestCachedFirstSeq;
}

/**
 * The producer entry after an accepted append: a new epoch clears the cache; the cache keeps the newest
 * `retained` batches (NUM_BATCHES_TO_RETAIN; one in 0.11).
 */
export function recordAppend(entry: ProducerEntry | undefined, h: BatchHeader, batch: CachedBatch, retained = NUM_BATCHES_TO_RETAIN): ProducerEntry {
  const sameEpoch = entry !== undefined && entry.epoch === h.epoch;
  const kept = sameEpoch && retained > 1 ? entry.batches.slice(-(retained - 1)) : [];
  return { pid: h.pid, epoch: h.epoch, batches: [...kept, batch], lastTimestamp: batch.t };
}

/** What survives a broker restart: the snapshot keeps only the last batch per producer (reference §2.5). */
export function restoreFromSnapshot(entry: ProducerEntry): ProducerEntry {
  return { ...entry, batches: entry.batches.slice(-1) };
}

/** An idempotent batch as it lies in the log: what a replay after a crash reads back (UnifiedLog.loadProducersFromRecords). */
export interface LoggedBatch {
  header: BatchHeader;
  batch: CachedBatch;
}

/** A producer-state snapshot file: the offset it was taken at and, per producer id, only the last batch (ProducerStateManager.writeSnapshot). */
export interface ProducerSnapshotFile {
  offset: number;
  producers: readonly ProducerEntry[];
}

/** The snapshot taken at `offset` of the producer state as it is now. */
export function takeSnapshot(entries: Iterable<ProducerEntry>, offset: number): ProducerSnapshotFile {
  const producers: ProducerEntry[] = [];
  for (const e of entries) producers.push(restoreFromSnapshot(e));
  return { offset, producers };
}

/** Loading the newest snapshot on restart: its entries, without those that have expired by now (ProducerStateManager.loadFromSnapshot). */
export function loadSnapshot(snapshot: ProducerSnapshotFile, nowMs: number, expirationMs: number): Map<number, ProducerEntry> {
  const entries = new Map<number, ProducerEntry>();
  for (const e of snapshot.producers) if (!isExpired(e, nowMs, expirationMs)) entries.set(e.pid, e);
  return entries;
}

/**
 * Replaying the log after the snapshot, in log order (UnifiedLog.loadProducersFromRecords): each batch is added as
 * a follower adds a replicated one (no sequence checks; a new epoch clears the cache; the cache keeps the newest
 * five), so a long enough replay restores the whole dedup window.
 */
export function replayBatches(entries: ReadonlyMap<number, ProducerEntry>, replay: readonly LoggedBatch[], retained = NUM_BATCHES_TO_RETAIN): Map<number, ProducerEntry> {
  const next = new Map(entries);
  for (const { header, batch } of replay) next.set(header.pid, recordAppend(next.get(header.pid), header, batch, retained));
  return next;
}

/**
 * Producer state rebuilt on restart (UnifiedLog.rebuildProducerState, reference §2.5): the newest snapshot, then
 * the log after it. After a clean shutdown the snapshot is at the log end, nothing is replayed and one batch per
 * producer is cached; after a crash the replay normally restores all five.
 * @example rebuildProducerState({ offset: 0, producers: [] }, fiveBatches, now, expirationMs).get(1000)!.batches.length // → 5
 */
export function rebuildProducerState(
  snapshot: ProducerSnapshotFile,
  replay: readonly LoggedBatch[],
  nowMs: number,
  expirationMs: number,
  retained = NUM_BATCHES_TO_RETAIN,
): Map<number, ProducerEntry> {
  return replayBatches(loadSnapshot(snapshot, nowMs, expirationMs), replay, retained);
}

/**
 * log.roll.ms: an append rolls the active segment when the segment's first batch is older than this
 * (LogSegment.shouldRoll; the roll jitter is 0 by default). An empty segment never rolls.
 * @example shouldRoll(0, 100, 100) // → false; shouldRoll(0, 101, 100) // → true
 */
export function shouldRoll(segmentFirstT: number | null, nowMs: number, rollMs: number): boolean {
  return segmentFirstT !== null && nowMs - segmentFirstT > rollMs;
}

/** producer.id.expiration.ms: an entry with no open transaction expires once it has been idle that long. */
export function isExpired(entry: ProducerEntry, nowMs: number, expirationMs: number): boolean {
  return nowMs - entry.lastTimestamp >= expirationMs;
}

/**
 * When the periodic expiration check (at every multiple of `intervalMs`) can next remove an entry: the first check
 * after `nowMs` at or after the earliest time an entry is idle for `expirationMs` (isExpired), or null without
 * entries. Checks before it find nothing to remove, so a run can skip them.
 */
export function nextExpiryCheck(entries: Iterable<ProducerEntry>, nowMs: number, intervalMs: number, expirationMs: number): number | null {
  let earliest = Infinity;
  for (const e of entries) earliest = Math.min(earliest, e.lastTimestamp + expirationMs);
  if (earliest === Infinity) return null;
  const firstAfterNow = (Math.floor(nowMs / intervalMs) + 1) * intervalMs;
  return Math.max(firstAfterNow, Math.ceil(earliest / intervalMs) * intervalMs);
}

import { inSequence } from './sequence';
import { NUM_BATCHES_TO_RETAIN, NO_PRODUCER_EPOCH, type BatchHeader, type CachedBatch, type ProducerEntry } from './types';

export type AppendDecision =
  | { verdict: 'append'; rule: string }
  | { verdict: 'duplicate'; original: CachedBatch; rule: string }
  | { verdict: 'INVALID_PRODUCER_EPOCH'; rule: string }
  | { verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER'; rule: string };

/** Rule 1: the same epoch and a cached batch with exactly the same first and last sequence (a partial overlap is no match). */
export function findDuplicate(entry: ProducerEntry | undefined, h: BatchHeader, lastSeq: number): CachedBatch | undefined {
  if (!entry || entry.epoch !== h.epoch) return undefined;
  return entry.batches.find((b) => b.firstSeq === h.baseSeq && b.lastSeq === lastSeq);
}

/**
 * The broker's append check for an idempotent batch, in Kafka's order (2.5 → 4.x; reference §2.2):
 * duplicate, stale epoch, unknown producer, new epoch, same epoch.
 * Batches without a producer id (idempotence off) are never checked: the caller appends them as they come.
 */
export function checkAppend(entry: ProducerEntry | undefined, h: BatchHeader, lastSeq: number): AppendDecision {
  const dup = findDuplicate(entry, h, lastSeq);
  if (dup) {
    return {
      verdict: 'duplicate',
      original: dup,
      rule: `seq ${h.baseSeq}–${lastSeq} of epoch ${h.epoch} is in the cache of the last ${NUM_BATCHES_TO_RETAIN} batches: not appended, answered with the original offset ${dup.firstOffset}`,
    };
  }
  if (entry && entry.epoch !== NO_PRODUCER_EPOCH && h.epoch < entry.epoch) {
    return { verdict: 'INVALID_PRODUCER_EPOCH', rule: `epoch ${h.epoch} is older than the broker's epoch ${entry.epoch} for producer ${h.pid}: fenced` };
  }
  if (!entry || entry.epoch === NO_PRODUCER_EPOCH) {
    return { verdict: 'append', rule: `producer ${h.pid} is unknown to the broker, so any first sequence is accepted (Kafka ≥ 2.5)` };
  }
  if (h.epoch > entry.epoch) {
    if (h.baseSeq === 0) return { verdict: 'append', rule: `new epoch ${h.epoch} starting at sequence 0` };
    return { verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER', rule: `a new epoch (${h.epoch}) must start at sequence 0, got ${h.baseSeq}` };
  }
  const last = entry.batches[entry.batches.length - 1];
  if (!last) {
    if (h.baseSeq === 0) return { verdict: 'append', rule: `epoch ${h.epoch} is known but nothing is cached: sequence 0 accepted` };
    return { verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER', rule: `epoch ${h.epoch} is known but nothing is cached: only sequence 0 is accepted, got ${h.baseSeq}` };
  }
  if (inSequence(last.lastSeq, h.baseSeq)) {
    return { verdict: 'append', rule: `sequence ${h.baseSeq} follows the last written sequence ${last.lastSeq}` };
  }
  return {
    verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    rule: `expected sequence ${last.lastSeq + 1} after ${last.lastSeq}, got ${h.baseSeq}, and seq ${h.baseSeq}–${lastSeq} is not among the last ${NUM_BATCHES_TO_RETAIN} cached batches`,
  };
}

/**
 * The producer entry after an accepted append: a new epoch clears the cache; the cache keeps the newest
 * NUM_BATCHES_TO_RETAIN batches.
 */
export function recordAppend(entry: ProducerEntry | undefined, h: BatchHeader, batch: CachedBatch): ProducerEntry {
  const sameEpoch = entry !== undefined && entry.epoch === h.epoch;
  const kept = sameEpoch ? entry.batches.slice(-(NUM_BATCHES_TO_RETAIN - 1)) : [];
  return { pid: h.pid, epoch: h.epoch, batches: [...kept, batch], lastTimestamp: batch.t };
}

/** What survives a broker restart: the snapshot keeps only the last batch per producer (reference §2.5). */
export function restoreFromSnapshot(entry: ProducerEntry): ProducerEntry {
  return { ...entry, batches: entry.batches.slice(-1) };
}

/** producer.id.expiration.ms: an entry with no open transaction expires once it has been idle that long. */
export function isExpired(entry: ProducerEntry, nowMs: number, expirationMs: number): boolean {
  return nowMs - entry.lastTimestamp >= expirationMs;
}

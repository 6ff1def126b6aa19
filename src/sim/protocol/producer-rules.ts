import type { ProducerConfig } from '../scenario/schema';
import type { ConfigProblemCode, DeliveryFailure, EpochBumpReason } from '../trace/facts';
import { kafkaVersionRules, type KafkaVersion, type KafkaVersionRules } from './kafka-version';
import { resolveProducerConfig } from './producer-config';
import { isNextSequence } from './sequence';
import { RETRIABLE_ERRORS, type ErrorName } from './types';

/**
 * The ConfigException Kafka raises for settings it refuses, as a problem code (the catalogues word it; English:
 * Kafka's own text), or null. The checks and their order are resolveProducerConfig's.
 */
export function validateProducerConfig(c: ProducerConfig, version?: KafkaVersion): ConfigProblemCode | null {
  return resolveProducerConfig(c, version).problem;
}

/** The only reason the idempotent producer bumps its epoch on its own (KIP-360). */
export const SEQUENCE_GAP: EpochBumpReason = 'sequence-gap';

/**
 * What a failed delivery reports: the error code, or for a batch that outlived delivery.timeout.ms Kafka's
 * TimeoutException with the batch's age (its record count is the event's message count).
 */
export function deliveryFailure(error: ErrorName | 'TimeoutException', elapsedMs: number): DeliveryFailure {
  return error === 'TimeoutException' ? { error, elapsedMs } : { error };
}

/**
 * Exponential retry backoff (KIP-580): retry.backoff.ms doubled per attempt, capped at retry.backoff.max.ms.
 * Kafka adds ±20% jitter; the simulation leaves it out so that runs read cleanly on a timeline.
 * @example retryBackoffMs(3, 100, 1000) // → 400 (the third retry)
 */
export function retryBackoffMs(retryNumber: number, baseMs: number, maxMs: number): number {
  if (baseMs >= maxMs) return maxMs;
  const exp = Math.min(30, Math.max(0, retryNumber - 1));
  return Math.min(maxMs, baseMs * 2 ** exp);
}

export interface RetryContext {
  error: ErrorName;
  idempotent: boolean;
  /** The batch was renumbered after this request was sent (sequenceHasBeenReset or a newer epoch). */
  renumberedSince: boolean;
  batchBaseSeq: number;
  batchWasReset: boolean;
  lastAckedSeq: number;
  /** lastSeq of the newest unresolved batch, or −1. */
  unresolvedSeq: number;
}

/**
 * `restart-sequences`: 1.0–2.4, UNKNOWN_PRODUCER_ID while nothing is acknowledged: the partition's in-flight batches
 * are renumbered from 0 under the same producer id and epoch, and retried (startSequencesAtBeginning).
 * `fail-and-reset`: before 2.5 (no KIP-360), a real sequence gap fails the batch with OUT_OF_ORDER_SEQUENCE_NUMBER
 * and the producer discards its producer id and asks for a new one (TransactionManager.resetProducerId, §1.7).
 */
export type ErrorReaction = 'retry' | 'retry-and-bump' | 'restart-sequences' | 'fail' | 'fail-and-reset' | 'success';

/** The client rules of the version the lab shows (kafka-version.ts); the default is the lab's model (2.5 → 4.x). */
export type ClientVersionRules = Pick<KafkaVersionRules, 'retriesOutOfOrderNotNext' | 'sequenceGap' | 'unknownProducerIdReply'>;
const DEFAULT_CLIENT_RULES: ClientVersionRules = kafkaVersionRules();

/**
 * What the client does with an error response whose batch still has attempts and delivery time left
 * (Sender.canRetry + TransactionManager.canRetry, reference §1.7). Before 2.5 a real gap resets the producer id
 * instead of bumping the epoch, 0.11 does not retry OUT_OF_ORDER_SEQUENCE_NUMBER at all, and 1.0–2.4 fail a batch
 * answered UNKNOWN_PRODUCER_ID (read in the 0.11.0.0, 1.0.0 and 2.4.0 sources).
 * @example reactToError({ ...next, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' }, kafkaVersionRules('2.4')) // → 'fail-and-reset'
 */
export function reactToError(c: RetryContext, rules: ClientVersionRules = DEFAULT_CLIENT_RULES): ErrorReaction {
  const legacy = rules.sequenceGap === 'reset-producer-id';
  // Only 1.0.x brokers send it: the batch is a duplicate of one already written, so it counts as delivered (offset −1).
  if (c.error === 'DUPLICATE_SEQUENCE_NUMBER') return 'success';
  if (!c.idempotent) return RETRIABLE_ERRORS.has(c.error) ? 'retry' : 'fail';
  if (c.renumberedSince) {
    // The answer is about an older numbering of this batch; the batch will be resent with its new numbers.
    return 'retry';
  }
  if (c.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER') {
    const unresolved = c.unresolvedSeq >= 0;
    if (!unresolved && (c.batchWasReset || !isNextSequence(c.lastAckedSeq, c.batchBaseSeq))) {
      // Not the next batch: an earlier batch should fill the gap first (0.11 had no such exception).
      return rules.retriesOutOfOrderNotNext ? 'retry' : 'fail-and-reset';
    }
    if (legacy) return 'fail-and-reset';
    if (!unresolved || c.batchBaseSeq === c.unresolvedSeq + 1) return 'retry-and-bump';
    return 'retry';
  }
  // Brokers before 2.5 lost producer state to retention and said so; the idempotent producer bumps and retries.
  if (c.error === 'UNKNOWN_PRODUCER_ID') {
    if (rules.unknownProducerIdReply === 'bump-and-retry') return 'retry-and-bump';
    // 1.0–2.4: a batch already renumbered is retried; otherwise the sequences restart at 0 if the last ack lies
    // below the log start offset (always 0 here: true only while nothing is acknowledged), else the batch fails.
    if (c.batchWasReset) return 'retry';
    return c.lastAckedSeq < 0 ? 'restart-sequences' : 'fail';
  }
  return RETRIABLE_ERRORS.has(c.error) ? 'retry' : 'fail';
}

/** Errors after which the idempotent producer bumps its epoch when the batch finally fails (handleFailedBatch). */
export function failureNeedsBump(error: ErrorName | 'TimeoutException'): boolean {
  return error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' || error === 'INVALID_PRODUCER_EPOCH' || error === 'UNKNOWN_PRODUCER_ID';
}

/**
 * What a failed batch leaves behind for its partition's sequence numbers (idempotent producer): a gap only a new
 * epoch can close (`bump`), a sequence whose fate is unknown that holds back new batches (`unresolved`), or the
 * numbering as it is (`keep`).
 */
export type SequenceAfterFailure = 'bump' | 'unresolved' | 'keep';

/**
 * A batch that fails on an error reply (Sender.completeBatch → failBatch(batch, response, attempts < retries) →
 * TransactionManager.handleFailedBatch, reference §1.5). A batch that still had retries left (it ran out of
 * delivery.timeout.ms, or the error cannot be retried) asks for an epoch bump. One that used up `retries` leaves the
 * numbering alone: it may or may not be in the log, so later batches keep their numbers and meet
 * OUT_OF_ORDER_SEQUENCE_NUMBER as "not next".
 * @example sequenceAfterFailedReply('NOT_ENOUGH_REPLICAS', 3, 3) // → 'keep' (retries used up)
 * @example sequenceAfterFailedReply('NOT_ENOUGH_REPLICAS', 1, 3) // → 'bump' (delivery.timeout.ms ran out first)
 */
export function sequenceAfterFailedReply(error: ErrorName, retriesUsed: number, retries: number): SequenceAfterFailure {
  if (failureNeedsBump(error)) return 'bump';
  return retriesUsed < retries ? 'bump' : 'keep';
}

/**
 * A batch that outlives delivery.timeout.ms (Sender.sendProducerData): its sequence is marked unresolved only if the
 * batch was re-enqueued at least once (ProducerBatch.inRetry), in flight again or not; a first attempt is not.
 */
export function sequenceAfterExpiry(inRetry: boolean): SequenceAfterFailure {
  return inRetry ? 'unresolved' : 'keep';
}

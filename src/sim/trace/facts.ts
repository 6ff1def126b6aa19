import type { ErrorName } from '../protocol/types';

/**
 * Facts the simulation writes into the trace instead of sentences: an id and the numbers that go with it. Each
 * language renders them from its catalogue (src/i18n), so the trace holds no English and no language is the
 * "original" that the others are translated from.
 */

/** The rule that decided what the broker did with a produce request, with the numbers it compared. */
export type RuleFact =
  /** Same epoch and exactly the same first and last sequence as a cached batch: answered with its offset. */
  | { id: 'duplicate-in-cache'; baseSeq: number; lastSeq: number; epoch: number; retained: number; originalOffset: number }
  /** The batch's epoch is older than the one the broker holds: fenced. */
  | { id: 'stale-epoch'; epoch: number; brokerEpoch: number; pid: number }
  /** The broker has no state for this producer id, so any first sequence is accepted (Kafka ≥ 2.5). */
  | { id: 'unknown-producer'; pid: number }
  /** Before 2.5 an unknown producer id had to start at sequence 0 (0.11: OUT_OF_ORDER_SEQUENCE_NUMBER; 1.0–2.4: UNKNOWN_PRODUCER_ID). */
  | { id: 'unknown-producer-not-zero'; pid: number; baseSeq: number }
  | { id: 'unknown-producer-at-zero'; pid: number }
  /** 1.0.0–1.0.1: a copy older than the oldest cached batch is answered DUPLICATE_SEQUENCE_NUMBER (no offset). */
  | { id: 'older-than-cache'; baseSeq: number; lastSeq: number; oldestCached: number; retained: number }
  | { id: 'new-epoch-at-zero'; epoch: number }
  | { id: 'new-epoch-not-zero'; epoch: number; baseSeq: number }
  | { id: 'known-epoch-empty-cache-accept'; epoch: number }
  | { id: 'known-epoch-empty-cache-refuse'; epoch: number; baseSeq: number }
  | { id: 'in-sequence'; baseSeq: number; lastWritten: number }
  | { id: 'out-of-order'; expected: number; lastWritten: number; baseSeq: number; lastSeq: number; retained: number }
  /** Idempotence off: no producer id to check, every batch is appended. */
  | { id: 'no-producer-id' }
  | { id: 'not-enough-replicas' }
  | { id: 'not-leader' }
  | { id: 'written-then-isr-shrank'; offset: number }
  | { id: 'written-then-timed-out'; offset: number };

export type RuleId = RuleFact['id'];

/** Why the producer bumped its epoch. */
export type EpochBumpReason = 'sequence-gap';

/** The exception a failed delivery reports: a protocol error code, or Kafka's TimeoutException for an expired batch. */
export type DeliveryErrorCode = ErrorName | 'TimeoutException';

/** What `delivery.failed` says about the error: the code, and for a TimeoutException how long the batch had lived. */
export type DeliveryFailure = { error: ErrorName } | { error: 'TimeoutException'; elapsedMs: number };

/** The ConfigException the producer raises for settings it refuses (Kafka's checks, in Kafka's order). */
export type ConfigProblemCode =
  | 'idempotence-max-in-flight'
  | 'idempotence-max-in-flight-one'
  | 'idempotence-acks'
  | 'idempotence-retries'
  | 'delivery-timeout'
  /** A transactional.id with idempotence off (set off, or turned off by acks/retries): ProducerConfig refuses it. */
  | 'transactional-id-without-idempotence';

/**
 * What the producer changed in its configuration on its own when it was constructed (Kafka logs these): idempotence
 * left unset and turned off by retries=0 or acks≠all, or delivery.timeout.ms left unset and raised to
 * linger.ms + request.timeout.ms.
 */
export type ConfigNote =
  | { id: 'idempotence-off-retries' }
  | { id: 'idempotence-off-acks'; acks: string }
  /** 3.x only: max.in.flight above 5 with enable.idempotence left unset turns idempotence off. */
  | { id: 'idempotence-off-max-in-flight'; maxInFlight: number }
  | { id: 'delivery-timeout-raised'; deliveryTimeoutMs: number };

export const CONFIG_PROBLEM_CODES: readonly ConfigProblemCode[] = ['idempotence-max-in-flight', 'idempotence-max-in-flight-one', 'idempotence-acks', 'idempotence-retries', 'delivery-timeout', 'transactional-id-without-idempotence'];

export function isConfigProblemCode(s: string): s is ConfigProblemCode {
  return (CONFIG_PROBLEM_CODES as readonly string[]).includes(s);
}

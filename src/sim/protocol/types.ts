/**
 * Protocol vocabulary shared by the machines, the trace and the UI.
 * Numbers follow Kafka: producer id int64 (here a JS number), epoch int16, sequence int32.
 */

/** Kafka's sentinel for "no producer id / epoch / sequence" (RecordBatch.NO_PRODUCER_ID etc.). */
export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
export const SHORT_MAX = 32767;
/** ProducerStateEntry.NUM_BATCHES_TO_RETAIN */
export const NUM_BATCHES_TO_RETAIN = 5;
/** First producer id handed out by the simulated cluster, as in the reference's examples. */
export const FIRST_PRODUCER_ID = 1000;
/** The single partition this simulation models (the code keys state by partition). */
export const PARTITION = 0;

/** Error codes a produce response can carry (names and numbers as in Kafka's `Errors`). */
export const ERROR_CODES = {
  NONE: 0,
  NOT_LEADER_OR_FOLLOWER: 6,
  REQUEST_TIMED_OUT: 7,
  NETWORK_EXCEPTION: 13,
  NOT_ENOUGH_REPLICAS: 19,
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20,
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  DUPLICATE_SEQUENCE_NUMBER: 46,
  INVALID_PRODUCER_EPOCH: 47,
  UNKNOWN_PRODUCER_ID: 59,
} as const;
export type ErrorName = keyof typeof ERROR_CODES;

/**
 * Errors whose exception extends RetriableException in the Java client. OUT_OF_ORDER_SEQUENCE_NUMBER and
 * UNKNOWN_PRODUCER_ID are not among them (OutOfOrderSequenceException is an ApiException): the idempotent producer
 * retries them only because TransactionManager.canRetry special-cases them (reference §1.7).
 */
export const RETRIABLE_ERRORS: ReadonlySet<ErrorName> = new Set<ErrorName>([
  'NOT_LEADER_OR_FOLLOWER',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
]);

/** One batch as the broker remembers it in its per-producer cache (BatchMetadata). */
export interface CachedBatch {
  firstSeq: number;
  lastSeq: number;
  /** Offset of the batch's first record. */
  firstOffset: number;
  /**
   * The batch's max timestamp: the CreateTime of its newest record, as the producer sent it (BatchMetadata's
   * timestamp). The entry's lastTimestamp, from which expiry is timed, is this, not the time of the append.
   */
  t: number;
}

/** The broker's state for one producer id (ProducerStateEntry). */
export interface ProducerEntry {
  pid: number;
  epoch: number;
  /** Oldest first, at most NUM_BATCHES_TO_RETAIN. */
  batches: CachedBatch[];
  lastTimestamp: number;
}

/** A batch's identity on the wire. */
export interface BatchHeader {
  pid: number;
  epoch: number;
  /** NO_SEQUENCE when idempotence is off. */
  baseSeq: number;
  recordCount: number;
}

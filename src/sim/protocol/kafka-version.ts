/**
 * The Kafka version lens: the rules of the idempotent producer that changed between releases, as parameters.
 * One version stands for both the client and the broker (real deployments can mix them; the lab does not).
 * Each field names the reference section (../shared/reference/kafka-protocol.md) and the Kafka change behind it;
 * the rules that read them are the pure functions of broker-rules.ts, producer-config.ts and producer-rules.ts.
 *
 * Ids are the releases the rules were checked against: "1.0.0" and "3.0.0" rather than "1.0" and "3.0", because
 * 1.0.2 already stopped sending DUPLICATE_SEQUENCE_NUMBER (KAFKA-6683 backport) and 3.0.1 already turned
 * idempotence on by default (KAFKA-13598). "3.x" is 3.0.1 to 3.9, "4.0" is 4.0 and later.
 */
export const KAFKA_VERSIONS = ['0.11', '1.0.0', '2.4', '3.0.0', '3.x', '4.0'] as const;
export type KafkaVersion = (typeof KAFKA_VERSIONS)[number];
/** The lab's model before the lens existed: a 4.0 client (linger.ms 5, in-flight > 5 refused) and a 3.x/4.x broker. */
export const DEFAULT_KAFKA_VERSION: KafkaVersion = '4.0';

export function isKafkaVersion(v: unknown): v is KafkaVersion {
  return typeof v === 'string' && (KAFKA_VERSIONS as readonly string[]).includes(v);
}

export interface KafkaVersionRules {
  // The broker (ProducerStateManager / ProducerAppendInfo).
  /** Batches cached per producer id for deduplication (§1.4, §2.3: 1 in 0.11, 5 since 1.0, KAFKA-5494). */
  batchesRetained: number;
  /**
   * The answer to a producer id the broker has no state for, when the batch's first sequence is not 0 (§2.3):
   * 0.11 sees a "new epoch" not starting at 0; 1.0–2.4 say UNKNOWN_PRODUCER_ID (KAFKA-5793); 2.5+ accept it (KAFKA-8710).
   */
  unknownProducer: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'UNKNOWN_PRODUCER_ID' | 'accept';
  /**
   * A known epoch with nothing cached (learned from a marker), first sequence not 0: OUT_OF_ORDER_SEQUENCE_NUMBER,
   * except in 1.1–2.4, where ProducerAppendInfo.checkSequence says UNKNOWN_PRODUCER_ID (read in the 2.4.0 source).
   */
  knownEpochNoSequence: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'UNKNOWN_PRODUCER_ID';
  /**
   * A copy older than every cached batch (§2.3, vector 9): OUT_OF_ORDER_SEQUENCE_NUMBER, except 1.0.0–1.0.1, which
   * answer DUPLICATE_SEQUENCE_NUMBER (KAFKA-6683 changed it).
   */
  staleDuplicate: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'DUPLICATE_SEQUENCE_NUMBER';

  // The client (KafkaProducer, Sender, TransactionManager).
  /** enable.idempotence when left unset (§4: true from 3.0.1/3.1.1/3.2.0, KIP-679 and KAFKA-13598). */
  idempotenceDefault: boolean;
  /** linger.ms when left unset (§4: 5 from 4.0, KIP-1030; 0 before). */
  lingerMsDefault: number;
  /** The most max.in.flight.requests.per.connection allows with idempotence (§1.4: 1 in 0.11, 5 since 1.0). */
  maxInFlightForIdempotence: number;
  /**
   * max.in.flight above that limit with enable.idempotence left unset (§1.4, §4): 3.x turns idempotence off
   * silently, 4.0 refuses it (KAFKA-17927). Versions whose default is off have nothing to turn off.
   */
  inFlightOverLimitUnset: 'disable-idempotence' | 'refuse';
  /**
   * OUT_OF_ORDER_SEQUENCE_NUMBER for a batch that is not the next one is retried (TransactionManager.canRetry, since
   * 1.0 with KAFKA-5494); 0.11's client retries only RetriableExceptions, so the batch fails.
   */
  retriesOutOfOrderNotNext: boolean;
  /**
   * What a real sequence gap does (§1.7, §1.8): since 2.5 the idempotent producer bumps its epoch locally (KIP-360);
   * before, the batch fails with OUT_OF_ORDER_SEQUENCE_NUMBER and the producer id is reset (a new one is fetched).
   */
  sequenceGap: 'bump-epoch' | 'reset-producer-id';
  /**
   * UNKNOWN_PRODUCER_ID (§1.7): 2.5+ clients bump and retry. 1.0–2.4 clients (TransactionManager.canRetry) restart
   * the partition's sequences at 0 and retry when their last acknowledged offset is below the log start offset
   * (in the lab, whose log start is always 0: while nothing is acknowledged yet), and otherwise fail the batch.
   */
  unknownProducerIdReply: 'bump-and-retry' | 'restart-sequences-or-fail';
}

const MODERN_BROKER = {
  batchesRetained: 5,
  unknownProducer: 'accept',
  knownEpochNoSequence: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
  staleDuplicate: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
} as const satisfies Partial<KafkaVersionRules>;

const MODERN_CLIENT = {
  maxInFlightForIdempotence: 5,
  retriesOutOfOrderNotNext: true,
  sequenceGap: 'bump-epoch',
  unknownProducerIdReply: 'bump-and-retry',
} as const satisfies Partial<KafkaVersionRules>;

const LEGACY_CLIENT = {
  idempotenceDefault: false,
  lingerMsDefault: 0,
  inFlightOverLimitUnset: 'refuse',
  sequenceGap: 'reset-producer-id',
  unknownProducerIdReply: 'restart-sequences-or-fail',
} as const satisfies Partial<KafkaVersionRules>;

export const KAFKA_VERSION_RULES: Readonly<Record<KafkaVersion, KafkaVersionRules>> = {
  '0.11': {
    ...LEGACY_CLIENT,
    batchesRetained: 1,
    unknownProducer: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    knownEpochNoSequence: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    staleDuplicate: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    maxInFlightForIdempotence: 1,
    retriesOutOfOrderNotNext: false,
  },
  '1.0.0': {
    ...LEGACY_CLIENT,
    batchesRetained: 5,
    unknownProducer: 'UNKNOWN_PRODUCER_ID',
    knownEpochNoSequence: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    staleDuplicate: 'DUPLICATE_SEQUENCE_NUMBER',
    maxInFlightForIdempotence: 5,
    retriesOutOfOrderNotNext: true,
  },
  '2.4': {
    ...LEGACY_CLIENT,
    batchesRetained: 5,
    unknownProducer: 'UNKNOWN_PRODUCER_ID',
    knownEpochNoSequence: 'UNKNOWN_PRODUCER_ID',
    staleDuplicate: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    maxInFlightForIdempotence: 5,
    retriesOutOfOrderNotNext: true,
  },
  '3.0.0': { ...MODERN_BROKER, ...MODERN_CLIENT, idempotenceDefault: false, lingerMsDefault: 0, inFlightOverLimitUnset: 'refuse' },
  '3.x': { ...MODERN_BROKER, ...MODERN_CLIENT, idempotenceDefault: true, lingerMsDefault: 0, inFlightOverLimitUnset: 'disable-idempotence' },
  '4.0': { ...MODERN_BROKER, ...MODERN_CLIENT, idempotenceDefault: true, lingerMsDefault: 5, inFlightOverLimitUnset: 'refuse' },
};

/**
 * The rules of a version.
 * @example kafkaVersionRules('0.11').batchesRetained // → 1
 */
export function kafkaVersionRules(v: KafkaVersion = DEFAULT_KAFKA_VERSION): KafkaVersionRules {
  return KAFKA_VERSION_RULES[v];
}

/**
 * Where the lab is not sure it shows a version as Kafka behaved, or knowingly simplifies it (each id is explained in
 * docs/scenario-format.md, "Kafka version lens"). The version selector says a version is modelled only in part
 * when it has more than `one-version`.
 */
export type VersionCaveat =
  | 'one-version'
  | 'old-defaults'
  | 'delivery-timeout'
  | 'expiration-setting'
  | 'sequence-adjust'
  | 'reset-drains';

export const VERSION_CAVEATS: Readonly<Record<KafkaVersion, readonly VersionCaveat[]>> = {
  '0.11': ['one-version', 'old-defaults', 'delivery-timeout', 'expiration-setting', 'reset-drains'],
  '1.0.0': ['one-version', 'old-defaults', 'delivery-timeout', 'expiration-setting', 'sequence-adjust', 'reset-drains'],
  '2.4': ['one-version', 'old-defaults', 'expiration-setting', 'sequence-adjust', 'reset-drains'],
  '3.0.0': ['one-version', 'expiration-setting'],
  '3.x': ['one-version'],
  '4.0': ['one-version'],
};

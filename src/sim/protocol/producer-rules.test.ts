import { describe, expect, test } from 'vitest';
import { producerConfig } from '../testing/scenario';
import { failureNeedsBump, reactToError, retryBackoffMs, sequenceAfterExpiry, sequenceAfterFailedReply, validateProducerConfig, type RetryContext } from './producer-rules';
import { NO_SEQUENCE, RETRIABLE_ERRORS, type ErrorName } from './types';
import { configProblemText } from '../../i18n/facts';
import type { ProducerConfig } from '../scenario/schema';

/** The ConfigException as the English catalogue words it: Kafka's own text, byte for byte. */
function kafkaText(c: ProducerConfig): string | null {
  const code = validateProducerConfig(c);
  return code === null ? null : configProblemText('en', code);
}

describe('validateProducerConfig', () => {
  test('the defaults are valid', () => {
    expect(kafkaText(producerConfig())).toBeNull();
  });
  test('max.in.flight 6 with idempotence → Kafka ConfigException text', () => {
    expect(kafkaText(producerConfig({ 'max.in.flight.requests.per.connection': 6 }))).toBe(
      'ConfigException: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
    );
  });
  test('max.in.flight 5 with idempotence is fine', () => {
    expect(kafkaText(producerConfig({ 'max.in.flight.requests.per.connection': 5 }))).toBeNull();
  });
  test('max.in.flight 6 without idempotence is fine', () => {
    expect(kafkaText(producerConfig({ 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 6 }))).toBeNull();
  });
  test('acks ≠ all with idempotence set is refused', () => {
    for (const acks of ['1', '0'] as const) {
      expect(kafkaText(producerConfig({ acks, 'enable.idempotence': true }))).toBe(
        'ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      );
      expect(kafkaText(producerConfig({ acks, 'enable.idempotence': false }))).toBeNull();
    }
  });
  test('retries = 0 with idempotence set is refused', () => {
    expect(kafkaText(producerConfig({ retries: 0, 'enable.idempotence': true }))).toBe(
      'ConfigException: Must set retries to non-zero when using the idempotent producer.',
    );
    expect(kafkaText(producerConfig({ retries: 0, 'enable.idempotence': false }))).toBeNull();
  });
  test('delivery.timeout.ms < linger.ms + request.timeout.ms is refused, even without idempotence', () => {
    const msg = 'ConfigException: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms';
    expect(kafkaText(producerConfig({ 'delivery.timeout.ms': 1004, 'linger.ms': 5, 'request.timeout.ms': 1000 }))).toBe(msg);
    expect(
      kafkaText(producerConfig({ 'enable.idempotence': false, 'delivery.timeout.ms': 1004, 'linger.ms': 5, 'request.timeout.ms': 1000 })),
    ).toBe(msg);
    // equal is fine
    expect(kafkaText(producerConfig({ 'delivery.timeout.ms': 1005, 'linger.ms': 5, 'request.timeout.ms': 1000 }))).toBeNull();
  });
});

describe('retryBackoffMs', () => {
  test('100, 200, 400, 800, then capped at 1000', () => {
    expect([1, 2, 3, 4, 5, 6, 20, 100].map((n) => retryBackoffMs(n, 100, 1000))).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 1000]);
  });
  test('base ≥ max gives max', () => {
    expect(retryBackoffMs(1, 2000, 1000)).toBe(1000);
    expect(retryBackoffMs(3, 1000, 1000)).toBe(1000);
  });
});

const ctx = (over: Partial<RetryContext>): RetryContext => ({
  error: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
  idempotent: true,
  renumberedSince: false,
  batchBaseSeq: 5,
  batchWasReset: false,
  lastAckedSeq: 4,
  unresolvedSeq: NO_SEQUENCE,
  ...over,
});

describe('reactToError (reference §1.7)', () => {
  test('OOOSN for a batch that is not the next seq, nothing unresolved → retry without bump', () => {
    expect(reactToError(ctx({ batchBaseSeq: 10, lastAckedSeq: 4 }))).toBe('retry');
  });
  test('OOOSN for a batch that was reset, nothing unresolved → retry without bump', () => {
    expect(reactToError(ctx({ batchBaseSeq: 0, lastAckedSeq: NO_SEQUENCE, batchWasReset: true }))).toBe('retry');
  });
  test('OOOSN for the next seq with nothing unresolved → retry and bump', () => {
    expect(reactToError(ctx({ batchBaseSeq: 5, lastAckedSeq: 4 }))).toBe('retry-and-bump');
    expect(reactToError(ctx({ batchBaseSeq: 0, lastAckedSeq: NO_SEQUENCE }))).toBe('retry-and-bump');
  });
  test('OOOSN for the batch right after the unresolved seq → retry and bump', () => {
    expect(reactToError(ctx({ batchBaseSeq: 8, lastAckedSeq: 4, unresolvedSeq: 7 }))).toBe('retry-and-bump');
  });
  test('OOOSN otherwise with something unresolved → retry without bump', () => {
    expect(reactToError(ctx({ batchBaseSeq: 10, lastAckedSeq: 4, unresolvedSeq: 7 }))).toBe('retry');
    // even when it is the next after the last ack: the unresolved batch may still fill the gap
    expect(reactToError(ctx({ batchBaseSeq: 5, lastAckedSeq: 4, unresolvedSeq: 7 }))).toBe('retry');
  });
  test('an answer about an older numbering of the batch → retry', () => {
    expect(reactToError(ctx({ renumberedSince: true, batchBaseSeq: 5, lastAckedSeq: 4 }))).toBe('retry');
    expect(reactToError(ctx({ renumberedSince: true, error: 'INVALID_PRODUCER_EPOCH' }))).toBe('retry');
  });
  test('INVALID_PRODUCER_EPOCH → the batch fails', () => {
    expect(reactToError(ctx({ error: 'INVALID_PRODUCER_EPOCH' }))).toBe('fail');
  });
  test('retriable errors → retry (same seq)', () => {
    for (const error of ['NOT_LEADER_OR_FOLLOWER', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'] as ErrorName[]) {
      expect(reactToError(ctx({ error }))).toBe('retry');
    }
  });
  test('UNKNOWN_PRODUCER_ID (brokers before 2.5) → the idempotent producer bumps its epoch and retries', () => {
    expect(reactToError(ctx({ error: 'UNKNOWN_PRODUCER_ID' }))).toBe('retry-and-bump');
  });
  test('DUPLICATE_SEQUENCE_NUMBER (1.0.x brokers) → success, with or without idempotence', () => {
    expect(reactToError(ctx({ error: 'DUPLICATE_SEQUENCE_NUMBER' }))).toBe('success');
    expect(reactToError(ctx({ error: 'DUPLICATE_SEQUENCE_NUMBER', idempotent: false }))).toBe('success');
  });
  test('idempotence off: retriable errors → retry; OOOSN is not a RetriableException, so it fails, like the others', () => {
    for (const error of RETRIABLE_ERRORS) expect(reactToError(ctx({ error, idempotent: false }))).toBe('retry');
    expect(RETRIABLE_ERRORS.has('OUT_OF_ORDER_SEQUENCE_NUMBER')).toBe(false);
    expect(RETRIABLE_ERRORS.has('UNKNOWN_PRODUCER_ID')).toBe(false);
    expect(reactToError(ctx({ error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', idempotent: false }))).toBe('fail');
    expect(reactToError(ctx({ error: 'INVALID_PRODUCER_EPOCH', idempotent: false }))).toBe('fail');
  });
});

describe('failureNeedsBump', () => {
  test('sequence and epoch errors need a bump; timeouts and network errors leave the batch unresolved', () => {
    expect(failureNeedsBump('OUT_OF_ORDER_SEQUENCE_NUMBER')).toBe(true);
    expect(failureNeedsBump('INVALID_PRODUCER_EPOCH')).toBe(true);
    expect(failureNeedsBump('UNKNOWN_PRODUCER_ID')).toBe(true);
    expect(failureNeedsBump('REQUEST_TIMED_OUT')).toBe(false);
    expect(failureNeedsBump('NETWORK_EXCEPTION')).toBe(false);
    expect(failureNeedsBump('TimeoutException')).toBe(false);
  });
});

describe('what a failed batch does to its sequence (§1.5)', () => {
  test('retries used up: the numbering is kept (the batch may be in the log), unless the error itself needs a bump', () => {
    expect(sequenceAfterFailedReply('NOT_ENOUGH_REPLICAS', 3, 3)).toBe('keep');
    expect(sequenceAfterFailedReply('REQUEST_TIMED_OUT', 1, 1)).toBe('keep');
    expect(sequenceAfterFailedReply('OUT_OF_ORDER_SEQUENCE_NUMBER', 3, 3)).toBe('bump');
  });
  test('retries left (delivery.timeout.ms ran out, or the error cannot be retried): an epoch bump', () => {
    expect(sequenceAfterFailedReply('NOT_ENOUGH_REPLICAS', 1, 3)).toBe('bump');
    expect(sequenceAfterFailedReply('NETWORK_EXCEPTION', 0, 2147483647)).toBe('bump');
  });
  test('an expired batch is unresolved only if it was re-enqueued (inRetry)', () => {
    expect(sequenceAfterExpiry(true)).toBe('unresolved');
    expect(sequenceAfterExpiry(false)).toBe('keep');
  });
});

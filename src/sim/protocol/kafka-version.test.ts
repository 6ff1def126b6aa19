import { describe, expect, test } from 'vitest';
import { lastSequenceOf } from './sequence';
import { checkAppend, isOlderThanCache, recordAppend, replayBatches } from './broker-rules';
import { DEFAULT_KAFKA_VERSION, isKafkaVersion, KAFKA_VERSION_RULES, KAFKA_VERSIONS, kafkaVersionRules, VERSION_CAVEATS, type KafkaVersion } from './kafka-version';
import { resolveProducerConfig } from './producer-config';
import { reactToError, type RetryContext } from './producer-rules';
import { NO_SEQUENCE, type BatchHeader, type CachedBatch, type ProducerEntry } from './types';
import { producerConfig } from '../testing/scenario';

const PID = 1000;
const hdr = (epoch: number, baseSeq: number, recordCount = 1): BatchHeader => ({ pid: PID, epoch, baseSeq, recordCount });
const cached = (firstSeq: number, lastSeq: number, firstOffset: number): CachedBatch => ({ firstSeq, lastSeq, firstOffset, t: 0 });
const check = (v: KafkaVersion, entry: ProducerEntry | undefined, h: BatchHeader) =>
  checkAppend(entry, h, lastSequenceOf(h.baseSeq, h.recordCount), kafkaVersionRules(v));

/** Single-record batches 0..n−1 of epoch 0 through recordAppend, keeping as many as version `v` does. */
function written(v: KafkaVersion, n: number): ProducerEntry | undefined {
  let e: ProducerEntry | undefined;
  for (let i = 0; i < n; i++) e = recordAppend(e, hdr(0, i), cached(i, i, i), kafkaVersionRules(v).batchesRetained);
  return e;
}

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

describe('the versions', () => {
  test('the ids are the issue’s, the default is 4.0, and every id has rules and caveats', () => {
    expect(KAFKA_VERSIONS).toEqual(['0.11', '1.0.0', '2.4', '3.0.0', '3.x', '4.0']);
    expect(DEFAULT_KAFKA_VERSION).toBe('4.0');
    expect(Object.keys(KAFKA_VERSION_RULES)).toEqual([...KAFKA_VERSIONS]);
    expect(Object.keys(VERSION_CAVEATS)).toEqual([...KAFKA_VERSIONS]);
    expect(isKafkaVersion('1.0.0')).toBe(true);
    expect(isKafkaVersion('1.0')).toBe(false);
    expect(isKafkaVersion(4)).toBe(false);
  });
});

describe('broker: the dedup cache (§1.4, §2.3)', () => {
  test('0.11 caches one batch: a retry of the one before the last is OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    expect(written('0.11', 3)!.batches).toHaveLength(1);
    expect(check('0.11', written('0.11', 3), hdr(0, 1)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check('0.11', written('0.11', 3), hdr(0, 2)).verdict).toBe('duplicate');
    // the same copy is recognised from 1.0 on
    expect(check('3.x', written('3.x', 3), hdr(0, 1)).verdict).toBe('duplicate');
  });
  test('0.11 replays one batch per producer after a crash too', () => {
    const replay = [0, 1, 2].map((i) => ({ header: hdr(0, i), batch: cached(i, i, i) }));
    expect(replayBatches(new Map(), replay, kafkaVersionRules('0.11').batchesRetained).get(PID)!.batches).toHaveLength(1);
    expect(replayBatches(new Map(), replay, kafkaVersionRules('4.0').batchesRetained).get(PID)!.batches).toHaveLength(3);
  });
  test('the rule reports the version’s cache size', () => {
    const d = check('0.11', written('0.11', 3), hdr(0, 0));
    expect(d.rule).toMatchObject({ id: 'out-of-order', retained: 1 });
  });
});

describe('broker: a copy older than the cache (§2.3, vector 9)', () => {
  test('1.0.0 answers DUPLICATE_SEQUENCE_NUMBER; 0.11, 2.4 and later OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    for (const v of KAFKA_VERSIONS) {
      const d = check(v, written(v, 7), hdr(0, 1));
      expect(d.verdict, v).toBe(v === '1.0.0' ? 'DUPLICATE_SEQUENCE_NUMBER' : 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    }
    expect(check('1.0.0', written('1.0.0', 7), hdr(0, 1))).toMatchObject({ verdict: 'DUPLICATE_SEQUENCE_NUMBER', rule: { id: 'older-than-cache', oldestCached: 2, retained: 5 } });
  });
  test('1.0.0 never takes a copy ending at sequence 0 for an old one (lastSeq != 0 in its isDuplicate)', () => {
    // Vector 9 as written (six batches, a stale seq 0) is therefore OUT_OF_ORDER_SEQUENCE_NUMBER on 1.0.0 too.
    expect(check('1.0.0', written('1.0.0', 6), hdr(0, 0)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });
  test('isOlderThanCache follows 1.0.0’s isDuplicate', () => {
    expect(isOlderThanCache(2, 1)).toBe(true);
    expect(isOlderThanCache(2, 0)).toBe(false);
    expect(isOlderThanCache(2, 2)).toBe(false);
  });
});

describe('broker: an unknown producer id with a first sequence other than 0 (§2.3)', () => {
  test.each([
    ['0.11', 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
    ['1.0.0', 'UNKNOWN_PRODUCER_ID'],
    ['2.4', 'UNKNOWN_PRODUCER_ID'],
    ['3.0.0', 'append'],
    ['3.x', 'append'],
    ['4.0', 'append'],
  ] as const)('%s → %s', (v, verdict) => {
    expect(check(v, undefined, hdr(0, 7)).verdict).toBe(verdict);
    // sequence 0 is accepted by every version
    expect(check(v, undefined, hdr(0, 0)).verdict).toBe('append');
  });
  test('before 2.5 the rules say why', () => {
    expect(check('2.4', undefined, hdr(0, 7)).rule).toEqual({ id: 'unknown-producer-not-zero', pid: PID, baseSeq: 7 });
    expect(check('2.4', undefined, hdr(0, 0)).rule).toEqual({ id: 'unknown-producer-at-zero', pid: PID });
    expect(check('4.0', undefined, hdr(0, 7)).rule).toEqual({ id: 'unknown-producer', pid: PID });
  });
  test('a known epoch with nothing cached: 2.4 says UNKNOWN_PRODUCER_ID, the others OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const empty: ProducerEntry = { pid: PID, epoch: 0, batches: [], lastTimestamp: 0 };
    expect(check('2.4', empty, hdr(0, 3)).verdict).toBe('UNKNOWN_PRODUCER_ID');
    expect(check('1.0.0', empty, hdr(0, 3)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(check('4.0', empty, hdr(0, 3)).verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });
});

describe('client: configuration by version (§1.4, §4)', () => {
  test('enable.idempotence unset is off before 3.0.1 and on in 3.x and 4.0', () => {
    const on = (v: KafkaVersion) => resolveProducerConfig(producerConfig(), v).config['enable.idempotence'];
    expect(KAFKA_VERSIONS.map(on)).toEqual([false, false, false, false, true, true]);
  });
  test('linger.ms unset is 5 in 4.0 and 0 before; a set value stays', () => {
    const linger = (v: KafkaVersion, set?: number) => resolveProducerConfig(producerConfig(set === undefined ? {} : { 'linger.ms': set }), v).config['linger.ms'];
    expect(KAFKA_VERSIONS.map((v) => linger(v))).toEqual([0, 0, 0, 0, 0, 5]);
    expect(linger('3.x', 7)).toBe(7);
  });
  test('0.11 needs max.in.flight = 1 for idempotence; later versions allow 5', () => {
    const problem = (v: KafkaVersion, n: number) =>
      resolveProducerConfig(producerConfig({ 'enable.idempotence': true, 'max.in.flight.requests.per.connection': n }), v).problem;
    expect(problem('0.11', 1)).toBeNull();
    expect(problem('0.11', 2)).toBe('idempotence-max-in-flight-one');
    expect(problem('1.0.0', 5)).toBeNull();
    expect(problem('1.0.0', 6)).toBe('idempotence-max-in-flight');
  });
  test('max.in.flight > 5 with idempotence unset: 3.x turns it off with a note, 4.0 refuses, older versions have it off', () => {
    const r = (v: KafkaVersion) => resolveProducerConfig(producerConfig({ 'max.in.flight.requests.per.connection': 6 }), v);
    expect(r('3.x')).toMatchObject({ problem: null, config: { 'enable.idempotence': false }, notes: [{ id: 'idempotence-off-max-in-flight', maxInFlight: 6 }] });
    expect(r('4.0').problem).toBe('idempotence-max-in-flight');
    expect(r('3.0.0')).toMatchObject({ problem: null, config: { 'enable.idempotence': false }, notes: [] });
  });
});

describe('client: error reactions by version (§1.7)', () => {
  const rules = kafkaVersionRules;
  test('a real gap (the next batch answered OUT_OF_ORDER_SEQUENCE_NUMBER): 2.5+ bump, before that the id is reset', () => {
    for (const v of KAFKA_VERSIONS) {
      const expected = v === '0.11' || v === '1.0.0' || v === '2.4' ? 'fail-and-reset' : 'retry-and-bump';
      expect(reactToError(ctx({}), rules(v)), v).toBe(expected);
    }
  });
  test('with a sequence unresolved, 1.0–2.4 reset rather than wait', () => {
    expect(reactToError(ctx({ batchBaseSeq: 10, unresolvedSeq: 7 }), rules('2.4'))).toBe('fail-and-reset');
    expect(reactToError(ctx({ batchBaseSeq: 10, unresolvedSeq: 7 }), rules('4.0'))).toBe('retry');
  });
  test('not the next batch: retried from 1.0 (KAFKA-5494); 0.11 fails it and resets', () => {
    expect(reactToError(ctx({ batchBaseSeq: 10 }), rules('1.0.0'))).toBe('retry');
    expect(reactToError(ctx({ batchBaseSeq: 10 }), rules('0.11'))).toBe('fail-and-reset');
  });
  test('UNKNOWN_PRODUCER_ID: 2.5+ clients bump and retry; 1.0–2.4 clients restart at 0 while nothing is acked, else fail', () => {
    expect(reactToError(ctx({ error: 'UNKNOWN_PRODUCER_ID' }), rules('4.0'))).toBe('retry-and-bump');
    expect(reactToError(ctx({ error: 'UNKNOWN_PRODUCER_ID' }), rules('2.4'))).toBe('fail');
    expect(reactToError(ctx({ error: 'UNKNOWN_PRODUCER_ID' }), rules('1.0.0'))).toBe('fail');
    expect(reactToError(ctx({ error: 'UNKNOWN_PRODUCER_ID', lastAckedSeq: NO_SEQUENCE, batchBaseSeq: 1 }), rules('2.4'))).toBe('restart-sequences');
    expect(reactToError(ctx({ error: 'UNKNOWN_PRODUCER_ID', batchWasReset: true }), rules('2.4'))).toBe('retry');
  });
  test('DUPLICATE_SEQUENCE_NUMBER is a success on every version', () => {
    for (const v of KAFKA_VERSIONS) expect(reactToError(ctx({ error: 'DUPLICATE_SEQUENCE_NUMBER' }), rules(v))).toBe('success');
  });
});

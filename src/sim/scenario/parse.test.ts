import { describe, expect, test } from 'vitest';
import { parseScenario, parseScenarioJson } from './parse';
import { INT_MAX } from './schema';

const errorsOf = (input: unknown) => {
  const r = parseScenario(input);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
};

describe('parseScenario', () => {
  test('fills every default from a minimal scenario', () => {
    const r = parseScenario({ version: 1, name: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toMatchObject({
      version: 1,
      id: 'custom',
      name: 'x',
      description: '',
      seed: 1,
      kafkaVersion: '4.0',
      producer: {
        acks: 'all',
        'max.in.flight.requests.per.connection': 5,
        retries: INT_MAX,
        'retry.backoff.ms': 100,
        'retry.backoff.max.ms': 1000,
        'request.timeout.ms': 30000,
        'batch.size.records': 1,
      },
      broker: { 'producer.id.expiration.ms': 86400000, 'producer.id.expiration.check.interval.ms': 600000, processingMs: 1 },
      workload: { messages: 3, startMs: 0, intervalMs: 10, jitterMs: 0 },
      network: { latencyMs: { min: 5, max: 15 } },
      faults: {
        scripted: [],
        rates: { loseRequest: 0, loseResponse: 0, delayRequest: 0, delayMs: 1500, stall: 0, stallMs: 1500, errorReply: 0 },
      },
    });
  });

  test('linger.ms is left unset: the Kafka version decides its default (5 ms in 4.0, 0 before)', () => {
    const r = parseScenario({ version: 1, name: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect('linger.ms' in r.scenario.producer).toBe(false);
  });

  test('kafkaVersion: one of the listed ids; anything else is refused with a message that names it and lists them', () => {
    const ok = parseScenario({ version: 1, name: 'x', kafkaVersion: '0.11' });
    expect(ok.ok && ok.scenario.kafkaVersion).toBe('0.11');
    const r = parseScenario({ version: 1, name: 'x', kafkaVersion: '1.0' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(['kafkaVersion: unknown Kafka version "1.0": use one of 0.11, 1.0.0, 2.4, 3.0.0, 3.x, 4.0']);
    expect(r.problems[0]).toMatchObject({ path: 'kafkaVersion', code: 'invalid_value' });
    const n = parseScenario({ version: 1, name: 'x', kafkaVersion: 4 });
    expect(!n.ok && n.errors[0]).toBe('kafkaVersion: unknown Kafka version 4: use one of 0.11, 1.0.0, 2.4, 3.0.0, 3.x, 4.0');
  });

  test('fills nested defaults inside a partly given section and in scripted faults', () => {
    const r = parseScenario({ version: 1, name: 'x', producer: { acks: '1' }, faults: { scripted: [{ kind: 'lose-response', message: 2 }] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.producer.acks).toBe('1');
    // left unset: Kafka's default applies when the producer is built, with its leniency (see resolveProducerConfig)
    expect('enable.idempotence' in r.scenario.producer).toBe(false);
    expect(r.scenario.faults.scripted).toHaveLength(1);
    expect(r.scenario.faults.scripted[0]).toMatchObject({ kind: 'lose-response', message: 2, attempt: 1 });
    expect(r.scenario.faults.rates.loseRequest).toBe(0);
  });

  test('enable.idempotence and delivery.timeout.ms stay unset unless given: unset is not the same as the default value', () => {
    const unset = parseScenario({ version: 1, name: 'x' });
    expect(unset.ok && 'enable.idempotence' in unset.scenario.producer).toBe(false);
    expect(unset.ok && 'delivery.timeout.ms' in unset.scenario.producer).toBe(false);
    const set = parseScenario({ version: 1, name: 'x', producer: { 'enable.idempotence': true, 'delivery.timeout.ms': 120000 } });
    expect(set.ok && set.scenario.producer).toMatchObject({ 'enable.idempotence': true, 'delivery.timeout.ms': 120000 });
  });

  test('a bad field value names its path', () => {
    const errors = errorsOf({ version: 1, name: 'x', producer: { acks: 'two' } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^producer\.acks: /);
  });

  test('nested paths use dots and [index]', () => {
    expect(errorsOf({ version: 1, name: 'x', faults: { scripted: [{ kind: 'lose-request', message: 1 }, { kind: 'stall', message: 1 }] } })[0]).toMatch(
      /^faults\.scripted\[1\]\.durationMs: /,
    );
    expect(errorsOf({ version: 1, name: 'x', workload: { messages: -1 } })[0]).toMatch(/^workload\.messages: /);
    expect(errorsOf({ version: 1, name: 'x', faults: { rates: { loseRequest: 1.5 } } })[0]).toMatch(/^faults\.rates\.loseRequest: /);
  });

  test('latency max below min is refused at network.latencyMs.max', () => {
    expect(errorsOf({ version: 1, name: 'x', network: { latencyMs: { min: 10, max: 5 } } })).toEqual(['network.latencyMs.max: max must be at least min']);
  });

  test('unknown keys are refused, at the root and in sections', () => {
    expect(errorsOf({ version: 1, name: 'x', bogus: 1 })).toEqual(['(root): Unrecognized key: "bogus"']);
    expect(errorsOf({ version: 1, name: 'x', producer: { 'linger.msec': 1 } })[0]).toMatch(/^producer: .*linger\.msec/);
  });

  test('a missing name is reported', () => {
    expect(errorsOf({ version: 1 })[0]).toMatch(/^name: /);
  });

  test('a too-new version gets a clear message', () => {
    expect(errorsOf({ version: 4, name: 'x' })).toEqual([
      'version: this file is version 4, but this build reads version 3; open it with a newer Exactly-Once Lab',
    ]);
  });

  test('a wrong version or non-object never throws', () => {
    expect(errorsOf({ version: 0, name: 'x' })[0]).toMatch(/^version: /);
    expect(errorsOf(null)[0]).toMatch(/^\(root\): /);
    expect(errorsOf('scenario')[0]).toMatch(/^\(root\): /);
    expect(errorsOf([])[0]).toMatch(/^\(root\): /);
  });

  test('several problems are all reported', () => {
    expect(errorsOf({ version: 1, name: '', seed: -1, producer: { acks: 'x' } }).length).toBeGreaterThanOrEqual(3);
  });
});

describe('parseScenarioJson', () => {
  test('invalid JSON is reported as a file error', () => {
    const r = parseScenarioJson('{bad');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^\(file\): not valid JSON: /);
  });
  test('valid JSON goes through the schema', () => {
    const r = parseScenarioJson(JSON.stringify({ version: 1, name: 'x', seed: 7 }));
    expect(r.ok && r.scenario.seed).toBe(7);
    const bad = parseScenarioJson(JSON.stringify({ version: 1, name: 'x', seed: 'seven' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/^seed: /);
  });
});

describe('untrusted text in messages', () => {
  test('a UTF-8 byte-order mark before the JSON is accepted', () => {
    const r = parseScenarioJson(`\uFEFF${JSON.stringify({ version: 1, name: 'x', seed: 9 })}`);
    expect(r.ok && r.scenario.seed).toBe(9);
  });

  test('an unknown key is quoted as a short escaped excerpt, never whole', () => {
    const huge = `${'k'.repeat(10_000_000)}`;
    const [error] = errorsOf({ version: 1, name: 'x', producer: { [huge]: 1 } });
    expect(error!.length).toBeLessThan(200);
    expect(error).toMatch(/^producer: Unrecognized key: "k{40}…" \(10000000 characters\)$/);
    const [nul] = errorsOf({ version: 1, name: 'x', ['a\u0000b']: 1 });
    expect(nul).toBe('(root): Unrecognized key: "a\\u0000b"');
    expect(nul).not.toContain('\u0000');
  });

  test('many unknown keys: the first five are named and the rest counted', () => {
    const keys = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`extra${i}`, i]));
    const [error] = errorsOf({ version: 1, name: 'x', ...keys });
    expect(error).toBe('(root): Unrecognized keys: "extra0", "extra1", "extra2", "extra3", "extra4" (and 995 more)');
  });

  test.each([
    [1.5, '1.5'],
    ['1', '"1"'],
    [null, 'null'],
    [[1], '[1]'],
  ])('version %j is not a version, and says so', (version, shown) => {
    const errors = errorsOf({ version, name: 'x' });
    expect(errors).toEqual([`version: ${shown} is not a version: a version is a whole number (this build reads version 3)`]);
  });

  test('a version that is not one is reported beside the other problems', () => {
    const errors = errorsOf({ version: 'one', name: 'x', seed: -1 });
    expect(errors[0]).toMatch(/^version: "one" is not a version/);
    expect(errors.some((e) => e.startsWith('seed: '))).toBe(true);
  });
});

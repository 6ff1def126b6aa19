import { describe, expect, test } from 'vitest';
import { PRESETS } from '../../scenarios/presets';
import { parseScenario } from './parse';
import { formatVersionOf, SCENARIO_VERSION } from './schema';

const ok = (input: unknown) => {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.scenario;
};

describe('scenario format version 2', () => {
  test('this build reads versions 1, 2 and 3; a file keeps its version unless it uses something newer', () => {
    expect(SCENARIO_VERSION).toBe(3);
    expect(ok({ version: 2, name: 'x' }).version).toBe(2);
    expect(ok({ version: 3, name: 'x' }).version).toBe(3);
  });

  test('a version 1 file reads into the version 2 model unchanged: same fields, no consumer side, still version 1', () => {
    const v1 = { version: 1, name: 'x', seed: 4, producer: { acks: '1' }, faults: { scripted: [{ kind: 'lose-response', message: 2 }] } };
    const s = ok(v1);
    expect(s.version).toBe(1);
    expect(s.consumer).toBeUndefined();
    expect(s.database).toBeUndefined();
    expect(s.dedup).toBeUndefined();
    expect('consumer' in s).toBe(false);
    // The same file as version 2 holds the same settings.
    expect({ ...ok({ ...v1, version: 2 }), version: 1 }).toEqual(s);
  });

  test('a version 1 file that gains a consumer section is migrated to version 2, with database and dedup defaults', () => {
    const s = ok({ version: 1, name: 'x', consumer: {} });
    expect(s.version).toBe(2);
    expect(s.consumer?.commit).toEqual({ strategy: 'after-processing', mode: 'sync' });
    expect(s.consumer?.['auto.offset.reset']).toBe('latest');
    expect(s.database).toEqual({ latencyMs: 1, retryBackoffMs: 100 });
    expect(s.dedup).toEqual({ strategy: 'none' });
    expect(formatVersionOf(s)).toBe(2);
  });

  test('every preset file of version 1 still reads as version 1 (its trace, golden and short-link checksum are unchanged)', () => {
    const replicated = (p: (typeof PRESETS)[number]) => (p.scenario.broker['replication.factor'] ?? 1) > 1;
    const v1 = PRESETS.filter((p) => p.scenario.consumer === undefined && p.scenario.transactions === undefined && !replicated(p));
    expect(v1.length).toBeGreaterThanOrEqual(12);
    for (const p of v1) expect(p.scenario.version, p.id).toBe(1);
    // Replication is version 2 too: its presets are written as version 2.
    const v2 = PRESETS.filter(replicated);
    expect(v2.length).toBeGreaterThanOrEqual(2);
    for (const p of v2) expect(p.scenario.version, p.id).toBe(2);
    // Transactions are version 3.
    const v3 = PRESETS.filter((p) => p.scenario.transactions !== undefined);
    expect(v3.map((p) => p.id).sort()).toEqual(['txn-abort-read-committed', 'txn-consume-transform-produce-crash', 'txn-hanging-lso', 'txn-markers-take-offsets', 'txn-timeout-abort', 'txn-zombie-fencing']);
    for (const p of v3) expect(p.scenario.version, p.id).toBe(3);
  });

  test('a consumer fault without a consumer is refused, naming the fault', () => {
    const r = parseScenario({ version: 2, name: 'x', faults: { scripted: [{ kind: 'member-join', atMs: 5 }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(['faults.scripted[0].kind: a member-join fault needs a consumer section']);
    const d = parseScenario({ version: 2, name: 'x', dedup: { strategy: 'memory' } });
    expect(!d.ok && d.errors).toEqual(['dedup: a dedup section needs a consumer section']);
  });

  test('the auto commit strategy with enable.auto.commit=false is refused', () => {
    const r = parseScenario({ version: 2, name: 'x', consumer: { 'enable.auto.commit': false, commit: { strategy: 'auto' } } });
    expect(!r.ok && r.errors).toEqual(['consumer.enable.auto.commit: the auto commit strategy needs enable.auto.commit=true (or left out)']);
  });

  test('unknown dedup strategies and crash points are refused with the valid ones listed', () => {
    const r = parseScenario({ version: 2, name: 'x', consumer: {}, dedup: { strategy: 'magic' } });
    expect(!r.ok && r.errors[0]).toMatch(/^dedup\.strategy: .*same-transaction/);
    const c = parseScenario({ version: 2, name: 'x', consumer: {}, faults: { scripted: [{ kind: 'consumer-crash', message: 1, at: 'later' }] } });
    expect(!c.ok && c.errors[0]).toMatch(/^faults\.scripted\[0\]\.at: .*after-effect/);
  });
});

describe('scenario format version 3: transactions', () => {
  test('a transactions section (or a transaction fault) makes a file version 3; its defaults are filled in', () => {
    const s = ok({ version: 1, name: 'x', transactions: {} });
    expect(s.version).toBe(3);
    expect(s.transactions).toMatchObject({ 'transactional.id': 'lab-app', 'transaction.timeout.ms': 60000, app: 'consume-transform-produce', 'output.partitions': 2 });
    expect(s.transactions!.readers.map((r) => r['isolation.level'])).toEqual(['read_committed', 'read_uncommitted']);
    expect(formatVersionOf({ version: 2, faults: { scripted: [{ kind: 'txn-abort' }] } })).toBe(3);
  });

  test('what a transactional run rules out is refused, naming the field', () => {
    const errors = (input: object) => {
      const r = parseScenario({ version: 3, name: 'x', ...input });
      return r.ok ? [] : r.errors;
    };
    expect(errors({ faults: { scripted: [{ kind: 'txn-abort', txn: 1 }] } })).toEqual(['faults.scripted[0].kind: a txn-abort fault needs a transactions section']);
    expect(errors({ transactions: {}, consumer: {} })[0]).toMatch(/^consumer: a transactions section runs without a consumer section/);
    expect(errors({ transactions: {}, broker: { 'replication.factor': 2 } })[0]).toMatch(/^broker\.replication\.factor: /);
    expect(errors({ transactions: {}, kafkaVersion: '2.4' })).toEqual(['kafkaVersion: transactions in the lab follow Kafka 3.x or 4.0, not 2.4']);
    expect(errors({ transactions: { 'transaction.version': 2 }, kafkaVersion: '3.x' })).toEqual(['transactions.transaction.version: transaction.version 2 came with Kafka 4.0, not 3.x']);
    expect(errors({ transactions: {}, faults: { scripted: [{ kind: 'lose-response', message: 1 }] } })[0]).toMatch(/^faults\.scripted\[0\]\.kind: a lose-response fault does not apply/);
    expect(errors({ transactions: {}, faults: { rates: { loseRequest: 0.1 } } })[0]).toMatch(/^faults\.rates\.loseRequest: /);
    expect(errors({ transactions: {}, faults: { scripted: [{ kind: 'txn-crash', txn: 2, at: 'after-end' }] } })).toEqual([]);
  });
});

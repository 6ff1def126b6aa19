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
  test('this build reads versions 1 and 2 and writes 2', () => {
    expect(SCENARIO_VERSION).toBe(2);
    expect(ok({ version: 2, name: 'x' }).version).toBe(2);
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
    const v1 = PRESETS.filter((p) => p.scenario.consumer === undefined && !replicated(p));
    expect(v1.length).toBeGreaterThanOrEqual(12);
    for (const p of v1) expect(p.scenario.version, p.id).toBe(1);
    // Replication is version 2 too: its presets are written as version 2.
    const v2 = PRESETS.filter(replicated);
    expect(v2.length).toBeGreaterThanOrEqual(2);
    for (const p of v2) expect(p.scenario.version, p.id).toBe(2);
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

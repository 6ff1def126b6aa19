import { describe, expect, test } from 'vitest';
import { explainAnomaly } from '../../i18n/explain';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../run-simulation';
import type { RuleFact } from './facts';
import { checkTrace } from './checker';
import type { Trace } from './types';

/**
 * A reorder with idempotence on is blamed on KAFKA-15591 only when that is its cause: a batch accepted from a
 * producer id that had never written to the partition. The trace is reorder-in-flight with idempotence off
 * (log: m1, m2, m4, m3), its writes relabelled as a producer's with the rules each case needs.
 */
function relabel(rules: (message: number) => RuleFact, pidOf: (message: number) => number): Trace {
  const s = getPreset('reorder-in-flight')!.scenario;
  const trace = structuredClone(runSimulation({ ...s, producer: { ...s.producer, 'enable.idempotence': false } }));
  expect(trace.log.map((r) => r.message)).toEqual([1, 2, 4, 3]);
  trace.events = trace.events.map((e) => (e.kind === 'broker.handled' ? { ...e, pid: pidOf(e.messages[0]!), rule: rules(e.messages[0]!) } : e));
  trace.log = trace.log.map((r) => ({ ...r, pid: pidOf(r.message) }));
  return trace;
}

const inSequence: RuleFact = { id: 'in-sequence', baseSeq: 0, lastWritten: 0 };
const unknown: RuleFact = { id: 'unknown-producer', pid: 1000 };
const reorder = (t: Trace) => checkTrace(t).anomalies.find((a) => a.kind === 'reordered')!;

describe('the cause of a reorder with idempotence on', () => {
  test('message 4 accepted from a producer id that had never written here: KAFKA-15591', () => {
    const a = reorder(relabel((m) => (m === 4 ? unknown : inSequence), (m) => (m === 4 || m === 3 ? 1000 : 999)));
    expect(a.cause).toBe('reordered-new-producer');
    expect(explainAnomaly('en', a)).toContain('KAFKA-15591');
  });

  test('message 4 accepted as unknown from a producer id that had written before: lost state, not KAFKA-15591', () => {
    const a = reorder(relabel((m) => (m === 4 ? unknown : inSequence), () => 1000));
    expect(a.cause).toBe('reordered-state-lost');
    for (const lang of ['en', 'zh'] as const) expect(explainAnomaly(lang, a)).not.toContain('KAFKA-15591');
  });

  test('no unknown-producer acceptance: the late write’s own rule is named, not KAFKA-15591', () => {
    const a = reorder(relabel(() => inSequence, () => 1000));
    expect(a).toMatchObject({ cause: 'reordered-idempotent', params: { rule: inSequence } });
    expect(explainAnomaly('en', a)).not.toContain('KAFKA-15591');
    expect(explainAnomaly('en', a)).toContain('with idempotence on, the broker accepted the late batch by its rule');
  });
});

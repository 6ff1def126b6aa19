import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { budgetText } from '../src/i18n/budget';
import { checkBudget } from '../src/sim/budget/estimate-work';
import { resolveProducerConfig } from '../src/sim/protocol/producer-config';
import { parseScenario } from '../src/sim/scenario/parse';
import { faultSchema } from '../src/sim/scenario/schema';
import { scenario } from '../src/sim/testing/scenario';

/**
 * docs/scenario-format.md against the code: its examples parse, its default values are the schema's, and its
 * example validation errors are the ones the parser gives. A change to either side that is not made to the other
 * fails here.
 */
const doc = readFileSync(new URL('../docs/scenario-format.md', import.meta.url), 'utf8');

/** The rows of the first table under a `## heading` (or `### heading`), as cells without backticks. */
function table(heading: string): string[][] {
  const at = doc.search(new RegExp(`^#{2,3} ${heading.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}$`, 'm'));
  expect(at, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const lines = doc.slice(at).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

const defaults = (() => {
  const r = parseScenario({ version: 1, name: 'defaults' });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.scenario;
})();

const consumerDefaults = (() => {
  const r = parseScenario({ version: 2, name: 'defaults', consumer: {} });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.scenario;
})();

/** A default cell such as `5` or `"all"`, read as JSON. */
const value = (cell: string) => JSON.parse(cell.replace(/`/g, ''));

describe('docs/scenario-format.md', () => {
  test('the minimal example is a valid scenario', () => {
    const example = /```json\n(.*?)\n```/s.exec(doc)![1]!;
    expect(parseScenario(JSON.parse(example)).ok).toBe(true);
  });

  test.each([
    ['`producer`', defaults.producer],
    ['`broker`', defaults.broker],
    ['`workload`', defaults.workload],
    ['`consumer`', consumerDefaults.consumer!],
    ['`database`', consumerDefaults.database!],
  ] as const)('every %s setting is listed with the default the schema applies', (heading, actual) => {
    const rows = table(heading);
    // "unset (`true`)": the schema leaves the field out (Kafka asks whether it was set), and the producer's default
    // for it is the value in brackets.
    const unset = rows.filter(([, def]) => def!.startsWith('unset ('));
    for (const [field, def] of unset) {
      const key = field!.replace(/`/g, '');
      expect(key in actual, `${key} is left unset`).toBe(false);
      expect((resolveProducerConfig(defaults.producer).config as unknown as Record<string, unknown>)[key]).toEqual(value(def!.slice('unset ('.length, -1)));
    }
    // "unset": left out by the schema, its meaning given in words (consumer enable.auto.commit).
    for (const [field] of rows.filter(([, def]) => def === 'unset')) expect(field!.replace(/`/g, '') in actual, `${field} is left unset`).toBe(false);
    const documented = Object.fromEntries(rows.filter((r) => !unset.includes(r) && r[1] !== 'unset').map(([field, def]) => [field!.replace(/`/g, ''), value(def!)]));
    expect(documented).toEqual(actual);
  });

  test('network latency and the random fault rates have the documented defaults', () => {
    const [[fields, defs]] = table('`network`') as [[string, string]];
    expect(fields).toBe('`latencyMs.min`, `latencyMs.max`');
    expect(defs.split(',').map(value)).toEqual([defaults.network.latencyMs.min, defaults.network.latencyMs.max]);
    const rates = Object.fromEntries(table('Random fault rates').map(([f, d]) => [f!.replace(/`/g, ''), value(d!)]));
    expect(rates).toEqual(defaults.faults.rates);
  });

  test('every scripted fault kind is documented, and only those', () => {
    const kinds = table('Scripted faults').map(([k]) => k!.replace(/`/g, ''));
    const accepted = faultSchema._zod.def.options.map((o) => String(o._zod.def.shape.kind._zod.def.values[0]));
    expect([...kinds].sort()).toEqual([...accepted].sort());
    // Given a kind it does not know, the parser names the closest ones, how many there are, and where all are listed.
    const r = parseScenario({ version: 1, name: 'x', faults: { scripted: [{ kind: 'lose-responses' }] } });
    expect(!r.ok && r.errors).toEqual([
      `faults.scripted[0].kind: Invalid discriminator value. Closest of the ${accepted.length} kinds: 'lose-request' | 'lose-response' | 'lose-commit-response' (all are listed in docs/scenario-format.md)`,
    ]);
  });

  test('the example validation errors are the parser’s own', () => {
    const block = /## Validation errors[\s\S]*?```\n([\s\S]*?)```/.exec(doc)![1]!.trim().split('\n');
    const errorsOf = (input: unknown) => {
      const r = parseScenario(input);
      return r.ok ? [] : r.errors;
    };
    expect(errorsOf({ version: 1, name: 'x', producer: { acks: 'two' } })).toContain(block[0]);
    expect(errorsOf({ version: 1, name: 'x', faults: { scripted: [{ kind: 'lose-request' }] } })).toContain(block[1]);
    expect(errorsOf({ version: 1, name: 'x', producer: { 'max.inflight': 5 } })).toContain(block[2]);
    expect(errorsOf({ version: 4, name: 'x' })).toContain(block[3]);
    expect(errorsOf({ version: 1.5, name: 'x' })).toContain(block[4]);
    expect(errorsOf({ version: 1, name: 'x', ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`extra${i}`, i])) })).toContain(block[5]);
    expect(errorsOf({ version: 1, name: 'x', producer: { acks: '1' }, faults: { scripted: [{ kind: 'error-reply', message: 1, error: 'NOT_ENOUGH_REPLICAS' }] } })).toContain(block[6]);
    expect(errorsOf({ version: 1, name: 'x', broker: { 'replication.factor': 3 }, faults: { scripted: [{ kind: 'broker-kill', broker: 4, atMs: 0 }] } })).toContain(block[7]);
    expect(errorsOf({ version: 2, name: 'x', faults: { scripted: [{ kind: 'member-join', atMs: 0 }] } })).toContain(block[8]);
  });

  test('the size-limit example is the refusal the runner gives', () => {
    const example = /## Size limit[\s\S]*?```\n([\s\S]*?)```/.exec(doc)![1]!.trim();
    const refusal = checkBudget(scenario({ workload: { messages: 200000 }, faults: { rates: { loseRequest: 0.9 } } }));
    expect(refusal).not.toBeNull();
    expect(budgetText('en', refusal!)).toBe(example);
  });
});

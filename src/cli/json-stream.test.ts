import { describe, expect, test } from 'vitest';
import { PRESETS } from '../scenarios/presets';
import { runSimulation } from '../sim/run-simulation';
import { scenario } from '../sim/testing/scenario';
import { ChunkedWriter, writeJson } from './json-stream';
import { toJsonReport, writeReport } from './run-cli';

/** Every piece written, in order. */
function pieces(run: (write: (chunk: string) => void) => void): string[] {
  const out: string[] = [];
  run((chunk) => out.push(chunk));
  return out;
}

describe('streaming JSON', () => {
  test.each([
    [{ a: 1, b: [1, { c: 'x' }], d: undefined, e: () => 1, f: null }],
    [[undefined, () => 1, { g: [[1, 2], { h: 'é"\u0000' }] }]],
    [{ toJSON: () => 'custom' }],
    ['plain'],
    [{ nested: { deeper: { deepest: { x: [1, undefined] } } } }],
  ])('writes exactly what JSON.stringify writes: %j', (value) => {
    for (const depth of [0, 1, 2, 5]) {
      const chunks = pieces((w) => {
        const o = new ChunkedWriter(w, 4);
        writeJson(value, o, depth);
        o.flush();
      });
      expect(chunks.join('')).toBe(JSON.stringify(value));
    }
  });

  test.each(PRESETS.flatMap((p) => [true, false].map((on) => [p.id, on] as const)))(
    '%s (idempotence %s): the document streamed is byte for byte the one JSON.stringify made',
    (id, on) => {
      const preset = PRESETS.find((p) => p.id === id)!.scenario;
      const trace = runSimulation({ ...preset, producer: { ...preset.producer, 'enable.idempotence': on } });
      expect(pieces((w) => writeReport(trace, true, w)).join('')).toBe(`${JSON.stringify(toJsonReport(trace))}\n`);
    },
  );

  test('a big run goes out in many bounded pieces, never as one string, and parses back whole', () => {
    const trace = runSimulation(scenario({ workload: { messages: 1000 }, faults: { rates: { loseResponse: 0.05 } } }));
    const chunks = pieces((w) => writeReport(trace, true, w));
    const longest = Math.max(...chunks.map((c) => c.length));
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(chunks.length).toBeGreaterThan(20);
    // One event is at most a few kB: no piece is much larger than the writer's 64 kB buffer.
    expect(longest).toBeLessThan(80_000);
    expect(total).toBeGreaterThan(20 * longest);
    const doc = JSON.parse(chunks.join('')) as { events: unknown[]; log: unknown[] };
    expect(doc.events).toHaveLength(trace.events.length);
    expect(doc.log).toHaveLength(trace.log.length);
  });

  test('the text report is streamed line by line too', () => {
    const trace = runSimulation(scenario({ workload: { messages: 500 } }));
    const chunks = pieces((w) => writeReport(trace, false, w));
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(80_000);
    expect(chunks.join('')).toMatch(/Verdict: duplicates 0 · lost 0 · reordered 0 · exactly-once yes\n/);
  });
});

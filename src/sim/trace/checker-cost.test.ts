import { describe, expect, test } from 'vitest';
import { runSimulation } from '../run-simulation';
import { scenario } from '../testing/scenario';
import { checkTrace } from './checker';
import type { Trace, TraceEvent } from './types';

/** The trace's events behind a proxy that counts every element read. */
function counting(trace: Trace): { trace: Trace; reads: () => number } {
  let reads = 0;
  const events = new Proxy(trace.events, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as TraceEvent[];
  return { trace: { ...trace, events }, reads: () => reads };
}

describe('judging a run costs O(n log n) in its events, however many anomalies it has', () => {
  test('a lossy run without idempotence (hundreds of duplicates and reorderings): a few reads per event', () => {
    const run = runSimulation(
      scenario({
        seed: 3,
        producer: { 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 5 },
        workload: { messages: 3000, intervalMs: 1 },
        faults: { rates: { loseRequest: 0.1, loseResponse: 0.1 } },
      }),
    );
    const { trace, reads } = counting(run);
    const outcome = checkTrace(trace);
    expect(outcome.duplicates + outcome.reordered).toBeGreaterThan(200);
    // Each anomaly reads a handful of events by position; a scan per anomaly would read millions.
    expect(reads()).toBeLessThan(4 * run.events.length + 50 * outcome.anomalies.length);
  });
});

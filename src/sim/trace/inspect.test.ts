import { describe, expect, test } from 'vitest';
import { runSimulation } from '../run-simulation';
import { scenario } from '../testing/scenario';
import { createInspector, createInspectorBuilder } from './inspect';
import type { Trace } from './types';

/** Naive reference: scan back for the last event that carries a snapshot. */
function naive(trace: Trace) {
  const producerAt = (i: number) => {
    for (let j = Math.min(i, trace.events.length - 1); j >= 0; j--) if (trace.events[j]!.producer) return trace.events[j]!.producer!;
    return null;
  };
  const brokerAt = (i: number) => {
    for (let j = Math.min(i, trace.events.length - 1); j >= 0; j--) if (trace.events[j]!.broker) return trace.events[j]!.broker!;
    return null;
  };
  const logAt = (i: number) => trace.log.filter((r) => r.event <= i);
  return { producerAt, brokerAt, logAt };
}

const runs: [string, Trace][] = [
  [
    'faults, idempotence on',
    runSimulation(
      scenario({
        seed: 5,
        workload: { messages: 12, intervalMs: 3 },
        producer: { 'request.timeout.ms': 300, 'delivery.timeout.ms': 60000 },
        faults: {
          rates: { loseRequest: 0.15, loseResponse: 0.15, errorReply: 0.1, delayRequest: 0.05, delayMs: 400 },
          scripted: [{ kind: 'broker-restart', atMs: 40, downMs: 30 }],
        },
      }),
    ),
  ],
  [
    'producer restart, idempotence off',
    runSimulation(
      scenario({
        seed: 9,
        workload: { messages: 8 },
        producer: { 'enable.idempotence': false },
        faults: { rates: { loseResponse: 0.2 }, scripted: [{ kind: 'producer-restart', atMs: 25, downMs: 20 }] },
      }),
    ),
  ],
];

describe.each(runs)('inspector over a real run (%s)', (_name, trace) => {
  const ins = createInspector(trace);
  const ref = naive(trace);

  test('the run is non-trivial', () => {
    expect(trace.events.length).toBeGreaterThan(30);
    expect(trace.log.length).toBeGreaterThan(0);
  });

  test('producerAt, brokerAt, logAt and logLengthAt agree with a naive scan at every index', () => {
    for (let i = 0; i < trace.events.length; i++) {
      expect(ins.producerAt(i)).toBe(ref.producerAt(i));
      expect(ins.brokerAt(i)).toBe(ref.brokerAt(i));
      expect(ins.logAt(i)).toEqual(ref.logAt(i));
      expect(ins.logLengthAt(i)).toBe(ref.logAt(i).length);
    }
  });

  test('out-of-range and fractional indexes are clamped', () => {
    const last = trace.events.length - 1;
    expect(ins.producerAt(-1)).toBeNull();
    expect(ins.brokerAt(-5)).toBeNull();
    expect(ins.logAt(-1)).toEqual([]);
    expect(ins.logLengthAt(-1)).toBe(0);
    expect(ins.producerAt(last + 100)).toBe(ref.producerAt(last));
    expect(ins.logAt(last + 100)).toEqual(trace.log);
    expect(ins.producerAt(2.7)).toBe(ref.producerAt(2));
  });
});

describe.each(runs)('inspector built piece by piece (%s)', (_name, trace) => {
  test.each([1, 7, 64])('pieces of %i events, with a wrong size hint, answer like the whole-trace inspector', (size) => {
    // A size hint below the real length makes the arrays grow as pieces arrive.
    const b = createInspectorBuilder(Math.floor(trace.events.length / 3));
    for (let from = 0; from < trace.events.length; from += size) b.add(trace.events.slice(from, from + size));
    const ins = b.finish(trace);
    const whole = createInspector(trace);
    for (let i = -1; i <= trace.events.length; i++) {
      expect(ins.producerAt(i)).toBe(whole.producerAt(i));
      expect(ins.brokerAt(i)).toBe(whole.brokerAt(i));
      expect(ins.logLengthAt(i)).toBe(whole.logLengthAt(i));
    }
  });

  test('refuses events out of order and a trace that does not match what was added', () => {
    const b = createInspectorBuilder(trace.events.length);
    expect(() => b.add(trace.events.slice(1, 3))).toThrow(/expected event 0/);
    const c = createInspectorBuilder(trace.events.length);
    c.add(trace.events.slice(0, 5));
    expect(() => c.finish(trace)).toThrow(/5 events added/);
  });
});

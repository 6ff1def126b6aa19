import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PRESETS } from '../scenarios/presets';
import { runSimulation } from './run-simulation';
import type { Scenario } from './scenario/schema';
import { scenarioArb } from './testing/arbitraries';
import { scenario } from './testing/scenario';

/**
 * The simulation steps its XState machines with the flat stepper (machine-runner.ts) for speed. XState's own
 * interpreter (`createActor`) is the reference: for every preset and hundreds of random runs that reach every
 * machine transition (acks 0/1/all, in-flight 1–10 including the configuration errors, every fault kind, broker and
 * producer restarts, delivery timeouts, producer-id expiry), both engines must give byte-identical traces.
 */
const sameTrace = (s: Scenario) => {
  const flat = JSON.stringify(runSimulation(s, { engine: 'flat' }));
  const actor = JSON.stringify(runSimulation(s, { engine: 'actor' }));
  expect(flat.length).toBeGreaterThan(0);
  return flat === actor ? true : { flat, actor };
};

/** scenarioArb widened to the parts of the model it leaves fixed. */
const wideScenarioArb = fc
  .record({
    base: fc.boolean().chain((brokerRestarts) => scenarioArb({ maxInFlight: { min: 1, max: 10 }, brokerRestarts })),
    acks: fc.constantFrom('all' as const, '1' as const, '0' as const),
    deliveryTimeoutMs: fc.option(fc.integer({ min: 1200, max: 6000 }), { nil: undefined }),
    expiry: fc.option(fc.record({ afterMs: fc.integer({ min: 50, max: 2000 }), everyMs: fc.integer({ min: 20, max: 500 }) }), { nil: undefined }),
    producerRestarts: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 1500 }), downMs: fc.integer({ min: 0, max: 300 }) }), { maxLength: 2 }),
  })
  .map(({ base, acks, deliveryTimeoutMs, expiry, producerRestarts }) =>
    scenario({
      seed: base.seed,
      producer: {
        ...base.producer,
        acks,
        ...(deliveryTimeoutMs === undefined ? {} : { 'delivery.timeout.ms': deliveryTimeoutMs }),
      },
      broker: expiry
        ? { 'producer.id.expiration.ms': expiry.afterMs, 'producer.id.expiration.check.interval.ms': expiry.everyMs }
        : base.broker,
      workload: base.workload,
      network: base.network,
      faults: {
        rates: base.faults.rates,
        scripted: [...base.faults.scripted, ...producerRestarts.map((r) => ({ kind: 'producer-restart' as const, ...r }))],
      },
    }),
  );

describe('the flat stepper and XState’s createActor give the same traces', () => {
  test.each(PRESETS.flatMap((p) => [false, true].map((on) => [p.id, on] as const)))('preset %s, idempotence %s', (id, on) => {
    const p = PRESETS.find((x) => x.id === id)!;
    expect(sameTrace({ ...p.scenario, producer: { ...p.scenario.producer, 'enable.idempotence': on } })).toBe(true);
  });

  test('random scenarios over the whole model', () => {
    let configErrors = 0;
    let restarts = 0;
    let expiries = 0;
    fc.assert(
      fc.property(wideScenarioArb, (s) => {
        const trace = runSimulation(s, { engine: 'flat' });
        if (trace.configError !== null) configErrors++;
        if (trace.events.some((e) => e.kind === 'producer.crashed')) restarts++;
        if (trace.events.some((e) => e.kind === 'producer.expired')) expiries++;
        expect(sameTrace(s)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // the arbitrary really reaches the configuration-error, producer-restart and expiry paths
    expect(configErrors).toBeGreaterThan(0);
    expect(restarts).toBeGreaterThan(0);
    expect(expiries).toBeGreaterThan(0);
  });

  test('a long run with random losses (2,000 messages, the benchmark’s shape)', () => {
    const s = scenario({
      seed: 7,
      producer: { 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 5, 'request.timeout.ms': 1000 },
      workload: { messages: 2000, intervalMs: 1 },
      faults: { rates: { loseRequest: 0.1, loseResponse: 0.1 } },
    });
    expect(sameTrace(s)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../run-simulation';
import { scenarioArb } from '../testing/arbitraries';
import { scenario } from '../testing/scenario';
import type { Scenario } from '../scenario/schema';
import { attemptsPerSend, checkBudget, estimateWork, failureChance, MAX_EVENTS, sentBy, WORK_LIMIT } from './estimate-work';

const rate = fc.integer({ min: 0, max: 40 }).map((n) => n / 100);

/** Bigger scenarios than the protocol properties use: up to 400 messages, restarts of both kinds, Kafka's timeouts. */
const busyArb: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.nat(0xffffffff),
    messages: fc.integer({ min: 0, max: 400 }),
    intervalMs: fc.integer({ min: 0, max: 20 }),
    inFlight: fc.integer({ min: 1, max: 5 }),
    idempotence: fc.boolean(),
    batch: fc.integer({ min: 1, max: 4 }),
    requestTimeout: fc.integer({ min: 100, max: 3000 }),
    deliveryTimeout: fc.integer({ min: 1000, max: 120000 }),
    rates: fc.record({ loseRequest: rate, loseResponse: rate, stall: rate, errorReply: rate, delayRequest: rate }),
    producerRestarts: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 20000 }), downMs: fc.integer({ min: 0, max: 500 }) }), { maxLength: 4 }),
    brokerRestarts: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 20000 }), downMs: fc.integer({ min: 0, max: 500 }) }), { maxLength: 3 }),
  })
  .map((g) =>
    scenario({
      seed: g.seed,
      producer: {
        'enable.idempotence': g.idempotence,
        'max.in.flight.requests.per.connection': g.inFlight,
        'batch.size.records': g.batch,
        'request.timeout.ms': g.requestTimeout,
        'delivery.timeout.ms': g.deliveryTimeout,
      },
      workload: { messages: g.messages, intervalMs: g.intervalMs },
      faults: {
        rates: { ...g.rates, delayMs: 300, stallMs: 300 },
        scripted: [
          ...g.producerRestarts.map((r) => ({ kind: 'producer-restart' as const, ...r })),
          ...g.brokerRestarts.map((r) => ({ kind: 'broker-restart' as const, ...r })),
        ],
      },
    }),
  );

/** Runs `s` and returns the ratio of its real events to the estimate (≤ 1: the estimate was an upper bound). */
function ratio(s: Scenario): number {
  const trace = runSimulation(s);
  return trace.events.length / estimateWork(s).events;
}

describe('estimateWork', () => {
  it('is an upper bound of the events of real runs with random faults (small scenarios)', () => {
    fc.assert(fc.property(scenarioArb({}), (s) => ratio(s) <= 1), { numRuns: 50, seed: 20261201 });
  }, 120_000);

  it('is an upper bound for busy scenarios with restarts, and not wildly above runs without faults', () => {
    fc.assert(
      fc.property(busyArb, (s) => {
        const r = ratio(s);
        expect(r).toBeLessThanOrEqual(1);
        const quiet = s.faults.scripted.length === 0 && failureChance(s.faults.rates) === 0;
        if (quiet && s.workload.messages > 0) expect(r).toBeGreaterThan(0.5);
      }),
      { numRuns: 20, seed: 1201 },
    );
  }, 120_000);

  it('grows with messages and with fault rates', () => {
    const base = estimateWork(scenario({ workload: { messages: 1000 } })).events;
    expect(estimateWork(scenario({ workload: { messages: 2000 } })).events).toBeGreaterThan(base);
    const lossy = estimateWork(scenario({ workload: { messages: 1000 }, faults: { rates: { loseRequest: 0.5 } } }));
    expect(lossy.events).toBeGreaterThan(base);
    expect(lossy.driver).toBe('fault-rates');
  });

  it('counts the messages a producer restart sends again', () => {
    const one = scenario({ workload: { messages: 100, intervalMs: 10 }, faults: { scripted: [{ kind: 'producer-restart', atMs: 500, downMs: 5 }] } });
    const none = scenario({ workload: { messages: 100, intervalMs: 10 } });
    expect(estimateWork(one).parts.restarts).toBeGreaterThanOrEqual(51 * 6);
    expect(estimateWork(none).parts.restarts).toBe(0);
    const many = scenario({
      workload: { messages: 200000, intervalMs: 0 },
      faults: { scripted: Array.from({ length: 100 }, (_, i) => ({ kind: 'producer-restart' as const, atMs: i, downMs: 1 })) },
    });
    expect(checkBudget(many)).toEqual({ estimate: estimateWork(many).events, limit: WORK_LIMIT, driver: 'restarts' });
  });

  it('bounds the attempts of one send by retries and by the delivery timeout', () => {
    expect(attemptsPerSend(scenario({ producer: { retries: 2 } }))).toBe(3);
    expect(attemptsPerSend(scenario({ producer: { 'retry.backoff.ms': 100, 'delivery.timeout.ms': 120000 } }))).toBe(1201);
  });

  it('counts the messages sent by a time from the workload', () => {
    const w = scenario({ workload: { messages: 10, startMs: 5, intervalMs: 10 } }).workload;
    expect([sentBy(w, 0), sentBy(w, 5), sentBy(w, 25), sentBy(w, 10_000)]).toEqual([0, 1, 3, 10]);
    expect(sentBy({ ...w, intervalMs: 0 }, 5)).toBe(10);
  });
});

describe('checkBudget', () => {
  it('accepts the largest fault-free scenario the format allows', () => {
    expect(checkBudget(scenario({ workload: { messages: 200000 } }))).toBeNull();
  });

  it('refuses 200,000 messages with 90% loss, naming the fault rates', () => {
    const r = checkBudget(scenario({ workload: { messages: 200000 }, faults: { rates: { loseRequest: 0.9 } } }));
    expect(r?.driver).toBe('fault-rates');
    expect(r!.estimate).toBeGreaterThan(r!.limit);
  });

  it('refuses a scenario in which every attempt fails and retries never run out', () => {
    const r = checkBudget(scenario({ workload: { messages: 200000 }, producer: { 'retry.backoff.ms': 0, 'retry.backoff.max.ms': 0 }, faults: { rates: { errorReply: 1 } } }));
    expect(r?.driver).toBe('fault-rates');
  });

  it('accepts a small scenario in which every request is lost (the delivery timeout ends it)', () => {
    const s = scenario({ workload: { messages: 3 }, faults: { rates: { loseRequest: 1 } } });
    expect(checkBudget(s)).toBeNull();
    expect(runSimulation(s).events.length).toBeLessThanOrEqual(estimateWork(s).events);
  });

  it('uses the run cap as its limit', () => {
    expect(WORK_LIMIT).toBeLessThanOrEqual(MAX_EVENTS);
  });
});

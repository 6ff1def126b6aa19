import fc from 'fast-check';
import { BROKER_ERROR_FAULTS, type Scenario, type ScenarioInput } from '../scenario/schema';
import { scenario } from './scenario';

type ScriptedInput = NonNullable<NonNullable<ScenarioInput['faults']>['scripted']>[number];

/** Long enough (1 h) that no batch expires even when every message needs many attempts one at a time. */
export const DELIVERY_TIMEOUT_MS = 3_600_000;

const rate = fc.integer({ min: 0, max: 30 }).map((n) => n / 100);

/** A scripted packet fault on a random message (1..messages) and attempt (1..3). */
export function packetFaultArb(messages: number): fc.Arbitrary<ScriptedInput> {
  const message = fc.integer({ min: 1, max: Math.max(1, messages) });
  const attempt = fc.integer({ min: 1, max: 3 });
  return fc.oneof(
    fc.record({ kind: fc.constant('lose-request' as const), message, attempt }),
    fc.record({ kind: fc.constant('lose-response' as const), message, attempt }),
    fc.record({ kind: fc.constant('delay-request' as const), message, attempt, delayMs: fc.integer({ min: 1, max: 2000 }) }),
    fc.record({
      kind: fc.constant('stall' as const),
      message,
      attempt,
      direction: fc.constantFrom('request' as const, 'response' as const),
      durationMs: fc.integer({ min: 1, max: 2000 }),
    }),
    fc.record({ kind: fc.constant('error-reply' as const), message, attempt, error: fc.constantFrom(...BROKER_ERROR_FAULTS) }),
  );
}

export interface ScenarioArbOptions {
  idempotence?: boolean;
  maxInFlight?: { min: number; max: number };
  /** Add 1–3 scripted broker restarts. */
  brokerRestarts?: boolean;
  /** How those restarts go down: each drawn at random (the default), or all of one kind. */
  shutdown?: 'clean' | 'crash';
}

/**
 * Scenarios with random packet faults: seed, 1–30 messages, interval 0–50 ms, latency, acks=all,
 * request.timeout.ms 200–1000 and a delivery timeout (1 h) long enough that no batch expires in practice.
 */
export function scenarioArb(opts: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  const inFlight = opts.maxInFlight ?? { min: 1, max: 5 };
  return fc
    .record({
      seed: fc.nat(0xffffffff),
      messages: fc.integer({ min: 1, max: 30 }),
      intervalMs: fc.integer({ min: 0, max: 50 }),
      latMin: fc.integer({ min: 0, max: 30 }),
      latSpread: fc.integer({ min: 0, max: 40 }),
      idempotence: opts.idempotence === undefined ? fc.boolean() : fc.constant(opts.idempotence),
      maxInFlight: fc.integer(inFlight),
      requestTimeout: fc.integer({ min: 200, max: 1000 }),
      lingerMs: fc.integer({ min: 0, max: 10 }),
      batchSize: fc.integer({ min: 1, max: 3 }),
      rates: fc.record({ loseRequest: rate, loseResponse: rate, delayRequest: rate, stall: rate, errorReply: rate }),
      delayMs: fc.integer({ min: 1, max: 1500 }),
      stallMs: fc.integer({ min: 1, max: 1500 }),
      restarts: fc.array(
        fc.record({
          atMs: fc.integer({ min: 0, max: 1500 }),
          downMs: fc.integer({ min: 0, max: 300 }),
          shutdown: opts.shutdown ? fc.constant(opts.shutdown) : fc.constantFrom('clean' as const, 'crash' as const),
        }),
        {
        minLength: opts.brokerRestarts ? 1 : 0,
          maxLength: opts.brokerRestarts ? 3 : 0,
        },
      ),
    })
    .chain((g) =>
      fc.array(packetFaultArb(g.messages), { maxLength: 5 }).map((scripted) =>
        scenario({
          seed: g.seed,
          producer: {
            'enable.idempotence': g.idempotence,
            acks: 'all',
            'max.in.flight.requests.per.connection': g.maxInFlight,
            'request.timeout.ms': g.requestTimeout,
            'delivery.timeout.ms': DELIVERY_TIMEOUT_MS,
            'linger.ms': g.lingerMs,
            'batch.size.records': g.batchSize,
          },
          workload: { messages: g.messages, intervalMs: g.intervalMs },
          network: { latencyMs: { min: g.latMin, max: g.latMin + g.latSpread } },
          faults: {
            rates: { ...g.rates, delayMs: g.delayMs, stallMs: g.stallMs },
            scripted: [...scripted, ...g.restarts.map((r) => ({ kind: 'broker-restart' as const, ...r }))],
          },
        }),
      ),
    );
}

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runSimulation } from './run-simulation';
import { parseScenario } from './scenario/parse';
import { CRASH_POINTS, type DedupStrategy, type Scenario } from './scenario/schema';
import { databaseTables } from './trace/database-tables';
import { checkTrace } from './trace/checker';
import { estimateWork } from './budget/estimate-work';

const RUNS = 150;

type FaultInput = Record<string, unknown> & { kind: string };

/** The consumer faults on offer, for a run of `messages` messages. */
const consumerFaultArb = (messages: number): fc.Arbitrary<FaultInput> =>
  fc.oneof(
    fc.record({ kind: fc.constant('consumer-crash'), message: fc.integer({ min: 1, max: messages }), at: fc.constantFrom(...CRASH_POINTS), copy: fc.integer({ min: 1, max: 2 }) }),
    fc.record({
      kind: fc.constant('slow-processing'),
      message: fc.integer({ min: 1, max: messages }),
      durationMs: fc.integer({ min: 1, max: 3000 }),
      stall: fc.constantFrom('slow', 'pause'),
    }),
    fc.record({ kind: fc.constant('lose-commit-response'), commit: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('database-outage'), atMs: fc.integer({ min: 0, max: 600 }), downMs: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('member-join'), atMs: fc.integer({ min: 0, max: 600 }) }),
  );

interface Options {
  dedup: fc.Arbitrary<DedupStrategy>;
  commit: fc.Arbitrary<{ strategy: 'auto' | 'after-processing' | 'before-processing'; mode: 'sync' | 'async' }>;
  faults: (messages: number) => fc.Arbitrary<FaultInput[]>;
  idempotence?: fc.Arbitrary<boolean>;
  /** Random consumer crashes and lost commit responses too. */
  randomFaults?: boolean;
}

/** A small run with a consumer side: seeds, pacing, batch sizes and timeouts vary; the offset reset is earliest. */
function consumerScenarioArb(o: Options): fc.Arbitrary<Scenario> {
  return fc.integer({ min: 1, max: 6 }).chain((messages) =>
    fc
      .record({
        seed: fc.integer({ min: 0, max: 0xffffffff }),
        intervalMs: fc.integer({ min: 1, max: 120 }),
        maxPollRecords: fc.integer({ min: 1, max: 4 }),
        processingMs: fc.integer({ min: 0, max: 30 }),
        maxPollIntervalMs: fc.integer({ min: 200, max: 2000 }),
        sessionTimeoutMs: fc.integer({ min: 300, max: 3000 }),
        autoCommitMs: fc.integer({ min: 0, max: 200 }),
        latencyMs: fc.integer({ min: 0, max: 5 }),
        dedup: o.dedup,
        commit: o.commit,
        idempotence: o.idempotence ?? fc.boolean(),
        // The lab has two members at most: one member-join.
        scripted: o.faults(messages).map((fs) => fs.filter((f, i) => f.kind !== 'member-join' || fs.findIndex((g) => g.kind === 'member-join') === i)),
        crashRate: o.randomFaults ? fc.double({ min: 0, max: 0.3, noNaN: true }) : fc.constant(0),
        commitRate: o.randomFaults ? fc.double({ min: 0, max: 0.3, noNaN: true }) : fc.constant(0),
      })
      .map((r) => {
        const parsed = parseScenario({
          version: 2,
          name: 'property',
          seed: r.seed,
          producer: { 'enable.idempotence': r.idempotence },
          workload: { messages, intervalMs: r.intervalMs },
          consumer: {
            'auto.offset.reset': 'earliest',
            'max.poll.records': r.maxPollRecords,
            'max.poll.interval.ms': r.maxPollIntervalMs,
            'session.timeout.ms': r.sessionTimeoutMs,
            'heartbeat.interval.ms': 100,
            'auto.commit.interval.ms': r.autoCommitMs,
            'request.timeout.ms': 500,
            processingMs: r.processingMs,
            requestLatencyMs: r.latencyMs,
            restartMs: 50,
            commit: r.commit,
          },
          dedup: { strategy: r.dedup },
          faults: { scripted: r.scripted, ...(o.randomFaults ? { consumerRates: { crash: r.crashRate, loseCommitResponse: r.commitRate } } : {}) },
        });
        if (!parsed.ok) throw new Error(parsed.errors.join('; '));
        return parsed.scenario;
      }),
  );
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('properties of the consumer side', () => {
  test('inbox, idempotent effect or persisted state machine, committing after processing (or auto): every effect exactly once, under every consumer fault', () => {
    fc.assert(
      fc.property(
        consumerScenarioArb({
          dedup: fc.constantFrom<DedupStrategy>('same-transaction', 'idempotent-effect', 'state-machine'),
          commit: fc.record({ strategy: fc.constantFrom('after-processing' as const, 'auto' as const), mode: fc.constantFrom('sync' as const, 'async' as const) }),
          faults: (n) => fc.array(consumerFaultArb(n), { minLength: 1, maxLength: 3 }),
          randomFaults: true,
        }),
        (s) => {
          const trace = runSimulation(s);
          expect(trace.truncated).toBe(false);
          const effects = checkTrace(trace).effects!;
          // Only messages the producer side delivered can have effects; with acks=all and no network faults, all of them.
          expect(effects.anomalies).toEqual([]);
          expect(effects).toMatchObject({ duplicates: 0, lost: 0, exactlyOnce: true, applied: s.workload.messages });
          const tables = trace.database!;
          expect(tables.effects.map((r) => r.message).sort((a, b) => a - b)).toEqual(range(s.workload.messages));
          expect(databaseTables(trace.events)).toEqual(tables);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('the persisted state machine keeps exactly once even with commit before processing', () => {
    fc.assert(
      fc.property(
        consumerScenarioArb({
          dedup: fc.constant<DedupStrategy>('state-machine'),
          commit: fc.record({ strategy: fc.constant('before-processing' as const), mode: fc.constantFrom('sync' as const, 'async' as const) }),
          faults: (n) => fc.array(consumerFaultArb(n), { minLength: 1, maxLength: 3 }),
          randomFaults: true,
        }),
        (s) => {
          const trace = runSimulation(s);
          expect(trace.truncated).toBe(false);
          expect(checkTrace(trace).effects).toMatchObject({ duplicates: 0, lost: 0, exactlyOnce: true });
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('no dedup, commit after processing: a crash between the effect and the commit always duplicates that effect', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }))),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('sync' as const, 'async' as const),
        ([messages, victim], seed, maxPoll, mode) => {
          const parsed = parseScenario({
            version: 2,
            name: 'p',
            seed,
            workload: { messages, intervalMs: 20 },
            consumer: { 'auto.offset.reset': 'earliest', 'max.poll.records': maxPoll, 'session.timeout.ms': 1000, commit: { strategy: 'after-processing', mode } },
            dedup: { strategy: 'none' },
            faults: { scripted: [{ kind: 'consumer-crash', message: victim, at: 'after-effect' }] },
          });
          if (!parsed.ok) throw new Error(parsed.errors.join('; '));
          const effects = checkTrace(runSimulation(parsed.scenario)).effects!;
          const dup = effects.anomalies.find((a) => a.kind === 'duplicate-effect' && a.message === victim);
          expect(dup, `message ${victim} applied twice`).toBeDefined();
          expect(dup).toMatchObject({ cause: 'consumer-crash' });
          expect(effects.exactlyOnce).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('commit before processing: a crash after the commit always loses the message (unless its state was persisted first)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }))),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<DedupStrategy>('none', 'memory', 'after-effect', 'before-effect', 'same-transaction', 'idempotent-effect'),
        ([messages, victim], seed, maxPoll, dedup) => {
          const parsed = parseScenario({
            version: 2,
            name: 'p',
            seed,
            workload: { messages, intervalMs: 20 },
            consumer: { 'auto.offset.reset': 'earliest', 'max.poll.records': maxPoll, 'session.timeout.ms': 1000, commit: { strategy: 'before-processing', mode: 'sync' } },
            dedup: { strategy: dedup },
            faults: { scripted: [{ kind: 'consumer-crash', message: victim, at: 'after-commit' }] },
          });
          if (!parsed.ok) throw new Error(parsed.errors.join('; '));
          const effects = checkTrace(runSimulation(parsed.scenario)).effects!;
          const lost = effects.anomalies.find((a) => a.kind === 'lost-effect' && a.message === victim);
          expect(lost, `message ${victim} lost`).toMatchObject({ cause: 'committed-before-processing' });
          expect(effects.exactlyOnce).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('a scenario without a consumer section has no consumer side at all: no consumer events, parties or verdict', () => {
    const parsed = parseScenario({ version: 2, name: 'p', workload: { messages: 5 } });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const trace = runSimulation(parsed.scenario);
    expect(trace.database).toBeUndefined();
    expect(trace.events.filter((e) => e.lane === 'consumer' || e.lane === 'database')).toEqual([]);
    expect(Object.keys(trace.events[0]!.states!).sort()).toEqual(['broker', 'connection', 'network', 'producer']);
    expect(checkTrace(trace).effects).toBeUndefined();
  });
});

describe('the size estimate with a consumer side', () => {
  test('a run with a consumer and consumer faults stays within its estimate', () => {
    fc.assert(
      fc.property(
        consumerScenarioArb({
          dedup: fc.constantFrom<DedupStrategy>('none', 'memory', 'same-transaction', 'state-machine'),
          commit: fc.record({ strategy: fc.constantFrom('auto' as const, 'after-processing' as const, 'before-processing' as const), mode: fc.constantFrom('sync' as const, 'async' as const) }),
          faults: (n) => fc.array(consumerFaultArb(n), { minLength: 0, maxLength: 3 }),
          randomFaults: true,
        }),
        (s) => {
          const trace = runSimulation(s);
          expect(trace.events.length).toBeLessThanOrEqual(estimateWork(s).events);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

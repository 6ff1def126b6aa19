import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createStream } from './kernel/rng';
import { createFaultPlan, latencyMs } from './network/fault-plan';
import { errorReplyPossible } from './protocol/error-replies';
import { runSimulation } from './run-simulation';
import { faultRatesSchema, type Fault, type Scenario } from './scenario/schema';
import { DELIVERY_TIMEOUT_MS, packetFaultArb, scenarioArb } from './testing/arbitraries';
import { copiesByMessage, duplicateSequences, producersStartedMidSequence, retriesBeyondDedupWindow, sequencesByProducerEpoch } from './testing/log-checks';
import { scenario } from './testing/scenario';
import { checkTrace } from './trace/checker';
import type { Trace } from './trace/types';

const RUNS = 200;

/** Messages in the log in offset order (first copy of each). */
const logOrder = (trace: Trace) => {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const r of trace.log) {
    if (seen.has(r.message)) continue;
    seen.add(r.message);
    out.push(r.message);
  }
  return out;
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Per (pid, epoch), the sequences in the log go up by one per record: no gap, no repeat. */
function expectConsecutiveSequences(trace: Trace, fromZero: boolean) {
  for (const [key, seqs] of sequencesByProducerEpoch(trace)) {
    if (fromZero) expect(seqs[0], `first sequence of ${key}`).toBe(0);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i], `sequence ${i} of ${key}`).toBe(seqs[i - 1]! + 1);
  }
}

/**
 * The guarantees of the idempotent producer (acks=all, in-flight ≤ 5, no restart, no expiry, nothing timing out):
 * every message in the log exactly once, in send order.
 */
function expectExactlyOnceInOrder(s: Scenario, trace: Trace) {
  expect(trace.truncated).toBe(false);
  expect(trace.events.filter((e) => e.kind === 'delivery.failed')).toEqual([]);
  expect(duplicateSequences(trace)).toEqual([]);
  const copies = copiesByMessage(trace);
  for (const m of range(s.workload.messages)) expect(copies.get(m), `copies of message ${m}`).toBe(1);
  expect(logOrder(trace)).toEqual(range(s.workload.messages));
  const outcome = checkTrace(trace);
  expect(outcome).toMatchObject({ duplicates: 0, lost: 0, reordered: 0, exactlyOnce: true, inOrder: true });
}

describe('properties of the simulation', () => {
  test('1 & 6. idempotence on, acks=all, in-flight ≤ 5: exactly once, in order, consecutive sequences per (pid, epoch)', () => {
    let excluded = 0;
    fc.assert(
      fc.property(scenarioArb({ idempotence: true }), (s) => {
        const trace = runSimulation(s);
        // NoDuplicateAppend and consecutive sequences hold in every run.
        expect(duplicateSequences(trace)).toEqual([]);
        const midSequence = producersStartedMidSequence(trace).length > 0;
        expectConsecutiveSequences(trace, !midSequence);
        if (midSequence) {
          // KAFKA-15591 (vector 7): the first batch of a new producer id failed before it was written and a later
          // one was accepted. Kafka gives no ordering or exactly-once guarantee there; see the pinned test below.
          excluded++;
          return;
        }
        if (retriesBeyondDedupWindow(trace).length > 0) {
          // A batch written at its first attempt whose retries outlived five later appends (acknowledged ones
          // included): the broker answers OUT_OF_ORDER_SEQUENCE_NUMBER (vector 9) and the client retries until
          // delivery.timeout.ms. Kafka behaves the same; see the pinned regression below.
          excluded++;
          return;
        }
        expectExactlyOnceInOrder(s, trace);
      }),
      { numRuns: RUNS },
    );
    // the exclusions stay the exception
    expect(excluded).toBeLessThan(RUNS / 4);
  });

  test('2. broker restarts with max.in.flight = 1: every retry is within the dedup window, so no duplicates', () => {
    fc.assert(
      fc.property(scenarioArb({ idempotence: true, maxInFlight: { min: 1, max: 1 }, brokerRestarts: true }), (s) => {
        const trace = runSimulation(s);
        expect(trace.events.some((e) => e.kind === 'broker.restarted')).toBe(true);
        expect(duplicateSequences(trace)).toEqual([]);
        const copies = copiesByMessage(trace);
        for (const [m, n] of copies) expect(n, `copies of message ${m}`).toBe(1);
        expect(checkTrace(trace).duplicates).toBe(0);
        // with one request in flight nothing can overtake the first batch, so exactly-once and order hold too
        expect(producersStartedMidSequence(trace)).toEqual([]);
        expect(retriesBeyondDedupWindow(trace)).toEqual([]);
        expectExactlyOnceInOrder(s, trace);
      }),
      { numRuns: RUNS },
    );
  });

  test('2b. broker crashes: the first replays the whole log and forgets nothing, so property 1 still holds', () => {
    let excluded = 0;
    fc.assert(
      fc.property(scenarioArb({ idempotence: true, brokerRestarts: true, shutdown: 'crash' }), (s) => {
        const trace = runSimulation(s);
        const restarts = trace.events.filter((e) => e.kind === 'broker.restarted');
        expect(restarts.length).toBeGreaterThan(0);
        // no snapshot before the first crash: the whole log is replayed and nothing cached is forgotten
        expect(restarts[0]).toMatchObject({ shutdown: 'crash', snapshotOffset: 0, droppedBatches: 0 });
        expect(duplicateSequences(trace)).toEqual([]);
        // A restart ends with a snapshot at the log end (rebuildProducerState), so a second crash soon after it
        // replays little and can forget cached batches, as Kafka does.
        const forgot = restarts.some((r) => r.droppedBatches > 0);
        if (forgot || producersStartedMidSequence(trace).length > 0 || retriesBeyondDedupWindow(trace).length > 0) {
          excluded++;
          return;
        }
        expectExactlyOnceInOrder(s, trace);
      }),
      { numRuns: 60 },
    );
    expect(excluded).toBeLessThan(RUNS / 4);
  });

  test('3. idempotence off, the response to message k is lost once: message k is in the log twice', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.nat(0xffffffff),
          messages: fc.integer({ min: 1, max: 20 }),
          k: fc.integer({ min: 1, max: 20 }),
          latMin: fc.integer({ min: 0, max: 30 }),
          latSpread: fc.integer({ min: 0, max: 40 }),
          intervalMs: fc.integer({ min: 0, max: 50 }),
          maxInFlight: fc.integer({ min: 1, max: 5 }),
        }),
        (g) => {
          const k = Math.min(g.k, g.messages);
          const s = scenario({
            seed: g.seed,
            producer: {
              'enable.idempotence': false,
              'max.in.flight.requests.per.connection': g.maxInFlight,
              'request.timeout.ms': 1000,
              'delivery.timeout.ms': DELIVERY_TIMEOUT_MS,
            },
            workload: { messages: g.messages, intervalMs: g.intervalMs },
            network: { latencyMs: { min: g.latMin, max: g.latMin + g.latSpread } },
            faults: { scripted: [{ kind: 'lose-response', message: k, attempt: 1 }] },
          });
          const trace = runSimulation(s);
          expect(copiesByMessage(trace).get(k)).toBe(2);
          const outcome = checkTrace(trace);
          expect(outcome.duplicates).toBeGreaterThanOrEqual(1);
          expect(outcome.exactlyOnce).toBe(false);
          expect(outcome.anomalies.some((a) => a.kind === 'duplicate' && a.message === k)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('3b. the same fault with idempotence on: message k is in the log once', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 5 }), (seed, k, maxInFlight) => {
        const s = scenario({
          seed,
          producer: { 'max.in.flight.requests.per.connection': maxInFlight },
          workload: { messages: 10 },
          faults: { scripted: [{ kind: 'lose-response', message: k, attempt: 1 }] },
        });
        expectExactlyOnceInOrder(s, runSimulation(s));
      }),
      { numRuns: 100 },
    );
  });

  test('4. determinism: the same scenario gives a byte-identical trace', () => {
    fc.assert(
      fc.property(scenarioArb({ brokerRestarts: false }), (s) => {
        expect(JSON.stringify(runSimulation(s))).toBe(JSON.stringify(runSimulation(structuredClone(s))));
      }),
      { numRuns: 100 },
    );
  });

  test('5a. fault-plan decisions for (message, attempt) do not depend on what else was asked, or in which order', () => {
    const rates = fc
      .record({
        loseRequest: fc.double({ min: 0, max: 0.3, noNaN: true }),
        loseResponse: fc.double({ min: 0, max: 0.3, noNaN: true }),
        delayRequest: fc.double({ min: 0, max: 0.3, noNaN: true }),
        stall: fc.double({ min: 0, max: 0.3, noNaN: true }),
        errorReply: fc.double({ min: 0, max: 0.3, noNaN: true }),
      })
      .map((r) => faultRatesSchema.parse(r));
    const keys = fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.nat(0xffffffff), rates, keys, fc.nat(), (seed, r, asked, shuffleSeed) => {
        const a = createFaultPlan([], r, createStream(seed, 'faults'));
        const b = createFaultPlan([], r, createStream(seed, 'faults'));
        // b is asked in another order, with unrelated draws in between
        const shuffled = asked.slice().sort((x, y) => ((x[0] * 31 + x[1] + shuffleSeed) % 7) - ((y[0] * 31 + y[1] + shuffleSeed) % 7));
        const fromB = new Map<string, unknown>();
        for (const [m, at] of shuffled) {
          b.brokerError(m + 100, at, 1, 'all');
          fromB.set(`${m}:${at}`, [b.requestFate(m, at, 1), b.responseFate(m, at, 1), b.brokerError(m, at, 1, 'all')]);
        }
        for (const [m, at] of asked) expect([a.requestFate(m, at, 1), a.responseFate(m, at, 1), a.brokerError(m, at, 1, 'all')]).toEqual(fromB.get(`${m}:${at}`));
      }),
      { numRuns: RUNS },
    );
  });

  test('5b. adding one scripted fault for message k changes no decision for any other (message, attempt)', () => {
    fc.assert(
      fc.property(
        fc.nat(0xffffffff),
        fc.record({ loseRequest: fc.constantFrom(0, 0.1, 0.3), loseResponse: fc.constantFrom(0, 0.2), stall: fc.constantFrom(0, 0.2), errorReply: fc.constantFrom(0, 0.3) }),
        packetFaultArb(20),
        (seed, r, extraInput) => {
          const rates = faultRatesSchema.parse(r);
          const extra = scenario({ faults: { scripted: [extraInput] } }).faults.scripted[0]! as Extract<Fault, { attempt: number }>;
          const base = createFaultPlan([], rates, createStream(seed, 'faults'));
          const more = createFaultPlan([extra], rates, createStream(seed, 'faults'));
          for (let m = 1; m <= 20; m++) {
            for (let at = 1; at <= 3; at++) {
              for (const inst of [1, 2]) {
                if (m === extra.message && at === extra.attempt && inst === extra.instance) continue;
                expect(more.requestFate(m, at, inst)).toEqual(base.requestFate(m, at, inst));
                expect(more.responseFate(m, at, inst)).toEqual(base.responseFate(m, at, inst));
                expect(more.brokerError(m, at, inst, 'all')).toEqual(base.brokerError(m, at, inst, 'all'));
              }
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('5c. a packet’s latency depends only on (seed, packet key), within [min, max]', () => {
    fc.assert(
      fc.property(
        fc.nat(0xffffffff),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1 })), { maxLength: 30 }),
        (seed, min, spread, keys) => {
          const a = createStream(seed, 'network');
          const b = createStream(seed, 'network');
          const reversed = keys.slice().reverse().map((k) => latencyMs(b, min, min + spread, k));
          const forward = keys.map((k) => latencyMs(a, min, min + spread, k));
          expect(forward).toEqual(reversed.reverse());
          for (const l of forward) {
            expect(l).toBeGreaterThanOrEqual(min);
            expect(l).toBeLessThanOrEqual(min + spread);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('5e. acks changes only which error reply a request gets, never whether it gets one, and never one acks rules out', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.constantFrom(0.1, 0.5, 1), (seed, errorReply) => {
        const rates = faultRatesSchema.parse({ errorReply });
        const plan = createFaultPlan([], rates, createStream(seed, 'faults'));
        for (let m = 1; m <= 20; m++) {
          for (let at = 1; at <= 3; at++) {
            const all = plan.brokerError(m, at, 1, 'all');
            for (const acks of ['1', '0'] as const) {
              const e = plan.brokerError(m, at, 1, acks);
              expect(e === null, `seed ${seed}, message ${m}, attempt ${at}, acks=${acks}`).toBe(all === null);
              if (e !== null) expect(errorReplyPossible(e, acks)).toBe(true);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('5d. toggling idempotence does not change the first attempt’s fate of any message', () => {
    // At the trace level: with batches of one record, attempt 1 of every message is sent in both modes, and the
    // plan (not the protocol) decides whether a fault-injected error reply comes back for it.
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.integer({ min: 1, max: 15 }), (seed, messages) => {
        const make = (idem: boolean) =>
          scenario({ seed, producer: { 'enable.idempotence': idem, 'max.in.flight.requests.per.connection': 1 }, workload: { messages }, faults: { rates: { errorReply: 0.3 } } });
        const firstVerdicts = (t: Trace) =>
          t.events.flatMap((e) => (e.kind === 'broker.handled' && e.attempt === 1 ? [[e.messages[0], e.verdict === 'appended' || e.verdict === 'duplicate' ? 'ok' : e.verdict]] : []));
        expect(firstVerdicts(runSimulation(make(true)))).toEqual(firstVerdicts(runSimulation(make(false))));
      }),
      { numRuns: 100 },
    );
  });

  test('8. version lens: with every setting given, 3.x runs exactly as 4.0 (so properties 1–6 hold on 3.x too)', () => {
    // 3.x and 4.0 differ only in defaults (linger.ms, the in-flight > 5 leniency), which these scenarios all set.
    fc.assert(
      fc.property(scenarioArb({ idempotence: true }), (s) => {
        const on3 = runSimulation({ ...s, kafkaVersion: '3.x' });
        const on4 = runSimulation({ ...s, kafkaVersion: '4.0' });
        expect({ ...on3, scenario: null }).toEqual({ ...on4, scenario: null });
      }),
      { numRuns: 20 },
    );
  });

  test('9. version lens, versions before 2.5: runs finish and no (pid, epoch, seq) is appended twice', () => {
    for (const kafkaVersion of ['0.11', '1.0.0', '2.4'] as const) {
      const maxInFlight = kafkaVersion === '0.11' ? { min: 1, max: 1 } : { min: 1, max: 5 };
      fc.assert(
        fc.property(scenarioArb({ idempotence: true, maxInFlight }), (s) => {
          expect(duplicateSequences(runSimulation({ ...s, kafkaVersion })), kafkaVersion).toEqual([]);
        }),
        { numRuns: 10 },
      );
    }
  });

  test('7. the trace is plain JSON: a round trip gives a deep-equal trace', () => {
    fc.assert(
      fc.property(scenarioArb({ brokerRestarts: true }), (s) => {
        const trace = runSimulation(s);
        expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
      }),
      { numRuns: 100 },
    );
  });
});

describe('pinned behaviours', () => {
  test('KAFKA-15591 (vector 7): the first batch of a new producer id fails before it is written; a later batch is accepted', () => {
    const s = scenario({
      seed: 3,
      producer: { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000 },
      workload: { messages: 2, intervalMs: 1 },
      network: { latencyMs: { min: 5, max: 5 } },
      faults: { scripted: [{ kind: 'error-reply', message: 1, attempt: 1, error: 'NOT_ENOUGH_REPLICAS' }] },
    });
    const trace = runSimulation(s);
    const handled = trace.events.filter((e) => e.kind === 'broker.handled');
    // message 2 (seq 1) is accepted from the unknown producer
    expect(handled.find((e) => e.messages[0] === 2)).toMatchObject({ verdict: 'appended', baseSeq: 1 });
    // every retry of message 1 (seq 0) is then out of order, without a bump, until the delivery timeout
    const retries = handled.filter((e) => e.messages[0] === 1 && e.attempt > 1);
    expect(retries.length).toBeGreaterThan(1);
    for (const r of retries) expect(r).toMatchObject({ verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER', epoch: 0, baseSeq: 0 });
    expect(trace.events.some((e) => e.kind === 'epoch.bumped')).toBe(false);
    expect(trace.events.find((e) => e.kind === 'delivery.failed')).toMatchObject({ messages: [1] });
    expect(trace.log.map((r) => r.message)).toEqual([2]);
    expect(checkTrace(trace)).toMatchObject({ lost: 1, duplicates: 0, exactlyOnce: false });
    expect(producersStartedMidSequence(trace)).toEqual([1000]);
  });

  test('(regression) seed 262739215: a retry that outlived five later appends is out of order until the delivery timeout', () => {
    // Shrunk by fast-check from property 1. Batch 6 (seq 5) is written but answered REQUEST_TIMED_OUT; seqs 6–8 are
    // acknowledged meanwhile; its retry is sent together with seqs 9–11 and every response is lost. By the next
    // retry the broker caches seqs 7–11 only, so seq 5 is neither cached nor next: OUT_OF_ORDER_SEQUENCE_NUMBER,
    // and the client, whose last ack is 8, retries without a bump (reference §1.7, §5 vector 9).
    const s = scenario({
      seed: 262739215,
      producer: { 'max.in.flight.requests.per.connection': 4, 'request.timeout.ms': 200, 'delivery.timeout.ms': 20000, 'linger.ms': 0 },
      workload: { messages: 16, intervalMs: 0 },
      network: { latencyMs: { min: 0, max: 0 } },
      faults: { rates: { loseResponse: 0.02, errorReply: 0.05 } },
    });
    const trace = runSimulation(s);
    const beyond = retriesBeyondDedupWindow(trace);
    expect(beyond.length).toBeGreaterThan(1);
    const first = trace.events[beyond[0]!]!;
    expect(first).toMatchObject({ kind: 'broker.handled', messages: [6], baseSeq: 5, epoch: 0 });
    const cache = first.broker?.producers[0]?.batches.map((b) => b.firstSeq);
    expect(cache).toEqual([7, 8, 9, 10, 11]);
    const retries = trace.events.filter((e) => e.kind === 'retry.scheduled' && e.messages[0] === 6 && e.reason === 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(retries.length).toBeGreaterThan(1);
    for (const r of retries) expect(r).toMatchObject({ bump: false });
    // message 6 was written once, at its first attempt; the application is told it timed out
    expect(copiesByMessage(trace).get(6)).toBe(1);
    expect(trace.events.find((e) => e.kind === 'delivery.failed' && e.messages.includes(6))).toMatchObject({
      error: expect.stringMatching(/^TimeoutException/),
    });
    expect(duplicateSequences(trace)).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import { runSimulation } from '../src/sim/run-simulation';
import { checkTrace } from '../src/sim/trace/checker';
import { explainAnomaly } from '../src/i18n/explain';
import { configProblemText, ruleText } from '../src/i18n/facts';
import { callbacks, eventsOf, logRows, scenario } from './helpers';

/**
 * The numbered test vectors of the fidelity reference that one broker can show (1–7, 9, 12, 14 in its Kafka ≥ 2.5
 * form, 15), each with the exact log and what the application is told.
 */

const P = 1000; // the first producer id the simulated cluster hands out
const fixedLatency = { latencyMs: { min: 10, max: 10 } };
const quick = { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000 };

describe('vector 1: idempotence off, ack lost', () => {
  const trace = runSimulation(
    scenario({
      producer: { ...quick, 'enable.idempotence': false },
      workload: { messages: 1 },
      faults: { scripted: [{ kind: 'lose-response', message: 1, attempt: 1 }] },
    }),
  );
  test('the retry is written again: [m1@0, m1@1]', () => {
    expect(logRows(trace)).toEqual([
      [1, 0, -1, -1, -1],
      [1, 1, -1, -1, -1],
    ]);
  });
  test('the callback reports offset 1', () => {
    expect(callbacks(trace).get(1)).toBe(1);
  });
  test('the checker names the lost ack as the cause of the duplicate', () => {
    const o = checkTrace(trace);
    expect(o.duplicates).toBe(1);
    const lostAck = eventsOf(trace, 'response.lost')[0]!;
    expect(o.anomalies[0]!.events).toContain(lostAck.i);
    expect(explainAnomaly('en', o.anomalies[0]!)).toMatch(/ack was lost/);
  });
});

describe('vector 2: idempotence on, ack lost', () => {
  const trace = runSimulation(
    scenario({ producer: quick, workload: { messages: 1 }, faults: { scripted: [{ kind: 'lose-response', message: 1, attempt: 1 }] } }),
  );
  test('the retry carries the same producer id, epoch and sequence', () => {
    const sends = eventsOf(trace, 'request.sent');
    expect(sends.map((s) => [s.pid, s.epoch, s.baseSeq, s.attempt])).toEqual([
      [P, 0, 0, 1],
      [P, 0, 0, 2],
    ]);
  });
  test('cache hit: no append, NONE with the original offset 0', () => {
    expect(logRows(trace)).toEqual([[1, 0, P, 0, 0]]);
    const verdicts = eventsOf(trace, 'broker.handled').map((h) => [h.verdict, h.offset]);
    expect(verdicts).toEqual([
      ['appended', 0],
      ['duplicate', 0],
    ]);
    const responses = eventsOf(trace, 'response.received').map((r) => [r.error, r.offset]);
    expect(responses).toEqual([['NONE', 0]]);
    expect(callbacks(trace).get(1)).toBe(0);
  });
});

describe('vector 3: stalled link', () => {
  for (const idempotence of [false, true]) {
    test(`idempotence ${idempotence ? 'on' : 'off'}: the timeout closes the connection, every in-flight request fails, m1 is written once`, () => {
      const trace = runSimulation(
        scenario({
          producer: { ...quick, 'enable.idempotence': idempotence, 'linger.ms': 0 },
          workload: { messages: 3, intervalMs: 1 },
          network: fixedLatency,
          faults: { scripted: [{ kind: 'stall', message: 1, attempt: 1, direction: 'request', durationMs: 3000 }] },
        }),
      );
      const timeouts = eventsOf(trace, 'request.timeout');
      expect(timeouts).toHaveLength(1);
      const closed = eventsOf(trace, 'connection.closed')[0]!;
      expect(closed.reason).toBe('request-timeout');
      expect(closed.failed).toHaveLength(3);
      const failed = eventsOf(trace, 'request.failed');
      expect(failed.map((f) => f.error)).toEqual(['REQUEST_TIMED_OUT', 'REQUEST_TIMED_OUT', 'REQUEST_TIMED_OUT']);
      // Retried on the new connection: in sequence order with idempotence; without it each failed request is put
      // back at the front of the queue (addFirst), so they go out newest first and land in reverse order (§1.5).
      const order = idempotence ? [1, 2, 3] : [3, 2, 1];
      expect(trace.log.map((r) => r.message)).toEqual(order);
      const retries = eventsOf(trace, 'request.sent').filter((s) => s.attempt === 2);
      expect(retries.map((s) => s.messages[0])).toEqual(order);
    });
  }
});

describe('vector 4: delayed original overtaken by its retry', () => {
  const base = {
    producer: quick,
    workload: { messages: 1 },
    faults: { scripted: [{ kind: 'delay-request' as const, message: 1, attempt: 1, delayMs: 1500 }] },
  };
  test('idempotence on: the retry is written @0, the late original is a cache hit answered to a dead socket', () => {
    const trace = runSimulation(scenario(base));
    expect(logRows(trace)).toEqual([[1, 0, P, 0, 0]]);
    const handled = eventsOf(trace, 'broker.handled');
    expect(handled.map((h) => [h.attempt, h.verdict, h.offset, h.deadSocket])).toEqual([
      [2, 'appended', 0, false],
      [1, 'duplicate', 0, true],
    ]);
    expect(callbacks(trace).get(1)).toBe(0);
  });
  test('idempotence off: [m1@0, m1@1]', () => {
    const trace = runSimulation(scenario({ ...base, producer: { ...quick, 'enable.idempotence': false } }));
    expect(trace.log.map((r) => [r.message, r.offset])).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });
});

describe('vector 5: reorder with idempotence off and 5 in flight', () => {
  test('A fails with NOT_ENOUGH_REPLICAS, B is written first: [m2@0, m1@1]', () => {
    const trace = runSimulation(
      scenario({
        producer: { ...quick, 'enable.idempotence': false, 'linger.ms': 0 },
        workload: { messages: 2, intervalMs: 0 },
        network: fixedLatency,
        faults: { scripted: [{ kind: 'error-reply', message: 1, attempt: 1, error: 'NOT_ENOUGH_REPLICAS' }] },
      }),
    );
    expect(trace.log.map((r) => [r.message, r.offset])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    const o = checkTrace(trace);
    expect(o.reordered).toBe(1);
    expect(o.exactlyOnce).toBe(true);
    expect(o.inOrder).toBe(false);
  });
});

describe('vector 6: same faults, idempotence on, known producer (last seq 9)', () => {
  const trace = runSimulation(
    scenario({
      producer: { ...quick, 'linger.ms': 0, 'batch.size.records': 5 },
      workload: { messages: 20, intervalMs: 0 },
      network: fixedLatency,
      faults: { scripted: [{ kind: 'error-reply', message: 11, attempt: 1, error: 'NOT_ENOUGH_REPLICAS' }] },
    }),
  );
  test('B (15–19) gets OUT_OF_ORDER_SEQUENCE_NUMBER and is retried after A without an epoch bump', () => {
    const handled = eventsOf(trace, 'broker.handled').map((h) => [h.baseSeq, h.lastSeq, h.verdict]);
    expect(handled).toEqual([
      [0, 4, 'appended'],
      [5, 9, 'appended'],
      [10, 14, 'NOT_ENOUGH_REPLICAS'],
      [15, 19, 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
      [10, 14, 'appended'],
      [15, 19, 'appended'],
    ]);
    expect(eventsOf(trace, 'epoch.bumped')).toHaveLength(0);
    const retryB = eventsOf(trace, 'retry.scheduled').find((r) => r.messages[0] === 16)!;
    expect(retryB.bump).toBe(false);
  });
  test('the log is [A, B] in order and the application sees no error', () => {
    expect(trace.log.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(trace.log.map((r) => r.message)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(eventsOf(trace, 'delivery.failed')).toHaveLength(0);
  });
});

describe('vector 7: same faults, brand-new producer id (KAFKA-15591, 2.5–4.x)', () => {
  const trace = runSimulation(
    scenario({
      producer: { 'request.timeout.ms': 500, 'delivery.timeout.ms': 2000, 'linger.ms': 0, 'batch.size.records': 5 },
      workload: { messages: 10, intervalMs: 0 },
      network: fixedLatency,
      faults: { scripted: [{ kind: 'error-reply', message: 1, attempt: 1, error: 'NOT_ENOUGH_REPLICAS' }] },
    }),
  );
  test('B (5–9) is accepted because the producer is unknown', () => {
    const handled = eventsOf(trace, 'broker.handled');
    expect(handled[1]!.baseSeq).toBe(5);
    expect(handled[1]!.verdict).toBe('appended');
    expect(logRows(trace)).toEqual([6, 7, 8, 9, 10].map((m, i) => [m, i, P, 0, 5 + i]));
  });
  test('every retry of A is OUT_OF_ORDER_SEQUENCE_NUMBER without a bump, until the delivery timeout: silent loss', () => {
    const retriesOfA = eventsOf(trace, 'broker.handled').filter((h) => h.messages[0] === 1 && h.attempt > 1);
    expect(retriesOfA.length).toBeGreaterThan(1);
    expect(retriesOfA.every((h) => h.verdict === 'OUT_OF_ORDER_SEQUENCE_NUMBER')).toBe(true);
    expect(eventsOf(trace, 'epoch.bumped')).toHaveLength(0);
    expect(String(callbacks(trace).get(1))).toMatch(/^TimeoutException/);
    expect(checkTrace(trace).lost).toBe(5);
  });
});

describe('vector 9: a stale copy beyond the 5-batch window', () => {
  const trace = runSimulation(
    scenario({
      producer: { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 10000, 'linger.ms': 0 },
      workload: { messages: 8, intervalMs: 150 },
      faults: { scripted: [{ kind: 'delay-request', message: 1, attempt: 1, delayMs: 3000 }] },
    }),
  );
  test('seq 0 is not cached and 0 ≠ next: OUT_OF_ORDER_SEQUENCE_NUMBER, nothing appended', () => {
    const stale = eventsOf(trace, 'broker.handled').find((h) => h.messages[0] === 1 && h.attempt === 1)!;
    expect(stale.verdict).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(stale.broker!.producers[0]!.batches.map((b) => b.firstSeq)).toEqual([3, 4, 5, 6, 7]);
    expect(trace.log.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(checkTrace(trace).exactlyOnce).toBe(true);
  });
});

describe('vector 12: restart without a transactional.id', () => {
  const trace = runSimulation(
    scenario({
      producer: { 'request.timeout.ms': 1500, 'delivery.timeout.ms': 5000 },
      workload: { messages: 1 },
      network: { latencyMs: { min: 20, max: 20 } },
      faults: {
        scripted: [
          { kind: 'stall', message: 1, attempt: 1, direction: 'response', durationMs: 2000 },
          { kind: 'producer-restart', atMs: 500, downMs: 100 },
        ],
      },
    }),
  );
  test('the restarted application is a new producer id, and its seq 0 is accepted: [m1@0, m1@1]', () => {
    expect(logRows(trace)).toEqual([
      [1, 0, P, 0, 0],
      [1, 1, P + 1, 0, 0],
    ]);
    expect(eventsOf(trace, 'pid.assigned').map((e) => e.pid)).toEqual([P, P + 1]);
    expect(eventsOf(trace, 'app.send').map((e) => [e.message, e.resend])).toEqual([
      [1, false],
      [1, true],
    ]);
    expect(checkTrace(trace).duplicates).toBe(1);
  });
});

describe('vector 14 (broker ≥ 2.5): a sequence from a producer the broker no longer knows is accepted', () => {
  test('after the producer state is gone, seq 40 is simply appended: no UNKNOWN_PRODUCER_ID, no bump', () => {
    const trace = runSimulation(
      scenario({
        producer: { 'batch.size.records': 40, 'linger.ms': 0 },
        broker: { 'producer.id.expiration.ms': 1000, 'producer.id.expiration.check.interval.ms': 100 },
        workload: { messages: 41, intervalMs: 2000 },
      }),
    );
    expect(eventsOf(trace, 'producer.expired').length).toBeGreaterThan(0);
    const last = eventsOf(trace, 'broker.handled').at(-1)!;
    expect([last.baseSeq, last.verdict]).toEqual([40, 'appended']);
    expect(last.rule.id).toBe('unknown-producer');
    expect(ruleText('en', last.rule)).toMatch(/unknown/);
    expect(eventsOf(trace, 'response.received').every((r) => r.error === 'NONE')).toBe(true);
    expect(eventsOf(trace, 'epoch.bumped')).toHaveLength(0);
    expect(trace.log.map((r) => r.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i));
  });
});

describe('vector 15: producer state expires during a retry', () => {
  test('the retry comes from an "unknown" producer and is accepted: a duplicate with idempotence on', () => {
    const trace = runSimulation(
      scenario({
        producer: { 'request.timeout.ms': 2000, 'delivery.timeout.ms': 6000 },
        broker: { 'producer.id.expiration.ms': 1000, 'producer.id.expiration.check.interval.ms': 500 },
        workload: { messages: 1 },
        faults: { scripted: [{ kind: 'stall', message: 1, attempt: 1, direction: 'response', durationMs: 3000 }] },
      }),
    );
    expect(logRows(trace)).toEqual([
      [1, 0, P, 0, 0],
      [1, 1, P, 0, 0],
    ]);
    const o = checkTrace(trace);
    expect(o.duplicates).toBe(1);
    expect(explainAnomaly('en', o.anomalies[0]!)).toMatch(/expired producer 1000/);
  });
});

describe('configuration errors, as Kafka reports them', () => {
  test('idempotence on with max.in.flight.requests.per.connection = 6 is a ConfigException; nothing is sent', () => {
    const trace = runSimulation(scenario({ producer: { 'max.in.flight.requests.per.connection': 6 } }));
    expect(trace.configError).toBe('idempotence-max-in-flight');
    expect(configProblemText('en', trace.configError!)).toBe('ConfigException: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
    expect(eventsOf(trace, 'request.sent')).toHaveLength(0);
  });
  test('the same setting without idempotence is allowed', () => {
    const trace = runSimulation(scenario({ producer: { 'max.in.flight.requests.per.connection': 6, 'enable.idempotence': false } }));
    expect(trace.configError).toBeNull();
    expect(trace.log).toHaveLength(3);
  });
});

describe('§2.5 broker restart: a clean shutdown shrinks the dedup window, a crash replays the log', () => {
  /** Messages 1–5 written; the acks from message `stalled` on are held up when the broker goes down at 200 ms. */
  const restartRun = (shutdown: 'clean' | 'crash', stalled: number, broker: { 'log.roll.ms'?: number } = {}) =>
    runSimulation(
      scenario({
        seed: 8,
        producer: { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 10000, 'linger.ms': 0 },
        broker,
        workload: { messages: 5, intervalMs: 40 },
        network: fixedLatency,
        faults: {
          scripted: [
            { kind: 'stall', message: stalled, attempt: 1, direction: 'response', durationMs: 1000 },
            { kind: 'broker-restart', atMs: 200, downMs: 300, shutdown },
          ],
        },
      }),
    );
  const firstFive = [1, 2, 3, 4, 5].map((m) => [m, m - 1, P, 0, m - 1]);

  test('clean shutdown: the snapshot at the log end keeps one batch; the retry of seq 3 is OUT_OF_ORDER and, after the bump, written again', () => {
    const trace = restartRun('clean', 4);
    expect(eventsOf(trace, 'broker.shutdown')).toMatchObject([{ snapshotOffset: 5 }]);
    expect(eventsOf(trace, 'broker.restarted')).toMatchObject([{ shutdown: 'clean', snapshotOffset: 5, replayedBatches: 0, keptBatches: 1, droppedBatches: 4 }]);
    expect(eventsOf(trace, 'broker.handled').some((h) => h.verdict === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && h.messages[0] === 4)).toBe(true);
    expect(logRows(trace)).toEqual([...firstFive, [4, 5, P, 1, 0], [5, 6, P, 1, 1]]);
    expect(checkTrace(trace).duplicates).toBe(2);
  });

  test('crash: the log is replayed from the newest snapshot (offset 0), all five batches are cached again, the retries are duplicates', () => {
    const trace = restartRun('crash', 4);
    expect(eventsOf(trace, 'broker.crashed')).toMatchObject([{ snapshotOffset: 0 }]);
    expect(eventsOf(trace, 'broker.restarted')).toMatchObject([{ shutdown: 'crash', snapshotOffset: 0, replayedBatches: 5, keptBatches: 5, droppedBatches: 0 }]);
    const retries = eventsOf(trace, 'broker.handled').filter((h) => h.attempt > 1);
    expect(retries.map((h) => [h.messages[0], h.verdict, h.offset])).toEqual([
      [4, 'duplicate', 3],
      [5, 'duplicate', 4],
    ]);
    expect(logRows(trace)).toEqual(firstFive);
    expect(checkTrace(trace).exactlyOnce).toBe(true);
  });

  test('crash soon after a segment roll (log.roll.ms): little is replayed, older batches are forgotten and retried as new', () => {
    const trace = restartRun('crash', 3, { 'log.roll.ms': 100 });
    expect(eventsOf(trace, 'segment.rolled')[0]).toMatchObject({ baseOffset: 4, t: 170 });
    expect(eventsOf(trace, 'broker.restarted')).toMatchObject([{ shutdown: 'crash', snapshotOffset: 4, replayedBatches: 1, keptBatches: 2, droppedBatches: 3 }]);
    expect(eventsOf(trace, 'broker.handled').find((h) => h.attempt > 1)).toMatchObject({ messages: [3], verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(eventsOf(trace, 'epoch.bumped')).toHaveLength(1);
    expect(checkTrace(trace).duplicates).toBe(3);
  });
});

describe('§1.5 a broker that is down is skipped: the producer drains only for a ready connection', () => {
  const trace = runSimulation(
    scenario({
      producer: { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 20000, 'linger.ms': 0 },
      workload: { messages: 3, intervalMs: 10 },
      network: fixedLatency,
      faults: { scripted: [{ kind: 'broker-restart', atMs: 25, downMs: 4000, shutdown: 'crash' }] },
    }),
  );
  const crashT = eventsOf(trace, 'broker.crashed')[0]!.t;
  const upT = eventsOf(trace, 'broker.restarted')[0]!.t;

  test('nothing is sent while the broker is down, so no attempt is used up', () => {
    expect(eventsOf(trace, 'request.sent').filter((e) => e.t > crashT && e.t < upT)).toEqual([]);
    expect(eventsOf(trace, 'request.lost').filter((e) => e.cause === 'broker-down' && e.t > crashT)).toEqual([]);
    // a batch in flight when the broker went down used its first attempt; its retry after the restart is attempt 2
    expect(Math.max(...eventsOf(trace, 'request.sent').map((e) => e.attempt))).toBe(2);
  });

  test('connection attempts are refused, with reconnect.backoff.ms doubling up to reconnect.backoff.max.ms', () => {
    const waits = eventsOf(trace, 'connection.refused').map((e) => e.backoffMs);
    expect(waits.slice(0, 6)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(eventsOf(trace, 'connection.refused').every((e) => e.t > crashT && e.t < upT + 1000)).toBe(true);
  });

  test('every message is in the log once, in order (the crash replayed the log)', () => {
    expect(trace.log.map((r) => r.message)).toEqual([1, 2, 3]);
    expect(checkTrace(trace).exactlyOnce).toBe(true);
  });
});

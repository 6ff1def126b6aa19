import { describe, expect, test } from 'vitest';
import { explainAnomaly } from '../src/i18n/explain';
import { runSimulation } from '../src/sim/run-simulation';
import { parseScenario } from '../src/sim/scenario/parse';
import type { ScenarioInput } from '../src/sim/scenario/schema';
import { checkTrace } from '../src/sim/trace/checker';
import type { Trace } from '../src/sim/trace/types';
import { callbacks, eventsOf, logRows, scenario } from './helpers';

/**
 * The reference's vectors that need replication (8, 10, 11: one partition, RF 3 unless noted), and the acks=all
 * answers a leader gives while it waits for its followers (§1.7, §2.6).
 */

const P = 1000;
const fixedLatency = { latencyMs: { min: 10, max: 10 } };
const quick = { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000 };
const rf3 = { 'replication.factor': 3, 'min.insync.replicas': 2 };

type Input = Omit<ScenarioInput, 'version' | 'name'>;

/** The first event of a kind, by its message. */
const first = <K extends 'broker.handled' | 'replica.fetched' | 'produce.answered' | 'delivery.ack'>(trace: Trace, kind: K) => eventsOf(trace, kind)[0]!;

/** The same scenario with broker 1 (the first leader) killed at `atMs` (and started again after `downMs`). */
function withKill(input: Input, atMs: number, downMs?: number): Input {
  const kill = downMs === undefined ? { kind: 'broker-kill' as const, broker: 1, atMs } : { kind: 'broker-kill' as const, broker: 1, atMs, downMs };
  return { ...input, faults: { scripted: [...(input.faults?.scripted ?? []), kill] } };
}

describe('vector 10: failover after replication', () => {
  // L1 writes seq 0 @0, the followers replicate it, L1 dies before the acks=all answer; the client retries to F.
  const base = (idempotence: boolean): Input => ({ broker: rf3, network: fixedLatency, producer: { ...quick, 'enable.idempotence': idempotence }, workload: { messages: 1 } });
  const killAfterReplication = (idempotence: boolean) => {
    const clean = runSimulation(scenario(base(idempotence)));
    const replicated = eventsOf(clean, 'replica.fetched').at(-1)!.t;
    const answered = first(clean, 'produce.answered').t;
    expect(replicated).toBeLessThan(answered);
    return runSimulation(scenario(withKill(base(idempotence), replicated + 1, 500)));
  };
  const on = killAfterReplication(true);
  const off = killAfterReplication(false);

  test('idempotence on: the new leader built the same producer state, so the retry is a cache hit: NONE @0, exactly once', () => {
    const handled = eventsOf(on, 'broker.handled');
    expect(handled.map((h) => [h.lane, h.verdict, h.offset])).toEqual([
      ['broker', 'appended', 0],
      ['broker-2', 'duplicate', 0],
    ]);
    expect(handled[1]!.rule).toMatchObject({ id: 'duplicate-in-cache', originalOffset: 0 });
    expect(logRows(on)).toEqual([[1, 0, P, 0, 0]]);
    expect(callbacks(on).get(1)).toBe(0);
    expect(checkTrace(on).exactlyOnce).toBe(true);
  });
  test('the retry carries the same producer id, epoch and sequence to the new leader after a disconnect', () => {
    const sends = eventsOf(on, 'request.sent');
    expect(sends.map((s) => [s.pid, s.epoch, s.baseSeq, s.attempt])).toEqual([
      [P, 0, 0, 1],
      [P, 0, 0, 2],
    ]);
    expect(eventsOf(on, 'request.failed')[0]!.error).toBe('NETWORK_EXCEPTION');
    const elected = eventsOf(on, 'leader.elected');
    expect(elected.map((e) => [e.replica, e.clean, e.leaderEpoch])).toEqual([[2, true, 1]]);
  });
  test('idempotence off: the new leader has m1 and writes the retry again: [m1@0, m1@1]', () => {
    expect(logRows(off)).toEqual([
      [1, 0, -1, -1, -1],
      [1, 1, -1, -1, -1],
    ]);
    expect(checkTrace(off).duplicates).toBe(1);
  });
  test('the old leader comes back as a follower, truncates nothing (it has the same log) and rejoins the ISR', () => {
    expect(eventsOf(on, 'replica.truncated')).toEqual([]);
    expect(eventsOf(on, 'isr.expanded').map((e) => e.added)).toEqual([1]);
    expect(on.events.at(-1)!.cluster!.isr).toEqual([1, 2, 3]);
  });
});

describe('vector 11: failover before replication', () => {
  const base = (acks: 'all' | '1', idempotence: boolean): Input => ({
    broker: rf3,
    network: fixedLatency,
    producer: { ...quick, acks, 'enable.idempotence': idempotence },
    workload: { messages: 1 },
  });
  /**
   * L1 writes m1 (with acks=1 its answer reaches the producer) and dies before any follower fetched it: the
   * followers' fetches are held up for a moment around the write, so they stay in the ISR. L1 comes back 300 ms later.
   */
  const killBeforeReplication = (acks: 'all' | '1', idempotence: boolean) => {
    const clean = runSimulation(scenario(base(acks, idempotence)));
    const t = first(clean, 'broker.handled').t;
    const input = base(acks, idempotence);
    const isolate = (broker: number) => ({ kind: 'follower-isolate' as const, broker, atMs: t - 5, durationMs: 30 });
    return runSimulation(scenario(withKill({ ...input, faults: { scripted: [isolate(2), isolate(3)] } }, t + 15, 300)));
  };

  test('acks=all: the retry is written @0 on the new leader; L1 truncates its own m1 on return: exactly once', () => {
    for (const idempotence of [true, false]) {
      const trace = killBeforeReplication('all', idempotence);
      expect(eventsOf(trace, 'broker.handled').map((h) => [h.lane, h.verdict, h.offset])).toEqual([
        ['broker', 'appended', 0],
        ['broker-2', 'appended', 0],
      ]);
      const truncated = eventsOf(trace, 'replica.truncated');
      expect(truncated.map((e) => [e.replica, e.fromOffset, e.toOffset, e.messages])).toEqual([[1, 1, 0, [1]]]);
      expect(logRows(trace).map((r) => r.slice(0, 2))).toEqual([[1, 0]]);
      expect(checkTrace(trace).exactlyOnce).toBe(true);
      // Every replica ends with the new leader's log.
      expect(trace.events.at(-1)!.cluster!.replicas.map((r) => r.leo)).toEqual([1, 1, 1]);
    }
  });
  test('acks=1 (idempotence off: Kafka refuses it with acks=1): L1 acknowledged m1, the new leader never had it: m1 lost', () => {
    const trace = killBeforeReplication('1', false);
    expect(callbacks(trace).get(1)).toBe(0);
    expect(logRows(trace)).toEqual([]);
    const o = checkTrace(trace);
    expect(o.lost).toBe(1);
    expect(o.anomalies[0]).toMatchObject({ kind: 'lost', cause: 'lost-failover', params: { clean: true, leader: 2 } });
    expect(explainAnomaly('en', o.anomalies[0]!)).toMatch(/acks=1/);
    expect(eventsOf(trace, 'replica.truncated').map((e) => e.messages)).toEqual([[1]]);
  });
});

describe('vector 8: a gap after failover bumps the epoch (unclean election)', () => {
  // RF 2, min.insync.replicas 1: the follower is cut off, leaves the ISR, and the leader alone acknowledges m2 and m3
  // (as acks=1 would). The leader dies; with unclean.leader.election.enable the stale follower leads.
  const input = (idempotence: boolean): Input => ({
    broker: { 'replication.factor': 2, 'min.insync.replicas': 1, 'unclean.leader.election.enable': true, 'replica.lag.time.max.ms': 100 },
    network: fixedLatency,
    producer: { ...quick, 'enable.idempotence': idempotence },
    workload: { messages: 4, intervalMs: 150 },
    faults: {
      scripted: [
        { kind: 'follower-isolate', broker: 2, atMs: 60, durationMs: 2000 },
        { kind: 'broker-kill', broker: 1, atMs: 400 },
      ],
    },
  });
  const on = runSimulation(scenario(input(true)));
  const off = runSimulation(scenario(input(false)));

  test('the ISR shrinks to the leader alone, which then acknowledges m2 and m3 by itself', () => {
    expect(eventsOf(on, 'isr.shrunk').map((e) => [e.removed, e.isr])).toEqual([[2, [1]]]);
    expect([2, 3].map((m) => callbacks(on).get(m))).toEqual([1, 2]);
    expect(eventsOf(on, 'leader.elected').map((e) => [e.replica, e.clean, e.logEndOffset])).toEqual([[2, false, 1]]);
  });
  test('idempotence on: seq 3 is the next after the last ack, so OUT_OF_ORDER_SEQUENCE_NUMBER is a real gap: bump to e1, resend as seq 0', () => {
    const handled = eventsOf(on, 'broker.handled').filter((h) => h.lane === 'broker-2');
    expect(handled.map((h) => [h.verdict, h.epoch, h.baseSeq])).toEqual([
      ['OUT_OF_ORDER_SEQUENCE_NUMBER', 0, 3],
      ['appended', 1, 0],
    ]);
    expect(eventsOf(on, 'epoch.bumped').map((e) => [e.epoch, e.reason])).toEqual([[1, 'sequence-gap']]);
  });
  test('m2 and m3 are lost and nothing tells the application: every callback succeeded', () => {
    for (const trace of [on, off]) {
      expect(logRows(trace).map((r) => r[0])).toEqual([1, 4]);
      expect(eventsOf(trace, 'delivery.failed')).toEqual([]);
      const o = checkTrace(trace);
      expect(o.lost).toBe(2);
      expect(o.anomalies.map((a) => [a.message, a.cause])).toEqual([
        [2, 'lost-failover'],
        [3, 'lost-failover'],
      ]);
      expect(explainAnomaly('en', o.anomalies[0]!)).toMatch(/unclean\.leader\.election\.enable/);
    }
    expect(eventsOf(off, 'epoch.bumped')).toEqual([]);
  });
  test('with unclean election off the partition stays offline instead: nothing acknowledged is lost', () => {
    const base = input(true);
    const trace = runSimulation(scenario({ ...base, broker: { ...base.broker, 'unclean.leader.election.enable': false } }));
    expect(eventsOf(trace, 'partition.offline')).toHaveLength(1);
    expect(eventsOf(trace, 'leader.elected')).toEqual([]);
    expect(checkTrace(trace).anomalies.filter((a) => a.cause === 'lost-failover')).toEqual([]);
  });
});

describe('§1.7 acks=all answers from a leader waiting for its followers', () => {
  const base: Input = { broker: rf3, network: fixedLatency, producer: quick, workload: { messages: 1 } };

  test('the answer waits for the ISR: appended first, answered NONE once the followers fetched it', () => {
    const trace = runSimulation(scenario(base));
    const handled = first(trace, 'broker.handled');
    expect(handled.awaitingReplicas).toBe(true);
    const answered = first(trace, 'produce.answered');
    expect(answered.error).toBe('NONE');
    expect(answered.t).toBeGreaterThan(eventsOf(trace, 'replica.fetched').at(-1)!.t);
  });
  test('acks=1 is answered at once: no waiting', () => {
    const trace = runSimulation(scenario({ ...base, producer: { ...quick, acks: '1', 'enable.idempotence': false } }));
    expect(first(trace, 'broker.handled').awaitingReplicas).toBeUndefined();
    expect(eventsOf(trace, 'produce.answered')).toEqual([]);
  });
  test('NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas at append time: nothing written, retried', () => {
    // Both followers cut off. The ISR shrinks only once the leader has a record they lack (m2), after
    // replica.lag.time.max.ms: m2's first attempt is written and answered AFTER_APPEND, its retries are refused.
    const trace = runSimulation(
      scenario({
        ...base,
        broker: { ...rf3, 'replica.lag.time.max.ms': 100 },
        workload: { messages: 2, intervalMs: 400 },
        faults: {
          scripted: [
            { kind: 'follower-isolate', broker: 2, atMs: 60, durationMs: 1000 },
            { kind: 'follower-isolate', broker: 3, atMs: 60, durationMs: 1000 },
          ],
        },
      }),
    );
    const m2 = eventsOf(trace, 'broker.handled').filter((h) => h.messages[0] === 2);
    expect(m2.map((h) => [h.verdict, h.offset])).toEqual([
      ['appended', 1],
      ['NOT_ENOUGH_REPLICAS', -1],
      ['NOT_ENOUGH_REPLICAS', -1],
      ['duplicate', 1],
    ]);
    expect(m2[1]!.rule).toEqual({ id: 'not-enough-replicas' });
    expect(logRows(trace).map((r) => r[0])).toEqual([1, 2]);
    expect(checkTrace(trace).exactlyOnce).toBe(true);
  });
  test('NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks below the minimum while the answer waits', () => {
    const trace = runSimulation(
      scenario({
        ...base,
        broker: { ...rf3, 'replica.lag.time.max.ms': 100 },
        workload: { messages: 2, intervalMs: 200 },
        faults: {
          scripted: [
            { kind: 'follower-isolate', broker: 2, atMs: 150, durationMs: 1000 },
            { kind: 'follower-isolate', broker: 3, atMs: 150, durationMs: 1000 },
          ],
        },
      }),
    );
    const answers = eventsOf(trace, 'produce.answered').filter((a) => a.messages[0] === 2);
    expect(answers[0]).toMatchObject({ error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', rule: { id: 'written-then-isr-shrank' } });
    // Written on the leader already: the retry (same sequence) is recognised, so m2 is in the log once.
    expect(logRows(trace).map((r) => r[0])).toEqual([1, 2]);
  });
  test('REQUEST_TIMED_OUT from the broker when the followers do not confirm within the request timeout', () => {
    const trace = runSimulation(
      scenario({
        ...base,
        producer: { ...quick, 'request.timeout.ms': 300 },
        broker: { ...rf3, 'replica.lag.time.max.ms': 30000 },
        workload: { messages: 2, intervalMs: 200 },
        faults: {
          scripted: [
            { kind: 'follower-isolate', broker: 2, atMs: 150, durationMs: 400 },
            { kind: 'follower-isolate', broker: 3, atMs: 150, durationMs: 400 },
          ],
        },
      }),
    );
    const timedOut = eventsOf(trace, 'produce.answered').filter((a) => a.error === 'REQUEST_TIMED_OUT');
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut[0]!.rule).toMatchObject({ id: 'written-then-timed-out' });
    expect(checkTrace(trace).exactlyOnce).toBe(true);
  });
});

describe('scenario checks for replication', () => {
  const parse = (broker: object, scripted: object[]) => parseScenario({ version: 1, name: 'x', broker, faults: { scripted } });
  test('a broker id beyond the replication factor is refused, naming the field', () => {
    const r = parse({ 'replication.factor': 3 }, [{ kind: 'broker-kill', broker: 4, atMs: 10 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(["faults.scripted[0].broker: there is no broker 4: broker.replication.factor is 3, so the partition's replicas are on brokers 1 to 3"]);
  });
  test('min.insync.replicas above the replication factor, follower faults without followers, broker-restart with several', () => {
    const a = parse({ 'replication.factor': 2, 'min.insync.replicas': 3 }, []);
    expect(!a.ok && a.errors[0]).toMatch(/^broker\.min\.insync\.replicas: min\.insync\.replicas is 3, more than replication\.factor \(2\)/);
    const b = parse({}, [{ kind: 'follower-isolate', broker: 1, atMs: 0, durationMs: 10 }]);
    expect(!b.ok && b.errors[0]).toMatch(/^faults\.scripted\[0\]\.kind: follower-isolate needs followers/);
    const c = parse({ 'replication.factor': 2 }, [{ kind: 'broker-restart', atMs: 0, downMs: 10 }]);
    expect(!c.ok && c.errors[0]).toMatch(/^faults\.scripted\[0\]\.kind: broker-restart is for a single broker/);
  });
  test('replication settings left out are not filled in: a scenario without them reads exactly as before', () => {
    const r = parseScenario({ version: 1, name: 'x' });
    expect(r.ok && Object.keys(r.scenario.broker)).toEqual(['producer.id.expiration.ms', 'producer.id.expiration.check.interval.ms', 'log.roll.ms', 'processingMs']);
  });
});

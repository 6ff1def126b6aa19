import { describe, expect, test } from 'vitest';
import { explainTxnAnomaly } from '../src/i18n/explain-txn';
import { runSimulation } from '../src/sim/run-simulation';
import type { ScenarioInput } from '../src/sim/scenario/schema';
import { checkTrace } from '../src/sim/trace/checker';
import type { Trace } from '../src/sim/trace/types';
import { eventsOf, scenario } from './helpers';

/**
 * The reference's transaction vectors that need a run (13, 18, 19, 20; 16 and 17 are rule-level tests in
 * txn-rules.test.ts), run through the transactional statecharts.
 */

type Input = Omit<ScenarioInput, 'version' | 'name'>;
type Txn = NonNullable<ScenarioInput['transactions']>;
const P = 1000;

function run(transactions: Txn, faults: NonNullable<Input['faults']>['scripted'] = [], extra: Input = {}): Trace {
  return runSimulation(scenario({ kafkaVersion: '3.x', workload: { messages: 2 }, transactions, faults: { scripted: faults }, ...extra }));
}

const handled = (trace: Trace, api: string) => eventsOf(trace, 'txn.handled').filter((e) => e.api === api);
const responses = (trace: Trace, instance: number) => eventsOf(trace, 'txn.response').filter((e) => e.instance === instance);
const partition = (trace: Trace, id: string) => trace.partitions!.find((p) => p.id === id)!;
const committedView = (trace: Trace) => eventsOf(trace, 'reader.fetched').filter((e) => e.isolation === 'read_committed').flatMap((e) => e.records.map((r) => `${e.partition}@${r.offset}:m${r.message}`));

describe('vector 13: a zombie is fenced', () => {
  test('TV1: the new instance fences the open transaction (epoch +1, ABORT markers, CONCURRENT_TRANSACTIONS), its retry gets +2; the zombie’s EndTxn is PRODUCER_FENCED', () => {
    const trace = run({ app: 'produce' }, [{ kind: 'txn-zombie', txn: 1, at: 'after-produce', pauseMs: 400, takeoverMs: 20 }]);
    const init = handled(trace, 'InitProducerId');
    expect(init.map((e) => [e.instance, e.error])).toEqual([
      [1, 'NONE'],
      [2, 'CONCURRENT_TRANSACTIONS'],
      [2, 'NONE'],
    ]);
    expect(init[1]!.rule).toEqual({ id: 'txn-fence-ongoing', from: 0, to: 1 });
    expect(init[2]!.assigned).toEqual({ pid: P, epoch: 2 });
    // The abort markers carry the fencing epoch, on every partition of the open transaction.
    const markers = eventsOf(trace, 'txn.marker').filter((m) => m.result === 'ABORT');
    expect(markers.map((m) => [m.partition, m.epoch])).toEqual([
      ['output-0', 1],
      ['output-1', 1],
    ]);
    const zombie = responses(trace, 1).at(-1)!;
    expect([zombie.api, zombie.error]).toEqual(['EndTxn', 'PRODUCER_FENCED']);
    expect(eventsOf(trace, 'txn.client.error').filter((e) => e.instance === 1)).toMatchObject([{ error: 'PRODUCER_FENCED', fatal: true }]);
    // read_committed never sees the zombie's writes (offset 0 of each partition); the new instance's are seen once.
    expect(committedView(trace).some((r) => r.includes('@0:'))).toBe(false);
    expect(checkTrace(trace).transactions).toMatchObject({ exactlyOnce: true, committed: 1, aborted: 1, hanging: [] });
  });

  test('TV2: the zombie’s write is INVALID_PRODUCER_EPOCH (abortable), then its abort is PRODUCER_FENCED (fatal)', () => {
    const trace = run({ app: 'produce' }, [{ kind: 'txn-zombie', txn: 1, at: 'before-produce', pauseMs: 400, takeoverMs: 20 }], { kafkaVersion: '4.0' });
    const zombie = responses(trace, 1).filter((e) => e.api === 'Produce' || e.api === 'EndTxn');
    expect(zombie.map((e) => [e.api, e.error])).toEqual([
      ['Produce', 'INVALID_PRODUCER_EPOCH'],
      ['EndTxn', 'PRODUCER_FENCED'],
    ]);
    expect(eventsOf(trace, 'txn.client.error').filter((e) => e.instance === 1).map((e) => [e.error, e.fatal])).toEqual([
      ['INVALID_PRODUCER_EPOCH', false],
      ['PRODUCER_FENCED', true],
    ]);
    expect(partition(trace, 'output-0').records.every((r) => r.epoch !== 0 || r.kind !== 'data')).toBe(true);
    expect(checkTrace(trace).transactions!.exactlyOnce).toBe(true);
  });
});

describe('vector 18: the transaction times out', () => {
  test('the coordinator aborts it by fencing at its next check; the producer’s EndTxn is then PRODUCER_FENCED (fatal, TV1)', () => {
    const trace = run({ 'transaction.timeout.ms': 1000, 'transaction.abort.timed.out.transaction.cleanup.interval.ms': 500 }, [{ kind: 'txn-idle', txn: 1, idleMs: 3000 }]);
    const timedOut = eventsOf(trace, 'txn.state').find((e) => e.rule?.id === 'txn-timed-out')!;
    expect(timedOut).toMatchObject({ t: 1500, from: 'Ongoing', to: 'PrepareEpochFence', epoch: 1 });
    expect(eventsOf(trace, 'txn.marker').map((m) => [m.result, m.epoch])).toEqual([
      ['ABORT', 1],
      ['ABORT', 1],
      ['ABORT', 1],
    ]);
    const end = responses(trace, 1).at(-1)!;
    expect([end.api, end.error]).toEqual(['EndTxn', 'PRODUCER_FENCED']);
    expect(eventsOf(trace, 'txn.app.closed')).toMatchObject([{ instance: 1, fatal: 'PRODUCER_FENCED' }]);
    // Its offsets were discarded with the transaction: nothing is committed, nothing visible.
    expect(checkTrace(trace).transactions).toMatchObject({ committed: 0, aborted: 1, processed: 0, exactlyOnce: true });
  });
});

describe('vector 19: a late write of an aborted transaction', () => {
  // The produce times out (100 ms), the application aborts, and the request arrives just after the ABORT marker.
  // The application then crashes, so nothing raises the producer's epoch on the partition for a while.
  const late = (kafkaVersion: '3.x' | '4.0', verification: boolean) =>
    run(
      { app: 'produce', 'records.per.transaction': 2, 'request.timeout.ms': 100, 'transaction.partition.verification.enable': verification },
      [
        { kind: 'delay-produce', txn: 1, delayMs: 104 },
        { kind: 'txn-crash', txn: 1, at: 'after-end', downMs: 2000 },
      ],
      { kafkaVersion },
    );

  test('TV1 before 3.6 (no verification): it is appended and opens a transaction nobody ends; the LSO is stuck until the next transaction commits it: a leak', () => {
    const trace = late('3.x', false);
    const lateWrite = handled(trace, 'Produce').find((e) => e.instance === 1)!;
    expect(lateWrite.error).toBe('NONE');
    const abortMarker = eventsOf(trace, 'txn.marker').find((m) => m.result === 'ABORT')!;
    expect(lateWrite.t).toBeGreaterThan(abortMarker.t);
    // While the application is down, read_committed is held at the late write.
    const stuck = eventsOf(trace, 'reader.fetched').filter((e) => e.isolation === 'read_committed' && e.t > lateWrite.t && e.t < lateWrite.t + 2000);
    for (const f of stuck) expect(f.bound).toBeLessThanOrEqual(lateWrite.results!.find((r) => r.partition === f.partition)?.offset ?? f.bound);
    // The restarted instance's commit closes the late write's transaction too: m1 and m2 are visible twice.
    const verdict = checkTrace(trace).transactions!;
    expect(verdict.exactlyOnce).toBe(false);
    expect(verdict.anomalies.map((a) => a.kind)).toEqual(['duplicate-output', 'duplicate-output']);
    expect(explainTxnAnomaly('en', verdict.anomalies[0]!)).toMatch(/visible to read_committed 2 times/);
  });

  test('TV1 with verification (3.6+): the leader asks the coordinator, which has no open transaction: INVALID_TXN_STATE, nothing appended', () => {
    const trace = late('3.x', true);
    const lateWrite = handled(trace, 'Produce').find((e) => e.instance === 1)!;
    expect(lateWrite.error).toBe('INVALID_TXN_STATE');
    expect(eventsOf(trace, 'txn.verification').filter((e) => e.req === lateWrite.req).every((e) => !e.ok)).toBe(true);
    expect(checkTrace(trace).transactions).toMatchObject({ exactlyOnce: true, hanging: [] });
  });

  test('TV2: the abort bumped the epoch, so the late write is INVALID_PRODUCER_EPOCH', () => {
    const trace = late('4.0', false);
    expect(handled(trace, 'Produce').find((e) => e.instance === 1)!.error).toBe('INVALID_PRODUCER_EPOCH');
    expect(checkTrace(trace).transactions).toMatchObject({ exactlyOnce: true, hanging: [] });
  });

  test('a hanging transaction at the end of a run is named with the LSO it holds back', () => {
    // The same late write, but the application never comes back.
    const trace = run(
      { app: 'produce', 'request.timeout.ms': 100, 'transaction.partition.verification.enable': false },
      [
        { kind: 'delay-produce', txn: 1, delayMs: 104 },
        { kind: 'txn-crash', txn: 1, at: 'after-end', restart: false },
      ],
      { workload: { messages: 1 } },
    );
    const verdict = checkTrace(trace).transactions!;
    expect(verdict.hanging).toEqual([{ partition: 'output-1', pid: P, firstOffset: 1, lso: 1 }]);
    expect(explainTxnAnomaly('en', verdict.anomalies.find((a) => a.kind === 'hanging-transaction')!)).toMatch(/the LSO is stuck at 1/);
  });
});

describe('vector 20: exactly-once consume-transform-produce', () => {
  test('a crash after sendOffsetsToTransaction: the new instance aborts T, the committed offset stays, the outputs are redone and seen once', () => {
    const trace = run({}, [{ kind: 'txn-crash', txn: 1, at: 'after-offsets', downMs: 50 }]);
    // The new instance reads the committed position: nothing was committed, so 0 (the offsets were aborted).
    const fetched = responses(trace, 2).find((e) => e.api === 'OffsetFetch')!;
    expect(fetched.offset).toBe(-1);
    const begun = eventsOf(trace, 'txn.begun');
    expect(begun.map((b) => [b.instance, b.messages])).toEqual([
      [1, [1, 2]],
      [2, [1, 2]],
    ]);
    // read_uncommitted saw the aborted copies too; read_committed sees each message once.
    const uncommitted = eventsOf(trace, 'reader.fetched').filter((e) => e.isolation === 'read_uncommitted').flatMap((e) => e.records.map((r) => r.message));
    expect(uncommitted.sort()).toEqual([1, 1, 2, 2]);
    const outcome = checkTrace(trace);
    expect(outcome.consumers!.find((c) => c.isolation === 'read_committed')!.records.map((r) => r.message).sort()).toEqual([1, 2]);
    expect(outcome.transactions).toMatchObject({ exactlyOnce: true, committed: 1, aborted: 1, processed: 2 });
    // The committed input position is 2, in __consumer_offsets.
    const offsets = partition(trace, '__consumer_offsets-0').records;
    expect(offsets.map((r) => (r.kind === 'control' ? r.control : r.message))).toEqual([2, 'ABORT', 2, 'COMMIT']);
  });
});

describe('transactions, more of the protocol', () => {
  test('markers take offsets: positions skip them, and the last stable offset reaches the log end once everything is decided', () => {
    const trace = run({ 'output.partitions': 1 }, [], { workload: { messages: 4 } });
    const out = partition(trace, 'output-0');
    expect(out.records.map((r) => r.kind)).toEqual(['data', 'data', 'control', 'data', 'data', 'control']);
    expect([out.lso, out.leo]).toEqual([6, 6]);
    const committed = checkTrace(trace).consumers!.find((c) => c.isolation === 'read_committed')!;
    expect(committed.records.map((r) => r.offset)).toEqual([0, 1, 3, 4]);
    const last = eventsOf(trace, 'reader.fetched').filter((e) => e.isolation === 'read_committed').at(-1)!;
    expect(last.next).toBe(6);
  });

  test('a lost EndTxn answer: the client sends EndTxn again and it is answered as a repeat; TV2 then learns the bumped epoch', () => {
    const trace = run({ 'request.timeout.ms': 200 }, [{ kind: 'lose-endtxn-response', txn: 1 }], { kafkaVersion: '4.0', workload: { messages: 4 } });
    const ends = handled(trace, 'EndTxn');
    expect(ends[0]).toMatchObject({ error: 'NONE', lost: true, assigned: { pid: P, epoch: 1 } });
    expect(ends[1]).toMatchObject({ epoch: 0, error: 'NONE', rule: { id: 'txn-end-retry', result: 'COMMIT' } });
    expect(eventsOf(trace, 'txn.request.timeout').map((e) => e.api)).toEqual(['EndTxn']);
    expect(eventsOf(trace, 'txn.begun').at(-1)!.epoch).toBe(1);
    expect(checkTrace(trace).transactions!.exactlyOnce).toBe(true);
  });

  test('TV2: no AddPartitionsToTxn or AddOffsetsToTxn; the leader and the group coordinator add their partitions on the first write', () => {
    const trace = run({}, [], { kafkaVersion: '4.0' });
    const apis = new Set(eventsOf(trace, 'txn.request').map((e) => e.api));
    expect(apis.has('AddPartitionsToTxn')).toBe(false);
    expect(apis.has('AddOffsetsToTxn')).toBe(false);
    const added = eventsOf(trace, 'txn.state').filter((e) => e.rule?.id === 'txn-partitions-added').map((e) => e.rule!.id === 'txn-partitions-added' && e.rule.partitions);
    expect(added).toEqual([['output-0', 'output-1'], ['__consumer_offsets-0']]);
    expect(checkTrace(trace).transactions!.exactlyOnce).toBe(true);
  });

  test('a coordinator restart: requests meanwhile are COORDINATOR_NOT_AVAILABLE and retried; a decided transaction’s markers are sent again', () => {
    // Down just after EndTxn(COMMIT) is decided: the answer to the markers is lost, so the restart sends them again.
    const trace = run({}, [{ kind: 'coordinator-restart', atMs: 31, downMs: 300 }], { kafkaVersion: '4.0', workload: { messages: 4 } });
    expect(eventsOf(trace, 'coordinator.up')).toMatchObject([{ t: 331, state: 'PrepareCommit', resent: true }]);
    const unavailable = eventsOf(trace, 'txn.verification').filter((e) => e.error === 'COORDINATOR_NOT_AVAILABLE');
    expect(unavailable.length).toBeGreaterThan(0);
    // The retried produce carries the same sequence numbers as the refused one.
    const produces = eventsOf(trace, 'txn.request').filter((e) => e.api === 'Produce' && e.txn === 2);
    expect(new Set(produces.map((e) => JSON.stringify(e.batches))).size).toBe(1);
    // The COMMIT markers are written twice for transaction 1 (harmless: no transaction is open then).
    expect(eventsOf(trace, 'txn.marker').filter((m) => m.partition === 'output-0' && m.epoch === 1).length).toBe(2);
    expect(eventsOf(trace, 'txn.state').find((e) => e.to === 'CompleteCommit')!.t).toBeGreaterThan(331);
    expect((trace.events.find((e) => e.kind === 'coordinator.down')!.states as Record<string, unknown>)['txn-coordinator']).toEqual({ process: 'down', txn: 'PrepareCommit' });
    expect(checkTrace(trace).transactions).toMatchObject({ exactlyOnce: true, committed: 2, hanging: [] });
  });

  test('the same scenario gives a byte-identical trace', () => {
    const a = run({}, [{ kind: 'txn-crash', txn: 1, at: 'after-end', downMs: 30 }]);
    const b = run({}, [{ kind: 'txn-crash', txn: 1, at: 'after-end', downMs: 30 }]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

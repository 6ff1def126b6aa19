import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchRecords, txnMoveValid } from './protocol/txn-rules';
import { parseScenario } from './scenario/parse';
import type { Fault } from './scenario/schema';
import { runSimulation } from './run-simulation';
import { checkTrace } from './trace/checker';
import { checkBudget, estimateWork } from './budget/estimate-work';
import type { Trace } from './trace/types';

/**
 * Properties of transactional runs over many seeds and fault plans (reference §3): with consume-transform-produce
 * and read_committed, every producer fault the lab offers leaves each committed input record's output visible
 * exactly once; no zombie's write is ever visible to read_committed; with TV2 no late write lands in a later
 * transaction.
 */

const txnFault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant('txn-crash' as const), txn: fc.integer({ min: 1, max: 4 }), at: fc.constantFrom('after-produce' as const, 'after-offsets' as const, 'after-end' as const), downMs: fc.integer({ min: 0, max: 300 }), restart: fc.constant(true) }),
  fc.record({ kind: fc.constant('txn-zombie' as const), txn: fc.integer({ min: 1, max: 4 }), at: fc.constantFrom('before-produce' as const, 'after-produce' as const), pauseMs: fc.integer({ min: 1, max: 500 }), takeoverMs: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ kind: fc.constant('txn-abort' as const), txn: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('lose-endtxn-response' as const), txn: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('delay-produce' as const), txn: fc.integer({ min: 1, max: 4 }), delayMs: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('txn-idle' as const), txn: fc.integer({ min: 1, max: 4 }), idleMs: fc.integer({ min: 1, max: 2500 }) }),
  fc.record({ kind: fc.constant('coordinator-restart' as const), atMs: fc.integer({ min: 0, max: 400 }), downMs: fc.integer({ min: 0, max: 500 }) }),
);

const settings = fc.record({
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  messages: fc.integer({ min: 1, max: 6 }),
  perTxn: fc.integer({ min: 1, max: 3 }),
  partitions: fc.integer({ min: 1, max: 3 }),
  faults: fc.array(txnFault, { maxLength: 3 }),
  jitterMs: fc.integer({ min: 0, max: 20 }),
});

type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

function run(s: Settings, kafkaVersion: '3.x' | '4.0', verification: boolean): Trace {
  const parsed = parseScenario({
    version: 3,
    name: 'property',
    seed: s.seed,
    kafkaVersion,
    workload: { messages: s.messages, intervalMs: 10, jitterMs: s.jitterMs },
    transactions: {
      'records.per.transaction': s.perTxn,
      'output.partitions': s.partitions,
      'request.timeout.ms': 150,
      'transaction.timeout.ms': 1000,
      'transaction.abort.timed.out.transaction.cleanup.interval.ms': 200,
      'transaction.partition.verification.enable': verification,
    },
    faults: { scripted: s.faults },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return runSimulation(parsed.scenario);
}

/** Producer ids and epochs that were fenced: every (pid, epoch) below the epoch an InitProducerId later handed out. */
function zombieWrites(trace: Trace): { partition: string; offset: number }[] {
  const fencedBelow = new Map<number, number>();
  for (const ev of trace.events) if (ev.kind === 'txn.handled' && ev.api === 'InitProducerId' && ev.assigned) fencedBelow.set(ev.assigned.pid, Math.max(fencedBelow.get(ev.assigned.pid) ?? 0, ev.assigned.epoch));
  const out: { partition: string; offset: number }[] = [];
  // A write is a zombie's when its request was sent by an instance after a newer instance had been given an epoch.
  const newest = new Map<number, number>();
  for (const ev of trace.events) {
    if (ev.kind === 'txn.handled' && ev.api === 'InitProducerId' && ev.assigned) newest.set(ev.instance, ev.assigned.epoch);
    if (ev.kind === 'txn.handled' && ev.api === 'Produce') {
      const later = [...newest.entries()].some(([instance, epoch]) => instance > ev.instance && epoch > ev.epoch);
      if (!later) continue;
      for (const r of ev.results ?? []) if (r.error === 'NONE' && !r.duplicate) out.push({ partition: r.partition, offset: r.offset });
    }
  }
  return out;
}

describe('transactions: properties over many seeds and faults', () => {
  for (const [kafkaVersion, verification, label] of [
    ['4.0', true, 'TV2 (Kafka 4.0)'],
    ['3.x', true, 'TV1 with verification (3.6+)'],
  ] as const) {
    it(`${label}: every committed input record's output is visible to read_committed exactly once; no zombie write is visible; nothing hangs`, () => {
      fc.assert(
        fc.property(settings, (s) => {
          const trace = run(s, kafkaVersion, verification);
          expect(trace.truncated).toBe(false);
          const verdict = checkTrace(trace).transactions!;
          expect(verdict.anomalies).toEqual([]);
          expect(verdict.exactlyOnce).toBe(true);
          expect(verdict.hanging).toEqual([]);
          // The committed input position covers exactly the messages read_committed sees.
          const visible = trace.partitions!.filter((p) => p.id.startsWith('output-')).flatMap((p) => fetchRecords({ ...p, producers: new Map(), open: new Map(p.open.map((o) => [o.pid, o.first])) }, 0, 'read_committed').records);
          for (const z of zombieWrites(trace)) expect(visible.some((r) => r.offset === z.offset && trace.partitions!.find((p) => p.id === z.partition)!.records[z.offset] === r)).toBe(false);
        }),
        { numRuns: 120 },
      );
    });
  }

  it("the producer's transaction manager and the coordinator make only the moves Kafka allows, under every fault, with and without verification and with TV2", () => {
    fc.assert(
      fc.property(settings, fc.constantFrom(['3.x', false] as const, ['3.x', true] as const, ['4.0', true] as const), (s, [version, verification]) => {
        // An invalid move throws inside the machine (as Kafka's IllegalStateException), and the run with it.
        const trace = run(s, version, verification);
        const tv = version === '4.0' ? 2 : 1;
        for (const ev of trace.events) {
          if (ev.kind === 'txn.state' && ev.from !== null && ev.from !== ev.to) expect(txnMoveValid(ev.from, ev.to, tv), `${ev.from} → ${ev.to}`).toBe(true);
          // Each recorded move of a Kafka state machine is a transition out of the state it left, not from its region.
          const t = ev.transition;
          const party = t?.party as string | undefined;
          const kafkaMove = t && (((party === 'txn-producer' || party === 'txn-replacement') && t.event.startsWith('manager.')) || (party === 'txn-coordinator' && t.event.startsWith('to.')));
          if (t && kafkaMove && t.event !== 'manager.FATAL_ERROR') expect(t.source.split('.').length, t.source).toBe(3);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('TV2: no late write lands in a later transaction (every write carries the epoch of the transaction it belongs to)', () => {
    fc.assert(
      fc.property(settings, (s) => {
        const trace = run(s, '4.0', false);
        const verdict = checkTrace(trace).transactions!;
        expect(verdict.anomalies.filter((a) => a.kind === 'duplicate-output' || a.kind === 'aborted-visible')).toEqual([]);
        // Each committed record's epoch is the epoch of the COMMIT marker that closed it.
        for (const p of trace.partitions!.filter((x) => x.id.startsWith('output-'))) {
          let open: number[] = [];
          for (const r of p.records) {
            if (r.kind === 'data') open.push(r.epoch);
            else if (r.kind === 'control') {
              if (r.control === 'COMMIT') for (const e of open) expect(r.epoch - e).toBeLessThanOrEqual(1);
              open = [];
            }
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it('the size estimate is an upper bound of real transactional runs with faults', () => {
    fc.assert(
      fc.property(settings, fc.constantFrom('3.x' as const, '4.0' as const), fc.boolean(), (s, version, verification) => {
        const trace = run(s, version, verification);
        expect(trace.events.length).toBeLessThanOrEqual(estimateWork(trace.scenario).events);
      }),
      { numRuns: 150 },
    );
  });

  it('a transactional run too big to simulate is refused before it runs', () => {
    const big = parseScenario({ version: 3, name: 'big', workload: { messages: 200000 }, transactions: {} });
    const small = parseScenario({ version: 3, name: 'small', workload: { messages: 1000 }, transactions: {} });
    if (!big.ok || !small.ok) throw new Error('invalid');
    expect(checkBudget(big.scenario)).toMatchObject({ driver: 'messages' });
    expect(checkBudget(small.scenario)).toBeNull();
  });

  it('TV1 without verification (before 3.6) is where a late write can leak: some fault plans show it', () => {
    // The produce times out (150 ms), the application aborts and crashes; the write arrives after the ABORT marker.
    const leaks = [156, 160, 170].map((delayMs) => {
      const parsed = parseScenario({
        version: 3,
        name: 'leak',
        kafkaVersion: '3.x',
        workload: { messages: 2 },
        transactions: { app: 'produce', 'request.timeout.ms': 150, 'transaction.partition.verification.enable': false },
        faults: { scripted: [{ kind: 'delay-produce', txn: 1, delayMs }, { kind: 'txn-crash', txn: 1, at: 'after-end', downMs: 500 }] },
      });
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      return checkTrace(runSimulation(parsed.scenario)).transactions!.exactlyOnce;
    });
    expect(leaks).toEqual([false, false, false]);
  });
});

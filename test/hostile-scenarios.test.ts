import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { inspectorFor, outcomeFor } from '../src/store/derived';
import { budgetText } from '../src/i18n/budget';
import { describe as narrate } from '../src/i18n/describe';
import { layoutFor } from '../src/features/timeline/layout';
import { checkBudget, estimateWork, MAX_EVENTS, WORK_LIMIT, type WorkDriver } from '../src/sim/budget/estimate-work';
import { Kernel } from '../src/sim/kernel/kernel';
import type { Scenario, ScenarioInput } from '../src/sim/scenario/schema';
import { scenario } from '../src/sim/testing/scenario';
import { checkTrace } from '../src/sim/trace/checker';
import type { Trace, TraceEvent } from '../src/sim/trace/types';
import { answerRun } from '../src/worker/answer-run';
import type { RunReply, RunRequest } from '../src/worker/protocol';
import { createWorkerClient, type WorkerLike } from '../src/worker/sim-client';
import { createTraceIndexer } from '../src/worker/trace-indexes';

/**
 * Hostile but valid scenarios (issue #10, "Must hold"): each one either finishes within a fixed event budget, with the
 * work of the run, of the checker and of the page's indexes in proportion to its events, or is refused up front by
 * the budget estimate with a message that names the cause. Work is counted (events, kernel entries, trace reads),
 * never timed.
 */

type Input = Omit<ScenarioInput, 'version' | 'name'>;

const MAX_INTERVAL = 2 ** 31 - 1;
const restarts = (n: number, everyMs: number) => Array.from({ length: n }, (_, i) => ({ kind: 'producer-restart' as const, atMs: i * everyMs, downMs: 10 }));

/** Accepted by the estimate: each is run, the way the page runs it. */
const ACCEPTED: { name: string; input: Input; check?: (trace: Trace) => void }[] = [
  {
    name: 'two messages 2^31 ms apart, the producer-id expiration checked every millisecond',
    input: { broker: { 'producer.id.expiration.check.interval.ms': 1 }, workload: { messages: 2, intervalMs: MAX_INTERVAL } },
    check: (trace) => expect(trace.endT).toBeGreaterThan(MAX_INTERVAL),
  },
  {
    name: '200 messages 2^31 ms apart (13 years), ids expiring and segments rolling after 1 ms, checked every millisecond',
    input: {
      broker: { 'producer.id.expiration.check.interval.ms': 1, 'producer.id.expiration.ms': 1, 'log.roll.ms': 1 },
      workload: { messages: 200, intervalMs: MAX_INTERVAL },
    },
    check: (trace) => {
      expect(trace.events.filter((e) => e.kind === 'producer.expired').length).toBeGreaterThanOrEqual(199);
      expect(trace.events.filter((e) => e.kind === 'segment.rolled').length).toBeGreaterThanOrEqual(199);
    },
  },
  {
    name: '1,000 messages with 90% of requests lost',
    input: { workload: { messages: 1000 }, faults: { rates: { loseRequest: 0.9 } } },
    check: (trace) => expect(checkTrace(trace).lost).toBeGreaterThan(0),
  },
  {
    // 50,000 at t=0 is the same run, five times longer (a few hundred thousand events); the browser sample runs it.
    name: '10,000 messages all sent at t=0',
    input: { workload: { messages: 10000, intervalMs: 0 } },
    check: (trace) => {
      expect(trace.events.filter((e) => e.kind === 'app.send').every((e) => e.t === 0)).toBe(true);
      const o = checkTrace(trace);
      expect(o).toMatchObject({ sent: 10000, duplicates: 0 });
      expect(o.written + o.lost).toBe(10000);
    },
  },
  {
    name: '10,000 producer restarts',
    input: { workload: { messages: 3, intervalMs: 10 }, faults: { scripted: restarts(10000, 100) } },
    check: (trace) => expect(trace.events.filter((e) => e.kind === 'producer.started').length).toBe(10001),
  },
  {
    name: 'every request lost (3 messages: the delivery timeout ends them)',
    input: { workload: { messages: 3 }, faults: { rates: { loseRequest: 1 } } },
    check: (trace) => expect(checkTrace(trace)).toMatchObject({ lost: 3, written: 0 }),
  },
  {
    name: 'every request lost, with no backoff and a 1 ms request timeout (retries run out)',
    input: {
      producer: { retries: 50, 'retry.backoff.ms': 0, 'retry.backoff.max.ms': 0, 'request.timeout.ms': 1, 'delivery.timeout.ms': 120000 },
      workload: { messages: 20 },
      faults: { rates: { loseRequest: 1 } },
    },
    check: (trace) => expect(checkTrace(trace).written).toBe(0),
  },
];

/** Refused by the estimate, before anything runs: which share of the work it names, and the advice it gives. */
const REFUSED: { name: string; input: Input; driver: WorkDriver; advice: RegExp }[] = [
  {
    name: '200,000 messages with 90% of requests lost',
    input: { workload: { messages: 200000 }, faults: { rates: { loseRequest: 0.9 } } },
    driver: 'fault-rates',
    advice: /Lower the fault rates/,
  },
  {
    name: '200,000 messages with every request lost',
    input: { workload: { messages: 200000 }, faults: { rates: { loseRequest: 1 } } },
    driver: 'fault-rates',
    advice: /Lower the fault rates/,
  },
  {
    name: '1,000 messages with every request lost',
    input: { workload: { messages: 1000 }, faults: { rates: { loseRequest: 1 } } },
    driver: 'fault-rates',
    advice: /Lower the fault rates/,
  },
  {
    name: 'every answer an error, retried with no backoff for ever',
    input: { producer: { 'retry.backoff.ms': 0, 'retry.backoff.max.ms': 0 }, workload: { messages: 200000 }, faults: { rates: { errorReply: 1 } } },
    driver: 'fault-rates',
    advice: /Lower the fault rates/,
  },
  {
    name: '10,000 producer restarts of a producer with 20,000 messages',
    input: { workload: { messages: 20000, intervalMs: 10 }, faults: { scripted: restarts(10000, 100) } },
    driver: 'restarts',
    advice: /Use fewer producer restarts/,
  },
  {
    name: '10,000 producer restarts after 200,000 messages sent at t=0',
    input: { workload: { messages: 200000, intervalMs: 0 }, faults: { scripted: restarts(10000, 1) } },
    driver: 'restarts',
    advice: /Use fewer producer restarts/,
  },
];

/** Counts the kernel's scheduled entries (every timer, delayed event and piece of environment work) of a run. */
let scheduled = 0;
const schedule = Kernel.prototype.schedule;
beforeEach(() => {
  scheduled = 0;
  Kernel.prototype.schedule = function (this: Kernel, ...args: Parameters<Kernel['schedule']>) {
    scheduled++;
    return schedule.apply(this, args);
  };
});
afterEach(() => {
  Kernel.prototype.schedule = schedule;
});

/** A worker that answers at once in this thread (no copies): the page's client and indexes, as in the browser. */
class InlineWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<RunReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(message: RunRequest): void {
    answerRun(message, (reply) => this.onmessage?.({ data: reply } as MessageEvent<RunReply>));
  }
  terminate(): void {}
}

/** Runs a scenario as the page does once the estimate has let it through: worker, pieces, indexes, verdict. */
async function runAsThePage(s: Scenario) {
  const client = createWorkerClient(() => new InlineWorker(), { receive: createTraceIndexer });
  const result = await client.run(s);
  expect(result.runError).toBeNull();
  return result.trace;
}

/** The checker over a trace whose events count every read. */
function checkerReads(trace: Trace): number {
  let reads = 0;
  const events = new Proxy(trace.events, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as TraceEvent[];
  const outcome = checkTrace({ ...trace, events });
  expect(reads).toBeLessThan(4 * trace.events.length + 50 * outcome.anomalies.length + 100);
  return reads;
}

describe('hostile valid scenarios: finished within the event budget', () => {
  test.each(ACCEPTED)('$name', async ({ input, check }) => {
    const s = scenario(input);
    expect(checkBudget(s)).toBeNull();
    const estimate = estimateWork(s).events;
    expect(estimate).toBeLessThanOrEqual(WORK_LIMIT);

    const trace = await runAsThePage(s);
    const n = trace.events.length;
    // Finished, not cut off, and within its estimate (so within the fixed budget).
    expect(trace.truncated).toBe(false);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(estimate);
    expect(n).toBeLessThan(MAX_EVENTS);
    // The kernel's work is in proportion to the events, whatever the virtual time the run spans.
    expect(scheduled).toBeLessThanOrEqual(4 * n + 100);
    // The checker reads each event a few times; the page's verdict, layout and inspector are ready.
    checkerReads(trace);
    expect(outcomeFor(trace)).toEqual(checkTrace(trace));
    expect(layoutFor(trace).arrows.length).toBeGreaterThan(0);
    const inspector = inspectorFor(trace);
    expect(inspector.logLengthAt(n - 1)).toBe(trace.log.length);
    // Every event can be narrated.
    for (const ev of trace.events) expect(narrate(ev, 'en')).not.toBe('');
    check?.(trace);
    // Work is bounded by the counts above; the time limit is only a guard for a machine that is busy elsewhere.
  }, 180_000);
});

describe('hostile valid scenarios: refused up front, naming the cause', () => {
  test.each(REFUSED)('$name', ({ input, driver, advice }) => {
    const s = scenario(input);
    const refusal = checkBudget(s);
    expect(refusal).not.toBeNull();
    expect(refusal!.driver).toBe(driver);
    expect(refusal!.estimate).toBeGreaterThan(WORK_LIMIT);
    const en = budgetText('en', refusal!);
    expect(en).toMatch(/^This scenario is too big to simulate: it would take about [\d,]+ events, more than the limit of 2,000,000\./);
    expect(en).toMatch(advice);
    expect(budgetText('zh', refusal!)).not.toBe(en);
    // Nothing was simulated to find out.
    expect(scheduled).toBe(0);
  });

  test('the largest workloads the format allows are accepted when nothing fails, with idle gaps too', () => {
    for (const input of [
      { workload: { messages: 50000, intervalMs: 0 } },
      { workload: { messages: 200000, intervalMs: 0 } },
      { workload: { messages: 200000 } },
      { broker: { 'producer.id.expiration.check.interval.ms': 1, 'producer.id.expiration.ms': 1, 'log.roll.ms': 1 }, workload: { messages: 200000, intervalMs: MAX_INTERVAL } },
    ]) {
      const s = scenario(input);
      expect(checkBudget(s)).toBeNull();
      // Eight events a message at most: well inside the run's cap.
      expect(estimateWork(s).events).toBeLessThanOrEqual(8 * 200000 + 10);
    }
  });
});

describe('hostile valid scenarios in the headless runner (npm run sim): a real process', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  /** Runs `npm run sim`'s script; the runs of a test start together (each is a process of its own). */
  const sim = (file: string, ...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      execFile(tsx, ['scripts/sim.ts', file, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
        done({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
    });
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, input: Input) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ version: 1, name, ...input }));
    return file;
  };

  test('refused ones exit 2 with the cause and what to change on stderr, nothing on stdout; accepted ones exit 0 with the whole report', async () => {
    const refused = [REFUSED[0]!, REFUSED[4]!];
    const [lossy, restarted, gaps, manyRestarts] = await Promise.all([
      sim(write('lossy.json', refused[0]!.input), '--json'),
      sim(write('restarts-refused.json', refused[1]!.input)),
      sim(write('gaps.json', ACCEPTED[1]!.input), '--json'),
      sim(write('restarts.json', { workload: { messages: 3, intervalMs: 10 }, faults: { scripted: restarts(1000, 100) } })),
    ]);
    for (const [r, c] of [
      [lossy!, refused[0]!],
      [restarted!, refused[1]!],
    ] as const) {
      expect(r.status, c.name).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: This scenario is too big to simulate: it would take about [\d,]+ events, more than the limit of 2,000,000\./);
      expect(r.stderr).toMatch(c.advice);
    }

    expect(gaps!.status, gaps!.stderr).toBe(0);
    expect(gaps!.stderr).toBe('');
    const doc = JSON.parse(gaps!.stdout) as { events: { kind: string }[]; outcome: { sent: number; exactlyOnce: boolean } };
    expect(doc.outcome).toMatchObject({ sent: 200, exactlyOnce: true });
    expect(doc.events.filter((e) => e.kind === 'producer.expired').length).toBeGreaterThanOrEqual(199);

    expect(manyRestarts!.status, manyRestarts!.stderr).toBe(0);
    expect(manyRestarts!.stdout).toMatch(/^Verdict: duplicates \d+ · lost \d+ · reordered \d+ · exactly-once (yes|no)$/m);
    expect(manyRestarts!.stdout.split('\n').filter((l) => l.startsWith('t=')).length).toBeGreaterThan(2000);
  }, 180_000);
});

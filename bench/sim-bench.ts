import { runSimulation } from '../src/sim/run-simulation';
import { parseScenario } from '../src/sim/scenario/parse';
import type { Scenario } from '../src/sim/scenario/schema';

export interface SimBenchOptions {
  messages: number;
  lossRate: number;
  runs: number;
}

export interface SimBenchResult {
  simEventsPerSec: number;
  simMessagesPerSec: number;
  events: number;
  medianMs: number;
}

/** The benchmark's scenario: idempotence on, 5 in flight, requests and responses lost at the given rate. */
export function benchScenario(messages: number, lossRate: number, seed = 42): Scenario {
  const parsed = parseScenario({
    version: 1,
    name: 'benchmark',
    seed,
    producer: { 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 5, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 600000 },
    workload: { messages, intervalMs: 1 },
    faults: { rates: { loseRequest: lossRate, loseResponse: lossRate } },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.scenario;
}

/**
 * The same run with the consumer side: one group member reading the log the producer wrote, committing after each
 * batch (commitSync), writing each message's effect to the database with its id in the same transaction (inbox).
 */
export function benchScenarioEndToEnd(messages: number, lossRate: number, seed = 42): Scenario {
  const base = benchScenario(messages, lossRate, seed);
  const parsed = parseScenario({
    ...base,
    version: 2,
    consumer: { 'auto.offset.reset': 'earliest', 'max.poll.records': 500, commit: { strategy: 'after-processing', mode: 'sync' } },
    dedup: { strategy: 'same-transaction' },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.scenario;
}

/**
 * A transactional run of as many records: the upstream producer writes them to the input topic (one per ms), and the
 * consume-transform-produce application reads up to ten at a time and writes them to two output partitions, with
 * its offsets, in one transaction each (transaction version 2); a read_committed and a read_uncommitted reader. The
 * loss rate does not apply (a transactional run's link is loss-free).
 */
export function benchScenarioTransactional(messages: number, _lossRate: number, seed = 42): Scenario {
  const parsed = parseScenario({
    version: 3,
    name: 'benchmark (transactions)',
    seed,
    workload: { messages, intervalMs: 1 },
    transactions: { 'records.per.transaction': 10 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.scenario;
}

/** Whole simulations (kernel + XState actors + trace), timed end to end; the median run is reported. */
export function runSimBench(o: SimBenchOptions, scenarioOf: (messages: number, lossRate: number, seed?: number) => Scenario = benchScenario): SimBenchResult {
  const scenario = scenarioOf(o.messages, o.lossRate);
  runSimulation(scenarioOf(Math.min(o.messages, 2000), o.lossRate, 7)); // warm-up
  const times: number[] = [];
  let events = 0;
  for (let i = 0; i < o.runs; i++) {
    const t0 = performance.now();
    const trace = runSimulation(scenario);
    times.push(performance.now() - t0);
    events = trace.events.length;
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)]!;
  return {
    simEventsPerSec: Math.round(events / (medianMs / 1000)),
    simMessagesPerSec: Math.round(o.messages / (medianMs / 1000)),
    events,
    medianMs: Math.round(medianMs * 10) / 10,
  };
}

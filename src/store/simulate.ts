import { runSimulation } from '../sim/run-simulation';
import type { Scenario } from '../sim/scenario/schema';
import type { Trace } from '../sim/trace/types';
import { emptyTrace, type RunResult, type SimClient } from '../worker/sim-client';

/** Runs the simulation on this thread; a crash in the core becomes a message instead of a blank page. */
export function simulateNow(scenario: Scenario): RunResult {
  try {
    return { trace: runSimulation(scenario), runError: null };
  } catch (e) {
    return { trace: emptyTrace(scenario), runError: e instanceof Error ? e.message : String(e) };
  }
}

/** Where there is no worker (tests, jsdom): runs on the main thread and answers at once. */
export const mainThreadClient: SimClient = { run: simulateNow, cancel() {} };

/** Runs the simulation with `client` (the page's worker) and resolves with the result. */
export function simulate(scenario: Scenario, client: SimClient): Promise<RunResult> {
  try {
    return Promise.resolve(client.run(scenario));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

export function clampCursor(i: number, trace: Trace): number {
  const last = Math.max(0, trace.events.length - 1);
  if (!Number.isFinite(i)) return 0;
  return Math.max(0, Math.min(last, Math.floor(i)));
}

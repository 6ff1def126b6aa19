import { runSimulation } from '../sim/run-simulation';
import type { Scenario } from '../sim/scenario/schema';
import { emptyTrace, type RunResult, type SimClient } from '../worker/sim-client';

/** Runs the simulation on this thread; a crash in the core becomes a message instead of a blank page. */
export function simulateNow(scenario: Scenario): RunResult {
  try {
    return { trace: runSimulation(scenario), runError: null };
  } catch (e) {
    return { trace: emptyTrace(scenario), runError: e instanceof Error ? e.message : String(e) };
  }
}

/** Where there is no worker (tests, jsdom, tools): runs on this thread and answers at once. */
export const mainThreadClient: SimClient = { run: simulateNow, cancel() {} };

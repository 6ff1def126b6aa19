import type { Scenario } from '../sim/scenario/schema';
import type { Trace } from '../sim/trace/types';
import type { RunResult, SimClient } from '../worker/sim-client';

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

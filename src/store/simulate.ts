import { runSimulation } from '../sim/run-simulation';
import type { Scenario } from '../sim/scenario/schema';
import type { Trace } from '../sim/trace/types';
import type { TraceSlice } from './lab-state';

/** Runs the simulation for new inputs; a crash in the core becomes a message instead of a blank page. */
export function simulate(scenario: Scenario): TraceSlice {
  try {
    return { trace: runSimulation(scenario), runError: null };
  } catch (e) {
    const empty: Trace = { version: 1, scenario, events: [], log: [], configError: null, endT: 0, truncated: false };
    return { trace: empty, runError: e instanceof Error ? e.message : String(e) };
  }
}

export function clampCursor(i: number, trace: Trace): number {
  const last = Math.max(0, trace.events.length - 1);
  if (!Number.isFinite(i)) return 0;
  return Math.max(0, Math.min(last, Math.floor(i)));
}

import type { Scenario } from './scenario/schema';
import type { Trace } from './trace/types';

export interface RunOptions {
  /** Safety limit: the run stops (and is marked truncated) after this many trace events. */
  maxEvents?: number;
}

/** Placeholder until the kernel lands: an empty run. */
export function runSimulation(scenario: Scenario, _options: RunOptions = {}): Trace {
  return { version: 1, scenario, events: [], log: [], configError: null, endT: 0, truncated: false };
}

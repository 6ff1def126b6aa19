import type { Scenario } from '../sim/scenario/schema';
import type { Outcome } from '../sim/trace/outcome-types';
import type { Trace, TraceEvent } from '../sim/trace/types';

/** Main thread → worker: run this scenario. */
export interface RunRequest {
  id: number;
  scenario: Scenario;
}

/**
 * Worker → main thread. A long trace comes back in pieces (`chunk` messages, then `done` with the rest of the
 * trace), so that no single message takes the main thread long to receive, and the page can index each piece as
 * it arrives. `done` also carries the checker's verdict, computed in the worker.
 */
export type RunReply =
  /** `total`: how many events the whole trace has. */
  | { id: number; type: 'chunk'; events: TraceEvent[]; total: number }
  /** The trace, whose `events` are the last piece (appended after every earlier chunk). */
  | { id: number; type: 'done'; trace: Trace; outcome: Outcome }
  | { id: number; type: 'error'; message: string };

/** Events per message: small enough that receiving and indexing one costs the main thread a few milliseconds. */
export const CHUNK_EVENTS = 2000;

import type { Scenario } from '../sim/scenario/schema';
import type { Outcome } from '../sim/trace/outcome-types';
import type { Trace, TraceEvent } from '../sim/trace/types';
import type { RunReply, RunRequest } from './protocol';

/** A run's result: its trace, plus the message if the simulation itself threw (the trace is then empty). */
export interface RunResult {
  trace: Trace;
  runError: string | null;
}

/** Something that runs simulations: a worker, or (where there is none) the main thread. */
export interface SimClient {
  /** A result now (main thread) or later (worker). */
  run(scenario: Scenario): RunResult | Promise<RunResult>;
  /** Stops every run in progress; their promises reject with a `RunCancelled`. */
  cancel(): void;
}

/** Why a run's promise rejected: it was cancelled. */
export class RunCancelled extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'RunCancelled';
  }
}

/** The part of a Worker the client uses (a test passes a fake). */
export interface WorkerLike {
  postMessage(message: RunRequest): void;
  onmessage: ((e: MessageEvent<RunReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export function emptyTrace(scenario: Scenario): Trace {
  return { version: 1, scenario, events: [], log: [], configError: null, endT: 0, truncated: false };
}

/**
 * Reads one run's trace as it arrives from the worker: every piece of events in order, then the whole trace and
 * the worker's verdict. The page indexes the trace here, a piece per message, so that no single task does it all.
 */
export interface TraceReceiver {
  /** The next `events` of a trace that will have `total` events. */
  events(events: readonly TraceEvent[], total: number): void;
  /** The whole trace (its events are exactly those received), before it is handed to the store. */
  done(trace: Trace, outcome: Outcome): void;
}

export interface WorkerClientOptions {
  /** A receiver for each run (the page's indexes); by default the trace is only put together. */
  receive?: () => TraceReceiver;
}

interface Pending {
  scenario: Scenario;
  events: TraceEvent[];
  receiver: TraceReceiver | null;
  resolve(r: RunResult): void;
  reject(e: Error): void;
}

/**
 * Runs simulations in a worker, one request at a time in the order they were made. The trace comes back in
 * pieces and is put together here. `cancel` terminates the worker (a simulation cannot be interrupted from
 * outside) and the next run starts a fresh one.
 */
export function createWorkerClient(create: () => WorkerLike, options: WorkerClientOptions = {}): SimClient {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (e: Error) => {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(e);
  };

  const onmessage = (e: MessageEvent<RunReply>) => {
    const reply = e.data;
    const p = pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'chunk') {
      for (const ev of reply.events) p.events.push(ev);
      try {
        p.receiver?.events(reply.events, reply.total);
      } catch {
        // Indexes that could not be built as the trace arrived are built when they are first needed.
        p.receiver = null;
      }
      return;
    }
    pending.delete(reply.id);
    if (reply.type === 'error') {
      p.resolve({ trace: emptyTrace(p.scenario), runError: reply.message });
      return;
    }
    const events = p.events.length === 0 ? reply.trace.events : p.events;
    if (events !== reply.trace.events) for (const ev of reply.trace.events) events.push(ev);
    const trace = { ...reply.trace, events };
    if (p.receiver) {
      try {
        p.receiver.events(reply.trace.events, events.length);
        p.receiver.done(trace, reply.outcome);
      } catch {
        // As above: built when first needed.
      }
    }
    p.resolve({ trace, runError: null });
  };

  const stop = () => {
    if (!worker) return;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    worker = null;
  };

  const ensure = (): WorkerLike => {
    if (worker) return worker;
    const w = create();
    w.onmessage = onmessage;
    w.onerror = (e) => {
      // The worker itself failed (it could not load, or ran out of memory): every run in it is lost.
      e.preventDefault?.();
      stop();
      failAll(new Error(e.message || 'The simulation worker stopped.'));
    };
    worker = w;
    return w;
  };

  return {
    run(scenario) {
      return new Promise<RunResult>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { scenario, events: [], receiver: options.receive?.() ?? null, resolve, reject });
        try {
          ensure().postMessage({ id, scenario });
        } catch (e) {
          pending.delete(id);
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
    cancel() {
      stop();
      failAll(new RunCancelled());
    },
  };
}

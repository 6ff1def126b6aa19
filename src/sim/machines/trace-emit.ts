import type { AnyActorRef } from 'xstate';
import type { LifecycleParty, LogRecord } from '../trace/types';
import type { TraceEventInput } from './effects';

/**
 * How a party's trace records leave it: one emitted event per step, carrying the records in the order the step
 * made them. The simulation listens with `actor.on('trace', …)` and stamps time, index and every party's state.
 */
export interface TraceEmitted {
  type: 'trace';
  /** The event whose transition made these records. */
  cause: { type: string };
  /** Events the same step raised for the party's own regions, in order (they move its state). */
  facts?: string[];
  /**
   * When the step raised several facts: how many of `facts` had been raised by the time of these records (those up
   * to the next record), so they can be stamped with the state they describe and the transition that led there (a
   * fence's PrepareEpochFence, passed through on the way to PrepareAbort). Absent: all of them.
   */
  factsThrough?: number;
  records: TraceEventInput[];
  /** Records the last of `records` wrote to the partition log. */
  log?: Omit<LogRecord, 'event'>[];
}

/**
 * A party started a child actor for one thing with a life of its own (a producer's batch, a producer id at the
 * broker); the trace follows its states from here on.
 */
export interface ChildStarted {
  type: 'child.started';
  party: LifecycleParty;
  id: number;
  /** The child's actor, once its start has run. */
  ref: () => AnyActorRef | undefined;
}

type AnyEvent = { type: string } & Record<string, unknown>;

/** The part of XState's `enqueue` a step's effects are turned into (typed loosely: each machine has its own events). */
export interface Enqueue {
  /** A custom action, run in order with the others. */
  (action: (args: { self: AnyActorRef }) => void): void;
  emit(event: TraceEmitted | ChildStarted): void;
  raise(event: AnyEvent, options?: { delay?: number; id?: string }): void;
  cancel(id: string): void;
  sendTo(to: AnyActorRef | string | (() => AnyActorRef), event: AnyEvent, options?: { delay?: number; id?: string }): void;
  spawnChild(src: string, options: { id: string }): void;
}

/** Collects consecutive trace records into one emitted event, flushed before any other action keeps their order. */
class RecordBatch {
  private records: TraceEventInput[] = [];
  private log: Omit<LogRecord, 'event'>[] | undefined;
  constructor(
    private readonly enqueue: Enqueue,
    private readonly cause: { type: string },
    private readonly facts?: string[],
  ) {}
  add(ev: TraceEventInput): void {
    if (this.log) this.flush();
    this.records.push(ev);
  }
  /** Log records written by the record added last. */
  append(log: Omit<LogRecord, 'event'>[]): void {
    this.log = this.log ? [...this.log, ...log] : log;
  }
  /** Sends the records collected so far; `factsThrough` facts had been raised by the next record (all: undefined). */
  flush(factsThrough?: number): void {
    if (this.records.length === 0) return;
    const { records, cause, facts, log } = this;
    const e: TraceEmitted = { type: 'trace', cause, records };
    if (facts) e.facts = facts;
    // With one fact there is nothing in between: the step's own stamp and transition are the records'.
    if (facts && factsThrough !== undefined && facts.length > 1) e.factsThrough = factsThrough;
    if (log) e.log = log;
    this.enqueue.emit(e);
    this.records = [];
    this.log = undefined;
  }
}

/** Effects every party has: trace records and log appends, its own delayed events, and withdrawing them. */
type CommonEffect =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'append'; records: Omit<LogRecord, 'event'>[] }
  | { type: 'timer'; delayMs: number; event: { type: string }; id?: string }
  | { type: 'cancel'; id: string };

/** How many facts a step has raised by its next record after effect `i` (or by its end). */
function factsBeforeNextRecord(out: readonly { type: string }[], i: number): number {
  let n = 0;
  for (let j = 0; j < out.length; j++) {
    if (j > i && out[j]!.type === 'record') break;
    if (out[j]!.type === 'fact') n++;
  }
  return n;
}

/**
 * Turns a step's effects into XState actions, in the order the step made them: records are emitted (consecutive ones
 * in one event), timers become delayed `raise`s with their ids, withdrawals `cancel`s; the party's own kinds of
 * effect (packets, facts) go to `other`, which turns them into `sendTo`s or `raise`s.
 */
export function enact<F extends { type: string }>(
  out: readonly F[],
  cause: { type: string },
  enqueue: Enqueue,
  other: (fx: Exclude<F, CommonEffect>) => void,
  facts?: string[],
  /** Records made before later facts of their step are stamped with the state they describe (`factsThrough`). */
  stampMidStep = false,
): void {
  const records = new RecordBatch(enqueue, cause, facts);
  for (let i = 0; i < out.length; i++) {
    const effect = out[i]!;
    const fx = effect as unknown as CommonEffect;
    if (fx.type === 'record') records.add(fx.ev);
    else if (fx.type === 'append') records.append(fx.records);
    else {
      records.flush(facts && stampMidStep ? factsBeforeNextRecord(out, i) : undefined);
      if (fx.type === 'timer') enqueue.raise(fx.event as AnyEvent, fx.id === undefined ? { delay: fx.delayMs } : { delay: fx.delayMs, id: fx.id });
      else if (fx.type === 'cancel') enqueue.cancel(fx.id);
      else other(effect as Exclude<F, CommonEffect>);
    }
  }
  records.flush();
}

import type { LogRecord, TraceEvent } from '../trace/types';
import { Scheduler } from './scheduler';

/**
 * XState's clock with virtual time: what `createActor(machine, { clock })` uses to run delayed events (`after`,
 * `raise`/`sendTo` with a `delay`, withdrawn with `cancel`). `now` is the virtual time in ms.
 */
export interface SimClock {
  readonly now: number;
  setTimeout(fn: (...args: unknown[]) => void, delayMs: number): unknown; // ok: virtual time (XState's Clock)
  clearTimeout(handle: unknown): void;
}

interface Entry {
  run: () => void;
  background: boolean;
  cancelled: boolean;
}

/**
 * Owns virtual time and the trace. Work is queued as (time, insertion order) and is either a delayed event of the
 * actor system (the kernel is XState's clock) or work of the simulation's environment (the workload, scripted
 * restarts, periodic broker housekeeping). Background work never keeps a run alive on its own.
 */
export class Kernel implements SimClock {
  private queue = new Scheduler<Entry>();
  private foreground = 0;
  now = 0;
  readonly events: TraceEvent[] = [];
  readonly log: LogRecord[] = [];

  /** Queues work at virtual time `t` (never in the past); returns a handle for `clearTimeout`. */
  schedule(t: number, run: () => void, background = false): Entry {
    if (!background) this.foreground++;
    const entry: Entry = { run, background, cancelled: false };
    this.queue.push(Math.max(t, this.now), entry);
    return entry;
  }

  /** XState's clock: a delayed event fires `delayMs` of virtual time from now. */
  setTimeout(fn: (...args: unknown[]) => void, delayMs: number): unknown { // ok: virtual time, no real timer
    return this.schedule(this.now + delayMs, fn as () => void);
  }

  /** XState's clock: withdraws a delayed event that has not fired (a fired or unknown handle is ignored). */
  clearTimeout(handle: unknown): void {
    const entry = handle as Entry | undefined;
    if (!entry || entry.cancelled) return;
    entry.cancelled = true;
    if (!entry.background) this.foreground--;
  }

  /**
   * Runs the next piece of work with the clock moved to its time. Returns false once only background work (or
   * nothing) is left.
   */
  step(): boolean {
    for (;;) {
      if (this.foreground === 0) return false;
      const top = this.queue.pop();
      if (!top) return false;
      const entry = top.item;
      if (entry.cancelled) continue;
      // Marked so that a late clearTimeout (XState cancels timers that already fired) changes nothing.
      entry.cancelled = true;
      if (!entry.background) this.foreground--;
      this.now = top.t;
      entry.run();
      return true;
    }
  }

  /** Stamps index and time on an event the kernel now owns (assigned, not spread: this is the hot path). */
  record(ev: Omit<TraceEvent, 'i' | 't'>): TraceEvent {
    const full = ev as TraceEvent;
    full.i = this.events.length;
    full.t = this.now;
    this.events.push(full);
    return full;
  }

  /** Adds records to the partition log, written by the trace event recorded last. */
  append(records: readonly Omit<LogRecord, 'event'>[]): void {
    const event = this.events.length - 1;
    for (const r of records) {
      const full = r as LogRecord;
      full.event = event;
      this.log.push(full);
    }
  }
}

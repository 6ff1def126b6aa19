import type { TraceEventInput } from '../machines/effects';
import type { LogRecord, TraceEvent } from '../trace/types';
import { Scheduler } from './scheduler';

/**
 * Owns virtual time and the trace. Work is queued as (time, insertion order); background work (periodic broker
 * housekeeping) never keeps a run alive on its own.
 */
interface Entry<Item> {
  item: Item;
  background: boolean;
  cancelled: boolean;
  key: number | undefined;
}

export class Kernel<Item> {
  private queue = new Scheduler<Entry<Item>>();
  private foreground = 0;
  /** Timers that may be cancelled, by key. */
  private timers = new Map<number, Entry<Item>>();
  now = 0;
  readonly events: TraceEvent[] = [];
  readonly log: LogRecord[] = [];

  /** Queues an item; with a key it is a timer that `cancel(key)` can withdraw before it fires. */
  schedule(t: number, item: Item, background = false, key?: number): void {
    if (!background) this.foreground++;
    const entry = { item, background, cancelled: false, key };
    if (key !== undefined) this.timers.set(key, entry);
    this.queue.push(Math.max(t, this.now), entry);
  }

  /** Withdraws a timer that has not fired; returns false if there was none (it fired, or never existed). */
  cancel(key: number): boolean {
    const entry = this.timers.get(key);
    if (!entry) return false;
    this.timers.delete(key);
    entry.cancelled = true;
    if (!entry.background) this.foreground--;
    return true;
  }

  /** The next item, with the clock moved to its time; undefined once only background work is left. */
  next(): Item | undefined {
    for (;;) {
      if (this.foreground === 0) return undefined;
      const top = this.queue.pop();
      if (!top) return undefined;
      if (top.item.cancelled) continue;
      if (top.item.key !== undefined) this.timers.delete(top.item.key);
      if (!top.item.background) this.foreground--;
      this.now = top.t;
      return top.item.item;
    }
  }

  /** Stamps index and time on an event the kernel now owns (assigned, not spread: this is the hot path). */
  record(ev: TraceEventInput): TraceEvent {
    const full = ev as TraceEvent;
    full.i = this.events.length;
    full.t = this.now;
    this.events.push(full);
    return full;
  }

  append(records: readonly Omit<LogRecord, 'event'>[]): void {
    const event = this.events.length - 1;
    for (const r of records) {
      const full = r as LogRecord;
      full.event = event;
      this.log.push(full);
    }
  }
}

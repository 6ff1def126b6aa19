import type { TraceEventInput } from '../machines/effects';
import type { LogRecord, TraceEvent } from '../trace/types';
import { Scheduler } from './scheduler';

/**
 * Owns virtual time and the trace. Work is queued as (time, insertion order); background work (periodic broker
 * housekeeping) never keeps a run alive on its own.
 */
export class Kernel<Item> {
  private queue = new Scheduler<{ item: Item; background: boolean }>();
  private foreground = 0;
  now = 0;
  readonly events: TraceEvent[] = [];
  readonly log: LogRecord[] = [];

  schedule(t: number, item: Item, background = false): void {
    if (!background) this.foreground++;
    this.queue.push(Math.max(t, this.now), { item, background });
  }

  /** The next item, with the clock moved to its time; undefined once only background work is left. */
  next(): Item | undefined {
    if (this.foreground === 0) return undefined;
    const top = this.queue.pop();
    if (!top) return undefined;
    if (!top.item.background) this.foreground--;
    this.now = top.t;
    return top.item.item;
  }

  record(ev: TraceEventInput): TraceEvent {
    const full = { ...ev, i: this.events.length, t: this.now } as TraceEvent;
    this.events.push(full);
    return full;
  }

  append(records: readonly Omit<LogRecord, 'event'>[]): void {
    const event = this.events.length - 1;
    for (const r of records) this.log.push({ ...r, event });
  }
}

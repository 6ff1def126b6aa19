import type { AnyActorRef, EventObject } from 'xstate';
import type { SimClock } from './kernel';

type Relay = (source: AnyActorRef, target: AnyActorRef, event: EventObject) => void;

/** A delayed event waiting in the kernel's queue, under its key in its sender's table. */
interface Pending {
  handle: unknown;
  table: Map<string | number, Pending>;
  key: string | number;
  source: AnyActorRef;
  target: AnyActorRef;
  event: EventObject;
}

/**
 * The book-keeping of an actor system's delayed events (`raise`/`sendTo` with a `delay`, `after`, `cancel`), kept by
 * sender: XState's own `system.scheduler` keeps them in one object keyed by `${sessionId}.${id}` strings, with a
 * random id for each event sent without one and a `Date.now()` stamp, and an actor that stops looks through every
 * delayed event of the system. This one keeps the same behaviour (the same timers, set and withdrawn at the same
 * moments on the same clock, fired in the kernel's order; a second event under an id still pending replaces it in
 * the table the way XState's does) with one table per sender and a counter for events without an id.
 */
export function keepDelayedEventsBySender(system: AnyActorRef['system'], clock: SimClock): void {
  const relay = (system as unknown as { _relay?: Relay })._relay;
  if (typeof relay !== 'function') throw new Error('XState actor system without _relay: the delayed-event table needs updating');
  const tables = new Map<AnyActorRef, Map<string | number, Pending>>();
  let anonymous = 0;
  const fire = (p: Pending) => {
    p.table.delete(p.key);
    relay(p.source, p.target, p.event);
  };
  const scheduler = system.scheduler;
  scheduler.schedule = (source, target, event, delay, id) => {
    let table = tables.get(source);
    if (!table) tables.set(source, (table = new Map()));
    const key = id ?? anonymous++;
    const p: Pending = { handle: undefined, table, key, source, target, event };
    table.set(key, p);
    p.handle = clock.setTimeout(() => fire(p), delay);
  };
  scheduler.cancel = (source, id) => {
    const table = tables.get(source);
    const p = table?.get(id);
    if (!table || !p) return;
    table.delete(id);
    clock.clearTimeout(p.handle);
  };
  scheduler.cancelAll = (source) => {
    const table = tables.get(source);
    if (!table) return;
    tables.delete(source);
    for (const p of table.values()) clock.clearTimeout(p.handle);
  };
}

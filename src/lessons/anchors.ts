import type { Trace, TraceEvent, TraceEventKind, EventOf } from '../sim/trace/types';
import type { Anchor } from './types';

/** Anchors are predicates over the trace, never fixed indexes, so lessons survive changes to the simulation. */
export function first<K extends TraceEventKind>(kind: K, where: (e: EventOf<K>) => boolean = () => true): Anchor {
  return (trace) => trace.events.find((e): e is EventOf<K> => e.kind === kind && where(e as EventOf<K>))?.i ?? -1;
}

/** The n-th (1-based) event of a kind matching the predicate. */
export function nth<K extends TraceEventKind>(n: number, kind: K, where: (e: EventOf<K>) => boolean = () => true): Anchor {
  return (trace) => {
    let seen = 0;
    for (const e of trace.events) {
      if (e.kind === kind && where(e as EventOf<K>) && ++seen === n) return e.i;
    }
    return -1;
  };
}

/** The last event of a kind matching the predicate. */
export function last<K extends TraceEventKind>(kind: K, where: (e: EventOf<K>) => boolean = () => true): Anchor {
  return (trace) => {
    for (let k = trace.events.length - 1; k >= 0; k--) {
      const e = trace.events[k]!;
      if (e.kind === kind && where(e as EventOf<K>)) return e.i;
    }
    return -1;
  };
}

/** The last event of the run (the final log is complete there). */
export const end: Anchor = (trace) => trace.events.length - 1;

/** Does a request-carrying event carry this message on this attempt? */
export const about =
  (message: number, attempt?: number) =>
  (e: TraceEvent): boolean =>
    'messages' in e && e.messages.includes(message) && (attempt === undefined || ('attempt' in e && e.attempt === attempt));

export function resolveAnchor(anchor: Anchor, trace: Trace): number {
  const i = anchor(trace);
  return Number.isInteger(i) && i >= 0 && i < trace.events.length ? i : -1;
}

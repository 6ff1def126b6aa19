import type { EventOf, RequestRef, TraceEventKind } from '../trace/types';
import type { TraceEventInput } from './effects';

type RefKind = { [K in TraceEventKind]: EventOf<K> extends RequestRef ? K : never }[TraceEventKind];
type Extra<K extends RefKind> = Omit<EventOf<K>, keyof RequestRef | 'kind' | 'lane' | 'i' | 't' | 'producer' | 'broker'>;

/**
 * A trace event about one request: its kind and lane, the request's identity, then the kind's own fields, in that
 * order. Written out field by field because object spread is slow on Node 20 and half of all events are built here.
 */
export function refEvent<K extends RefKind>(kind: K, lane: EventOf<K>['lane'], r: RequestRef, extra: Extra<K>): TraceEventInput {
  const ev: Record<string, unknown> = {
    kind,
    lane,
    req: r.req,
    batch: r.batch,
    messages: r.messages,
    attempt: r.attempt,
    instance: r.instance,
    pid: r.pid,
    epoch: r.epoch,
    baseSeq: r.baseSeq,
    lastSeq: r.lastSeq,
    connection: r.connection,
  };
  for (const key in extra) ev[key] = extra[key as keyof typeof extra];
  return ev as unknown as TraceEventInput;
}

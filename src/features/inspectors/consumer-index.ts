import type { ConsumerMemberId, ConsumerSnapshot, CoordinatorSnapshot, DatabaseSnapshot, Trace } from '../../sim/trace/types';

/** O(1) lookups of the consumer side's snapshots at any cursor position: what the consumer and database inspectors show. */
export interface ConsumerInspector {
  /** The group members the run has, in order. */
  members: ConsumerMemberId[];
  /** A member's state after event `i` (null before it started). */
  memberAt(member: ConsumerMemberId, i: number): ConsumerSnapshot | null;
  coordinatorAt(i: number): CoordinatorSnapshot | null;
  databaseAt(i: number): DatabaseSnapshot | null;
}

const MEMBERS: readonly ConsumerMemberId[] = ['consumer-1', 'consumer-2'];

/** Built in one pass over the trace: per event, the last event that carried each snapshot. Reads the trace only. */
export function createConsumerInspector(trace: Trace): ConsumerInspector {
  const n = trace.events.length;
  const last = { 'consumer-1': new Int32Array(n), 'consumer-2': new Int32Array(n), coordinator: new Int32Array(n), database: new Int32Array(n) };
  const at = { 'consumer-1': -1, 'consumer-2': -1, coordinator: -1, database: -1 };
  const seen = new Set<ConsumerMemberId>();
  for (let i = 0; i < n; i++) {
    const ev = trace.events[i]!;
    if (ev.consumer) {
      at[ev.consumer.member] = i;
      seen.add(ev.consumer.member);
    }
    if (ev.coordinator) at.coordinator = i;
    if (ev.database) at.database = i;
    last['consumer-1'][i] = at['consumer-1'];
    last['consumer-2'][i] = at['consumer-2'];
    last.coordinator[i] = at.coordinator;
    last.database[i] = at.database;
  }
  const lookup = (arr: Int32Array, i: number) => {
    const c = Math.min(n - 1, Math.floor(i));
    return c < 0 ? -1 : arr[c]!;
  };
  return {
    members: MEMBERS.filter((m) => seen.has(m)),
    memberAt(member, i) {
      const k = lookup(last[member], i);
      return k < 0 ? null : (trace.events[k]!.consumer ?? null);
    },
    coordinatorAt(i) {
      const k = lookup(last.coordinator, i);
      return k < 0 ? null : (trace.events[k]!.coordinator ?? null);
    },
    databaseAt(i) {
      const k = lookup(last.database, i);
      return k < 0 ? null : (trace.events[k]!.database ?? null);
    },
  };
}

const cache = new WeakMap<Trace, ConsumerInspector>();

/** The consumer inspector of a trace, built once while the trace lives. */
export function consumerInspectorFor(trace: Trace): ConsumerInspector {
  let c = cache.get(trace);
  if (!c) {
    c = createConsumerInspector(trace);
    cache.set(trace, c);
  }
  return c;
}

/** A state value as text, along its nesting: `running › group: stable; work: idle`. */
export function stateText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const inner = stateText(v);
      return inner ? `${k} › ${inner}` : k;
    })
    .join('; ');
}

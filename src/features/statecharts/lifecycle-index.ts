import { countAtOrBelow } from '../../sim/trace/sorted';
import type { LifecycleMove, LifecycleParty, Trace } from '../../sim/trace/types';

interface Track {
  /** Steps at which the child moved (its first is its start), ascending. */
  steps: number[];
  moves: LifecycleMove[];
}

/**
 * The batches' and producer ids' lives, from the moves the trace records: for each child, the steps at which it
 * moved. Built once per trace in one pass (O(n)); every lookup is a binary search (O(log n)).
 */
export interface LifecycleIndex {
  /** Ids of the last `limit` children of this kind that started at or before `cursor`, in the order they started. */
  startedBy(party: LifecycleParty, cursor: number, limit: number): number[];
  /** The child's last move at or before `cursor` (its state is that move's target), or null before it started. */
  at(party: LifecycleParty, id: number, cursor: number): LifecycleMove | null;
  /** The first step after `cursor` at which the child entered `nodeId`, or -1. */
  next(party: LifecycleParty, id: number, nodeId: string, cursor: number): number;
}

/** The last index in an ascending list whose value is ≤ x, or -1. */
const lastAtOrBefore = (list: readonly number[], x: number): number => countAtOrBelow(list, x) - 1;

export function buildLifecycleIndex(trace: Trace): LifecycleIndex {
  const tracks = new Map<string, Track>();
  const started: Record<LifecycleParty, { ids: number[]; steps: number[] }> = { batch: { ids: [], steps: [] }, producerId: { ids: [], steps: [] }, message: { ids: [], steps: [] } };
  const key = (party: LifecycleParty, id: number) => `${party} ${id}`;
  for (const ev of trace.events) {
    for (const m of ev.moves ?? []) {
      const k = key(m.party, m.id);
      let track = tracks.get(k);
      if (!track) {
        tracks.set(k, (track = { steps: [], moves: [] }));
        started[m.party].ids.push(m.id);
        started[m.party].steps.push(ev.i);
      }
      // Several moves of one child at one step: the last one is its state after the step.
      if (track.steps[track.steps.length - 1] === ev.i) track.moves[track.moves.length - 1] = m;
      else {
        track.steps.push(ev.i);
        track.moves.push(m);
      }
    }
  }
  return {
    startedBy(party, cursor, limit) {
      const s = started[party];
      const n = countAtOrBelow(s.steps, cursor);
      return s.ids.slice(Math.max(0, n - limit), n);
    },
    at(party, id, cursor) {
      const track = tracks.get(key(party, id));
      if (!track) return null;
      const k = lastAtOrBefore(track.steps, cursor);
      return k < 0 ? null : track.moves[k]!;
    },
    next(party, id, nodeId, cursor) {
      const track = tracks.get(key(party, id));
      if (!track) return -1;
      for (let k = lastAtOrBefore(track.steps, cursor) + 1; k < track.steps.length; k++) if (track.moves[k]!.target === nodeId) return track.steps[k]!;
      return -1;
    },
  };
}

/** The batch or producer id the event at this step is about, if any (the one a learner most likely wants to see). */
export function subjectOf(party: LifecycleParty, ev: Trace['events'][number] | undefined): number | null {
  if (!ev) return null;
  const moved = ev.moves?.filter((m) => m.party === party);
  if (moved && moved.length > 0) return moved[moved.length - 1]!.id;
  const fields = ev as unknown as { ref?: { batch: number; pid: number }; batch?: unknown; pid?: unknown };
  // A message's persisted state: the message the consumer-side event is about.
  if (party === 'message') return 'message' in ev && typeof ev.message === 'number' && ev.message > 0 ? ev.message : null;
  if (party === 'batch') {
    if (fields.ref) return fields.ref.batch;
    return typeof fields.batch === 'number' ? fields.batch : null;
  }
  if (fields.ref && fields.ref.pid >= 0) return fields.ref.pid;
  return typeof fields.pid === 'number' && fields.pid >= 0 ? fields.pid : null;
}

import { countAtOrBelow } from '../../sim/trace/sorted';
import type { PartyId, Trace } from '../../sim/trace/types';
import { activeIds, type Chart } from './graph';

/**
 * For each party and state node, the steps at which the party entered that state, ascending: the node became
 * active, or the step's transition targeted it again. Built once per trace in one pass (O(n) for charts of fixed
 * depth); `next` is a binary search (O(log n)).
 */
export interface EnterIndex {
  /** Some event of the trace records the parties' states. */
  readonly recorded: boolean;
  /** The first step after `cursor` at which `party` entered `nodeId`, or -1. */
  next(party: PartyId, nodeId: string, cursor: number): number;
}

export function buildEnterIndex(trace: Trace, charts: readonly Chart<PartyId>[]): EnterIndex {
  const steps = new Map<string, number[]>();
  const key = (party: PartyId, id: string) => `${party} ${id}`;
  const add = (party: PartyId, id: string, i: number) => {
    const k = key(party, id);
    const list = steps.get(k);
    if (!list) steps.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  let recorded = false;
  const previous = new Map<PartyId, { value: unknown; active: Set<string> }>();
  for (const ev of trace.events) {
    const states = ev.states;
    if (!states) continue;
    recorded = true;
    for (const chart of charts) {
      const value = states[chart.party];
      const prev = previous.get(chart.party);
      // Values are shared with the previous event while unchanged: nothing was entered.
      if (prev && prev.value === value) continue;
      const active = new Set(activeIds(chart, value));
      for (const id of active) if (!prev?.active.has(id)) add(chart.party, id, ev.i);
      previous.set(chart.party, { value, active });
    }
    const tr = ev.transition;
    if (tr) for (const target of tr.targets) add(tr.party, target, ev.i);
  }
  for (const list of steps.values()) list.sort((a, b) => a - b);
  return {
    recorded,
    next(party, nodeId, cursor) {
      const list = steps.get(key(party, nodeId));
      if (!list) return -1;
      const k = countAtOrBelow(list, cursor);
      return k < list.length ? list[k]! : -1;
    },
  };
}

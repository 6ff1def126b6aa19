import type { CompareDimension } from '../../store/lab-state';
import { emptyTrace, RunCancelled, type SimClient } from '../../worker/sim-client';
import { withoutImpossibleFaults } from '../../sim/scenario/parse';
import type { Scenario } from '../../sim/scenario/schema';
import type { LogRecord, Trace } from '../../sim/trace/types';
import { translator, type MessageKey, type Translate } from '../../i18n/t';

export interface CompareSide {
  /** The catalogue key of the side's short label, e.g. "Idempotence off". */
  label: MessageKey;
  scenario: Scenario;
}

export const DIMENSION_LABELS: Record<CompareDimension, string> = {
  idempotence: 'Idempotence off vs on',
  'in-flight': 'max.in.flight.requests.per.connection 1 vs 5',
  acks: 'acks=1 vs acks=all',
};

/** The same scenario, seed and faults twice, differing only in the chosen setting. */
export function compareSides(scenario: Scenario, by: CompareDimension): [CompareSide, CompareSide] {
  const withProducer = (p: Partial<Scenario['producer']>): Scenario => ({ ...scenario, producer: { ...scenario.producer, ...p } });
  switch (by) {
    case 'idempotence':
      return [
        { label: 'compare.side.idemOff', scenario: withProducer({ 'enable.idempotence': false }) },
        { label: 'compare.side.idemOn', scenario: withProducer({ 'enable.idempotence': true }) },
      ];
    case 'in-flight':
      return [
        { label: 'compare.side.inFlight1', scenario: withProducer({ 'max.in.flight.requests.per.connection': 1 }) },
        { label: 'compare.side.inFlight5', scenario: withProducer({ 'max.in.flight.requests.per.connection': 5 }) },
      ];
    case 'acks': {
      // acks=1 with enable.idempotence=true is a ConfigException, so that side leaves it unset: Kafka then turns
      // idempotence off on its own and the run says so. Scripted errors only acks=all can produce are left out.
      const { 'enable.idempotence': idem, ...rest } = scenario.producer;
      const acks1: Scenario = { ...scenario, producer: idem === true ? { ...rest, acks: '1' } : { ...scenario.producer, acks: '1' } };
      return [
        { label: 'compare.side.acks1', scenario: withoutImpossibleFaults(acks1).scenario },
        { label: 'compare.side.acksAll', scenario: withProducer({ acks: 'all' }) },
      ];
    }
  }
}

const traceCache = new WeakMap<Scenario, Map<string, Trace | Promise<void>>>();

/**
 * Both runs of the comparison, memoised by the lab's scenario object (a new object whenever an input changes).
 * A side identical to the lab's own run reuses its trace. While a side is still being run (by `sim`, the page's
 * worker), returns a promise that settles when it is done; a cancelled run is requested again next time.
 */
export function compareTraces(scenario: Scenario, current: Trace, by: CompareDimension, sim: SimClient): [Trace, Trace] | Promise<void> {
  let byDim = traceCache.get(scenario);
  if (!byDim) {
    byDim = new Map();
    traceCache.set(scenario, byDim);
  }
  const cache = byDim;
  const sides = compareSides(scenario, by).map((side, k): Trace | Promise<void> => {
    if (JSON.stringify(side.scenario) === JSON.stringify(current.scenario)) return current;
    const key = `${by}:${k}`;
    const known = cache.get(key);
    if (known) return known;
    const out = sim.run(side.scenario);
    if (!(out instanceof Promise)) {
      cache.set(key, out.trace);
      return out.trace;
    }
    const pending = out.then(
      (r) => void cache.set(key, r.trace),
      (e: unknown) => {
        if (e instanceof RunCancelled) cache.delete(key);
        else cache.set(key, emptyTrace(side.scenario));
      },
    );
    cache.set(key, pending);
    return pending;
  });
  const [a, b] = sides as [Trace | Promise<void>, Trace | Promise<void>];
  if (a instanceof Promise || b instanceof Promise) return Promise.all([a, b]).then(() => undefined);
  return [a, b];
}

/**
 * The cursor in another run at the same virtual time: among events at exactly that time, the same rank as the
 * lab's cursor; otherwise the last event before it.
 */
export function cursorAtTime(trace: Trace, t: number, rank = 0): number {
  const ev = trace.events;
  let lo = 0;
  let hi = ev.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ev[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < ev.length && ev[last]!.t === t) last++;
  if (last > lo) return Math.min(lo + rank, last - 1);
  return Math.max(0, lo - 1);
}

/** How many events before the cursor share its time (to keep both cursors in step within one instant). */
export function rankAtTime(trace: Trace, cursor: number): number {
  const t = trace.events[cursor]?.t;
  let r = 0;
  while (t !== undefined && cursor - r - 1 >= 0 && trace.events[cursor - r - 1]!.t === t) r++;
  return r;
}

export interface LogDiff {
  /** Per record of each log: what sets it apart from the other log, or null. */
  notes: [(string | null)[], (string | null)[]];
  /** Messages the other log has and this one lacks. */
  missing: [number[], number[]];
}

function notesFor(log: readonly LogRecord[], other: readonly LogRecord[], t: Translate): { notes: (string | null)[]; missing: number[] } {
  const otherCount = new Map<number, number>();
  for (const r of other) otherCount.set(r.message, (otherCount.get(r.message) ?? 0) + 1);
  const seen = new Map<number, number>();
  let maxFirst = -Infinity;
  const notes = log.map((r) => {
    const n = (seen.get(r.message) ?? 0) + 1;
    seen.set(r.message, n);
    if (n > (otherCount.get(r.message) ?? 0)) {
      return t(n > 1 ? 'compare.extraAgain' : 'compare.extra', { m: r.message, offset: r.offset });
    }
    if (n === 1) {
      const before = maxFirst;
      maxFirst = Math.max(maxFirst, r.message);
      if (r.message < before) return t('compare.outOfOrder', { m: r.message, before });
    }
    return null;
  });
  const missing = [...otherCount.keys()].filter((m) => !seen.has(m)).sort((a, b) => a - b);
  return { notes, missing };
}

/** Where two partition logs diverge, in words: extra records, records out of order, missing messages. */
export function diffLogs(a: readonly LogRecord[], b: readonly LogRecord[], t: Translate = translator('en')): LogDiff {
  const x = notesFor(a, b, t);
  const y = notesFor(b, a, t);
  return { notes: [x.notes, y.notes], missing: [x.missing, y.missing] };
}

import { requestLabel as labelOf } from '../../i18n/facts';
import type { Lang } from '../../i18n/lang';
import { t, type MessageKey, type Params } from '../../i18n/t';
import type { Lane, RequestRef, Trace, TraceEvent } from '../../sim/trace/types';
import { createConsumerMarker, laneSlot, PRODUCER_SLOTS, slotOfEvent } from './consumer-lanes';
import { isTxnEvent, type TxnEvent } from '../../i18n/describe-txn';
import { createAbortTracker, createTxnMarker, partitionSlot, readerSlot, TXN_APP_SLOT, TXN_COORDINATOR_SLOT, txnRequestLabel } from './txn-lanes';

/**
 * Pure geometry-free layout of a trace for the timeline: arrows (requests and responses) and point marks, each
 * pinned to trace events and virtual times. Pixel positions come later from the zoomed scale.
 */

export type ArrowEnd = 'broker' | 'producer' | 'lost' | 'dead-socket' | 'open';

export interface Arrow {
  kind: 'request' | 'response';
  req: number;
  ref: RequestRef;
  startEvent: number;
  /** -1 while the arrow never ends in this trace. */
  endEvent: number;
  t0: number;
  t1: number;
  end: ArrowEnd;
  delayed: boolean;
  /** With replication: the lane slot of the broker that handled it, when not broker 1's (in a transactional run: the coordinator's or a partition's). */
  brokerLane?: number;
  /** A transactional run's request, in Kafka's terms ("EndTxn COMMIT e0"): its label in every language. */
  label?: string;
}

/**
 * How a mark looks: `badge` a write, `recognised` a retry the broker recognised and did not write, `duplicate` a
 * message written a second time, `error` an error code or failure, then flags, crashes, restarts, dots and bands.
 */
export type MarkShape = 'badge' | 'recognised' | 'duplicate' | 'error' | 'flag' | 'crash' | 'restart' | 'dot' | 'band' | 'commit' | 'abort';

/** Shapes drawn as a framed badge carrying their text (`commit` and `abort`: a transaction marker, framed as a tag). */
export const BADGE_SHAPES: ReadonlySet<MarkShape> = new Set(['badge', 'recognised', 'duplicate', 'error', 'commit', 'abort']);

export interface Mark {
  event: number;
  t: number;
  /** For bands (a stalled link): when it ends. */
  t1: number;
  lane: Lane;
  shape: MarkShape;
  /** What the mark says: a catalogue key with its parameters, or a Kafka error code (the same in every language). */
  text: MarkText;
  /** Kept when zoomed out (density mode) because it changes the story. */
  major: boolean;
  /** The lane slot it is drawn in when that is not its lane's own (the second consumer's lane, a partition's). */
  slot?: number;
  /** Protocol words only, for a crowded lane (a marker without its LSO). */
  short?: string;
  /** A transactional run: the ABORT marker's event that aborted the records this mark wrote or returned. */
  abortedAt?: number;
}

export interface TimelineStats {
  requests: number;
  retries: number;
  lostRequests: number;
  lostResponses: number;
  duplicatesDiscarded: number;
  timeouts: number;
  /** Messages the broker wrote a second time. */
  duplicateWrites: number;
}

export interface TimelineLayout {
  arrows: Arrow[];
  /** Longest arrow or band, for culling by start time. */
  maxSpan: number;
  marks: Mark[];
  /** Marks still drawn when zoomed out (crashes, restarts, epoch bumps), as indexes into marks. */
  keyMarks: number[];
  /** Event times, ascending (events are in time order). */
  times: Float64Array;
  laneOf: Uint8Array;
  /** Per lane, how many of the first i events are on that lane (length n+1): density in O(columns · log n). */
  lanePrefix: Int32Array[];
  /** How many lanes the run has (`slots.length`): 3, more with replication or a consumer side. */
  laneCount: number;
  /** For each event, the arrow it starts or ends (-1 if none). */
  arrowOfEvent: Int32Array;
  /** For each event, its mark (-1 if none). */
  markOfEvent: Int32Array;
  endT: number;
  stats: TimelineStats;
  /**
   * The lane slots the run uses, ascending: 0–2 always, the consumer side's only in a run with a consumer, and with
   * replication one per further broker (consumer-lanes.ts). `lanePrefix` follows this order.
   */
  slots: number[];
}

export const LANES: readonly Lane[] = ['producer', 'network', 'broker'];

/** With replication, the slots of brokers 2, 3…: each has a lane even before anything happens on it. */
export function replicaSlotsOf(trace: Pick<Trace, 'scenario'>): number[] {
  const rf = trace.scenario.broker['replication.factor'] ?? 1;
  return Array.from({ length: Math.max(0, rf - 1) }, (_, k) => laneSlot(`broker-${k + 2}`));
}

export type MarkText = { key: MessageKey; params?: Params } | { code: string } | null;

/** "m3 · P1000 e0 seq 2 · #2": which message, the batch header the broker checks, and the attempt. */
export function requestLabel(r: RequestRef, lang: Lang = 'en'): string {
  return labelOf(lang, r);
}

function verdictText(verdict: string, offset: number, again: boolean): MarkText {
  if (verdict === 'appended') return { key: again ? 'badge.duplicateWrite' : 'badge.appended', params: { offset } };
  if (verdict === 'duplicate') return { key: 'badge.duplicate', params: { offset } };
  return { code: verdict };
}

function refOf(ev: TraceEvent): RequestRef | null {
  return 'req' in ev && 'batch' in ev && 'attempt' in ev && 'baseSeq' in ev ? (ev as unknown as RequestRef) : null;
}

export function requestRefOf(ev: TraceEvent | undefined): RequestRef | null {
  return ev ? refOf(ev) : null;
}

/**
 * A mark's text in the interface language, worded the first time it is drawn (a long run never shown in a language
 * never pays for it) and kept per mark.
 */
export function localMarkText(m: Mark, lang: Lang): string {
  const cache = markTexts[lang];
  let text = cache.get(m);
  if (text === undefined) {
    text = !m.text ? '' : 'code' in m.text ? m.text.code : t(lang, m.text.key, m.text.params);
    cache.set(m, text);
  }
  return text;
}

/** An arrow's request label in the interface language ("no PID" is the only word in it). */
export function arrowLabel(a: Arrow, lang: Lang): string {
  if (a.label !== undefined) return a.label;
  const cache = arrowLabels[lang];
  let text = cache.get(a);
  if (text === undefined) {
    text = requestLabel(a.ref, lang);
    cache.set(a, text);
  }
  return text;
}

// Drawn every frame: each mark's and arrow's words are worded once per language.
const markTexts: Record<Lang, WeakMap<Mark, string>> = { en: new WeakMap(), zh: new WeakMap() };
const arrowLabels: Record<Lang, WeakMap<Arrow, string>> = { en: new WeakMap(), zh: new WeakMap() };

/** Builds a layout from a trace's events as they arrive, in order: `add` each piece, then `finish` with the trace. */
export interface LayoutBuilder {
  /** The next events of the trace (their `i` continue where the previous piece ended). */
  add(events: readonly TraceEvent[]): void;
  /** The layout of the whole trace, whose events are exactly those added. */
  finish(trace: Trace): TimelineLayout;
}

/**
 * An incremental layout: the work per event is done as the events arrive (so a long trace received in pieces
 * never costs one long task), and `finish` only closes what is still open. `total` is the number of events the
 * trace will have (it sizes the per-event arrays; more are accepted, at the cost of a copy).
 */
export function createLayoutBuilder(total = 0): LayoutBuilder {
  let cap = Math.max(16, total);
  let n = 0;
  const arrows: Arrow[] = [];
  const marks: Mark[] = [];
  let times = new Float64Array(cap);
  let laneOf = new Uint8Array(cap);
  let arrowOfEvent = new Int32Array(cap).fill(-1);
  let markOfEvent = new Int32Array(cap).fill(-1);
  const requestArrow = new Map<number, number>();
  const responseArrow = new Map<number, number>();
  const stats: TimelineStats = { requests: 0, retries: 0, lostRequests: 0, lostResponses: 0, duplicatesDiscarded: 0, timeouts: 0, duplicateWrites: 0 };
  // Messages already in the log: an append of one of them again is a duplicate write (known at that moment).
  const written = new Set<number>();
  const consumerSide = createConsumerMarker();
  const txnSide = createTxnMarker();
  const aborts = createAbortTracker();
  const slotsUsed = new Set<number>(PRODUCER_SLOTS);

  const grow = (need: number) => {
    if (need <= cap) return;
    cap = Math.max(need, cap * 2);
    const t = new Float64Array(cap);
    t.set(times);
    times = t;
    const l = new Uint8Array(cap);
    l.set(laneOf);
    laneOf = l;
    const a = new Int32Array(cap).fill(-1);
    a.set(arrowOfEvent);
    arrowOfEvent = a;
    const m = new Int32Array(cap).fill(-1);
    m.set(markOfEvent);
    markOfEvent = m;
  };
  const mark = (ev: TraceEvent, shape: MarkShape, text: MarkText, major = false, lane: Lane = ev.lane, t1 = ev.t) => {
    markOfEvent[ev.i] = marks.length;
    const m: Mark = { event: ev.i, t: ev.t, t1, lane, shape, text, major };
    if (lane === ev.lane && laneOf[ev.i]! !== laneSlot(lane)) m.slot = laneOf[ev.i]!;
    marks.push(m);
  };
  // An arrow that has not ended yet runs to the end of the run: its t1 is set by `finish`.
  const startArrow = (ev: TraceEvent, kind: Arrow['kind'], r: RequestRef) => {
    const a: Arrow = { kind, req: r.req, ref: r, startEvent: ev.i, endEvent: -1, t0: ev.t, t1: ev.t, end: 'open', delayed: false };
    arrowOfEvent[ev.i] = arrows.length;
    (kind === 'request' ? requestArrow : responseArrow).set(r.req, arrows.length);
    arrows.push(a);
    return a;
  };
  const endArrow = (ev: TraceEvent, map: Map<number, number>, req: number, end: ArrowEnd) => {
    const idx = map.get(req);
    if (idx === undefined) return;
    const a = arrows[idx]!;
    a.end = end;
    a.t1 = ev.t;
    a.endEvent = ev.i;
    if (arrowOfEvent[ev.i] === -1) arrowOfEvent[ev.i] = idx;
  };

  // A transactional run: requests pair by `req` (request → handled → response); marks per lane, one per partition.
  const addTxn = (ev: TxnEvent) => {
    const i = ev.i;
    switch (ev.kind) {
      case 'txn.request': {
        const messages = ev.batches?.flatMap((b) => b.messages) ?? [];
        const baseSeq = ev.batches?.[0]?.baseSeq ?? -1;
        const ref: RequestRef = { req: ev.req, batch: -1, messages, attempt: 1, instance: ev.instance, pid: ev.pid, epoch: ev.epoch, baseSeq, lastSeq: baseSeq + Math.max(0, messages.length - 1), maxTimestamp: 0, connection: 0 };
        startArrow(ev, 'request', ref).label = txnRequestLabel(ev);
        break;
      }
      case 'txn.handled': {
        endArrow(ev, requestArrow, ev.req, 'broker');
        const idx = requestArrow.get(ev.req);
        const request = idx === undefined ? undefined : arrows[idx];
        if (request) {
          request.brokerLane = laneOf[i]!;
          const a = startArrow(ev, 'response', request.ref);
          a.label = request.label;
          a.brokerLane = laneOf[i]!;
          if (ev.lost) {
            a.end = 'lost';
            a.t1 = ev.t;
            a.endEvent = i;
          }
          arrowOfEvent[i] = idx!;
        }
        break;
      }
      case 'txn.response':
        endArrow(ev, responseArrow, ev.req, 'producer');
        break;
      default:
    }
    for (const tm of txnSide.mark(ev)) {
      const k = marks.length;
      if (markOfEvent[i] === -1) markOfEvent[i] = k;
      const m: Mark = { event: i, t: ev.t, t1: tm.t1 ?? ev.t, lane: ev.lane, shape: tm.shape, text: tm.text, major: tm.major };
      const slot = tm.slot ?? laneOf[i]!;
      if (slot !== laneSlot(ev.lane)) m.slot = slot;
      if (tm.short !== undefined) m.short = tm.short;
      marks.push(m);
      if (tm.records) aborts.note(k, tm.records);
    }
    if (ev.kind === 'txn.marker' && ev.error === 'NONE') for (const k of aborts.marker(ev.partition, ev.pid, ev.result)) marks[k]!.abortedAt = i;
  };

  const addOne = (ev: TraceEvent) => {
    const i = ev.i;
    times[i] = ev.t;
    laneOf[i] = isTxnEvent(ev) ? txnSide.slotOf(ev) : slotOfEvent(ev);
    slotsUsed.add(laneOf[i]);
    if (isTxnEvent(ev)) return addTxn(ev);
    switch (ev.kind) {
      case 'request.sent':
        stats.requests++;
        if (ev.attempt > 1) stats.retries++;
        startArrow(ev, 'request', ev);
        break;
      case 'request.delayed': {
        const idx = requestArrow.get(ev.req);
        if (idx !== undefined) arrows[idx]!.delayed = true;
        arrowOfEvent[i] = idx ?? -1;
        break;
      }
      case 'request.lost':
        stats.lostRequests++;
        endArrow(ev, requestArrow, ev.req, 'lost');
        break;
      case 'broker.handled': {
        endArrow(ev, requestArrow, ev.req, 'broker');
        if (ev.lane !== 'broker') {
          const idx = requestArrow.get(ev.req);
          if (idx !== undefined) arrows[idx]!.brokerLane = laneSlot(ev.lane);
        }
        if (ev.verdict === 'duplicate') stats.duplicatesDiscarded++;
        const appended = ev.verdict === 'appended';
        const again = appended && ev.messages.some((m) => written.has(m));
        if (appended) for (const m of ev.messages) written.add(m);
        if (again) stats.duplicateWrites++;
        const shape: MarkShape = again ? 'duplicate' : appended ? 'badge' : ev.verdict === 'duplicate' ? 'recognised' : 'error';
        mark(ev, shape, verdictText(ev.verdict, ev.offset, again), shape !== 'badge');
        if (!ev.noResponse && !ev.awaitingReplicas) {
          const a = startArrow(ev, 'response', ev);
          if (ev.lane !== 'broker') a.brokerLane = laneSlot(ev.lane);
          if (ev.deadSocket) {
            a.end = 'dead-socket';
            a.t1 = ev.t;
            a.endEvent = ev.i;
          }
          // The handled event draws as the end of its request; the response is reached through the map.
          arrowOfEvent[i] = requestArrow.get(ev.req) ?? arrowOfEvent[i]!;
        }
        break;
      }
      case 'produce.answered': {
        // With replication: a held acks=all answer leaves the leader now.
        const a = startArrow(ev, 'response', ev);
        if (ev.lane !== 'broker') a.brokerLane = laneSlot(ev.lane);
        if (ev.deadSocket) {
          a.end = 'dead-socket';
          a.t1 = ev.t;
          a.endEvent = ev.i;
        }
        if (ev.error !== 'NONE') mark(ev, 'error', { code: ev.error }, true);
        else mark(ev, 'dot', { key: 'badge.answered', params: { offset: ev.offset } });
        break;
      }
      case 'replica.fetched':
        mark(ev, 'dot', { key: 'badge.replicaFetched', params: { from: ev.fromOffset, to: ev.toOffset - 1 } });
        break;
      case 'replica.truncated':
        mark(ev, 'error', { key: 'badge.replicaTruncated', params: { offset: ev.toOffset, n: ev.messages.length } }, true);
        break;
      case 'isr.shrunk':
        mark(ev, 'flag', { key: 'badge.isrShrunk', params: { isr: ev.isr.join(',') } }, true);
        break;
      case 'isr.expanded':
        mark(ev, 'flag', { key: 'badge.isrExpanded', params: { isr: ev.isr.join(',') } }, true);
        break;
      case 'broker.killed':
        mark(ev, 'crash', { key: 'badge.brokerKilled', params: { n: ev.replica } }, true);
        break;
      case 'broker.started':
        mark(ev, 'restart', { key: 'badge.brokerStarted', params: { n: ev.replica } }, true);
        break;
      case 'follower.isolated':
        mark(ev, 'error', { key: 'badge.followerIsolated' }, true);
        break;
      case 'follower.reconnected':
        mark(ev, 'dot', { key: 'badge.followerReconnected' });
        break;
      case 'leader.elected':
        mark(ev, 'flag', { key: ev.clean ? 'badge.leaderElected' : 'badge.leaderElectedUnclean', params: { n: ev.replica, epoch: ev.leaderEpoch } }, true);
        break;
      case 'partition.offline':
        mark(ev, 'error', { key: 'badge.partitionOffline' }, true);
        break;
      case 'response.lost':
        stats.lostResponses++;
        endArrow(ev, responseArrow, ev.req, 'lost');
        break;
      case 'response.received':
        endArrow(ev, responseArrow, ev.req, 'producer');
        if (ev.error !== 'NONE') mark(ev, 'error', { code: ev.error }, true);
        break;
      case 'request.timeout':
        stats.timeouts++;
        mark(ev, 'flag', { key: 'badge.timeout', params: { n: ev.attempt } }, true);
        break;
      case 'request.failed':
        mark(ev, 'error', { key: 'badge.failed', params: { error: ev.error } }, true);
        break;
      case 'retry.scheduled':
        mark(ev, 'dot', { key: ev.bump ? 'badge.retryBump' : 'badge.retry', params: { n: ev.attempt } });
        break;
      case 'epoch.bumped':
        mark(ev, 'flag', { key: 'badge.epoch', params: { epoch: ev.epoch } }, true);
        break;
      case 'pid.assigned':
        mark(ev, 'flag', { key: 'badge.pid', params: { pid: ev.pid, epoch: ev.epoch } }, true);
        break;
      case 'producer.crashed':
        mark(ev, 'crash', { key: 'badge.producerCrashed' }, true);
        break;
      case 'producer.started':
        if (ev.instance > 1) mark(ev, 'restart', { key: 'badge.producerRestarted', params: { n: ev.instance } }, true);
        else mark(ev, 'dot', { key: 'badge.producerStarted' });
        break;
      case 'broker.shutdown':
        mark(ev, 'crash', { key: 'badge.brokerShutdown', params: { offset: ev.snapshotOffset } }, true);
        break;
      case 'broker.crashed':
        mark(ev, 'crash', { key: 'badge.brokerCrashed', params: { offset: ev.snapshotOffset } }, true);
        break;
      case 'broker.restarted': {
        const params = { offset: ev.snapshotOffset, replayed: ev.replayedBatches, kept: ev.keptBatches, dropped: ev.droppedBatches };
        mark(ev, 'restart', { key: ev.shutdown === 'clean' ? 'badge.brokerRestarted.clean' : 'badge.brokerRestarted.crash', params }, true);
        break;
      }
      case 'segment.rolled':
        mark(ev, 'dot', { key: 'badge.segmentRolled', params: { offset: ev.baseOffset } });
        break;
      case 'producer.expired':
        mark(ev, 'error', { key: 'badge.expired', params: { pid: ev.pid } }, true);
        break;
      case 'connection.refused':
        mark(ev, 'error', { key: 'badge.refused', params: { n: ev.connection } }, true);
        break;
      case 'connection.closed':
        mark(ev, 'error', { key: 'badge.closed', params: { n: ev.connection } }, true);
        break;
      case 'link.stalled':
        mark(ev, 'band', { key: ev.direction === 'request' ? 'badge.stalledRequest' : 'badge.stalledResponse' }, true, 'network', Math.max(ev.t, ev.untilT));
        break;
      case 'delivery.ack':
        mark(ev, 'dot', { key: 'badge.acked', params: { list: ev.messages.join(',') } });
        break;
      case 'delivery.failed':
        mark(ev, 'error', { key: 'badge.deliveryFailed', params: { list: ev.messages.join(',') } }, true);
        break;
      case 'config.error':
        mark(ev, 'error', { key: 'badge.configRefused' }, true);
        break;
      default: {
        const c = consumerSide.mark(ev);
        if (c) mark(ev, c.shape, c.text, c.major, ev.lane, c.t1 ?? ev.t);
        else mark(ev, 'dot', null);
      }
    }
  };

  return {
    add(events) {
      grow(n + events.length);
      for (const ev of events) {
        if (ev.i !== n) throw new Error(`layout: expected event ${n}, got ${ev.i}`);
        addOne(ev);
        n++;
      }
    },
    finish(trace) {
      if (trace.events.length !== n) throw new Error(`layout: ${n} events added, the trace has ${trace.events.length}`);
      const endT = Math.max(trace.endT, n ? trace.events[n - 1]!.t : 0);
      for (const slot of replicaSlotsOf(trace)) slotsUsed.add(slot);
      if (trace.scenario.transactions !== undefined) {
        // A transactional run has its own lanes: the producer side's are not drawn; every partition has its lane.
        for (const slot of PRODUCER_SLOTS) if (!laneOf.subarray(0, n).includes(slot)) slotsUsed.delete(slot);
        slotsUsed.add(TXN_APP_SLOT);
        slotsUsed.add(TXN_COORDINATOR_SLOT);
        for (const p of trace.partitions ?? []) slotsUsed.add(partitionSlot(p.id));
        (trace.scenario.transactions.readers ?? []).forEach((r, k) => slotsUsed.add(readerSlot(`reader-${k + 1}`, r['isolation.level'])));
      }
      const slots = [...slotsUsed].sort((a, b) => a - b);
      const laneCount = slots.length;
      const position = new Map(slots.map((slot, k) => [slot, k]));
      const lanePrefix = Array.from({ length: laneCount }, () => new Int32Array(n + 1));
      for (let i = 0; i < n; i++) {
        const l = position.get(laneOf[i]!) ?? 0;
        for (let k = 0; k < laneCount; k++) lanePrefix[k]![i + 1] = lanePrefix[k]![i]! + (l === k ? 1 : 0);
      }
      const keyMarks: number[] = [];
      marks.forEach((m, k) => {
        if (m.shape === 'crash' || m.shape === 'restart' || m.shape === 'commit' || m.shape === 'abort' || trace.events[m.event]?.kind === 'epoch.bumped') keyMarks.push(k);
      });
      let maxSpan = 0;
      for (const a of arrows) {
        if (a.end === 'open') a.t1 = endT;
        maxSpan = Math.max(maxSpan, a.t1 - a.t0);
      }
      for (const m of marks) maxSpan = Math.max(maxSpan, m.t1 - m.t);
      return {
        arrows,
        maxSpan,
        marks,
        keyMarks,
        times: times.length === n ? times : times.slice(0, n),
        laneOf: laneOf.length === n ? laneOf : laneOf.slice(0, n),
        lanePrefix,
        laneCount,
        arrowOfEvent: arrowOfEvent.length === n ? arrowOfEvent : arrowOfEvent.slice(0, n),
        markOfEvent: markOfEvent.length === n ? markOfEvent : markOfEvent.slice(0, n),
        endT,
        stats,
        slots,
      };
    },
  };
}

export function buildLayout(trace: Trace): TimelineLayout {
  const b = createLayoutBuilder(trace.events.length);
  b.add(trace.events);
  return b.finish(trace);
}

const cache = new WeakMap<Trace, TimelineLayout>();

/** The layout of `trace`, built once and kept while the trace lives. */
export function layoutFor(trace: Trace): TimelineLayout {
  let l = cache.get(trace);
  if (!l) {
    l = buildLayout(trace);
    cache.set(trace, l);
  }
  return l;
}

/** Remembers a layout built elsewhere (incrementally, as the trace arrived) as the layout of `trace`. */
export function primeLayout(trace: Trace, layout: TimelineLayout): void {
  cache.set(trace, layout);
}

/** First index in a sorted array whose value is ≥ x. */
export function lowerBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Arrows and marks overlapping [ta, tb]; both lists are in start-time order. */
export function visibleRange<T>(items: readonly T[], startOf: (x: T) => number, ta: number, tb: number, maxSpan: number): [number, number] {
  let lo = 0;
  let hi = items.length;
  const from = ta - maxSpan;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (startOf(items[mid]!) < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  let h2 = items.length;
  while (end < h2) {
    const mid = (end + h2) >>> 1;
    if (startOf(items[mid]!) <= tb) end = mid + 1;
    else h2 = mid;
  }
  return [lo, end];
}

export interface InFlightItem {
  arrow: number;
  part: 'request' | 'response';
}

/** Requests and responses in flight at the cursor, plus any touching the cursor event (for keyboard selection). */
export function inFlightAt(layout: TimelineLayout, cursor: number, limit = 12): InFlightItem[] {
  const t = layout.times[cursor] ?? 0;
  const out: InFlightItem[] = [];
  const own = layout.arrowOfEvent[cursor] ?? -1;
  const [lo, hi] = visibleRange(layout.arrows, (a) => a.t0, t, t, layout.maxSpan);
  for (let k = lo; k < hi && out.length < limit; k++) {
    const a = layout.arrows[k]!;
    const started = a.startEvent <= cursor;
    const finished = a.endEvent !== -1 && a.endEvent <= cursor;
    if ((started && !finished) || k === own || a.startEvent === cursor || a.endEvent === cursor) out.push({ arrow: k, part: a.kind });
  }
  return out;
}

import { checkEffects } from './effects-checker';
import { transactionalOutcome } from './txn-checker';
import type { AcceptReason, Anomaly, At, Outcome, RetryCause } from './outcome-types';
import { countAtOrBelow } from './sorted';
import type { EventOf, LogRecord, Trace, TraceEvent } from './types';

/**
 * Judges a finished run from its trace alone: duplicates, lost messages, reordering, and whether exactly-once
 * held. Every anomaly names its cause, with the numbers an explanation needs, and the events that caused it (a minimal
 * witness, in the spirit of Elle); src/i18n words them.
 * @example checkTrace(trace).duplicates // 1 for lost-ack with idempotence off
 */
export function checkTrace(trace: Trace): Outcome {
  if (trace.partitions) return transactionalOutcome(trace);
  const { events, log } = trace;
  const index = indexEvents(events);
  const sentOrder: number[] = [];
  const seen = new Set<number>();
  const acked = new Set<number>();
  for (const ev of events) {
    if (ev.kind === 'app.send' && !seen.has(ev.message)) {
      seen.add(ev.message);
      sentOrder.push(ev.message);
    }
    if (ev.kind === 'delivery.ack') for (const m of ev.messages) acked.add(m);
  }
  const copies = new Map<number, LogRecord[]>();
  for (const r of log) {
    const list = copies.get(r.message);
    if (list) list.push(r);
    else copies.set(r.message, [r]);
  }
  const anomalies: Anomaly[] = [];
  let duplicates = 0;
  for (const [message, records] of copies) {
    if (records.length < 2) continue;
    duplicates += records.length - 1;
    anomalies.push(explainDuplicate(trace, index, message, records));
  }
  let lost = 0;
  for (const message of sentOrder) {
    if (copies.has(message)) continue;
    lost++;
    anomalies.push(explainLoss(index, message, acked.has(message)));
  }
  const rank = new Map(sentOrder.map((m, i) => [m, i]));
  let reordered = 0;
  let maxRank = -1;
  let maxRecord: LogRecord | null = null;
  const firstCopy = new Set<number>();
  for (const r of log) {
    if (firstCopy.has(r.message)) continue;
    firstCopy.add(r.message);
    const k = rank.get(r.message) ?? -1;
    if (k < maxRank && maxRecord) {
      reordered++;
      anomalies.push(explainReorder(trace, index, r, maxRecord));
    } else if (k > maxRank) {
      maxRank = k;
      maxRecord = r;
    }
  }
  anomalies.sort((a, b) => (a.events[0] ?? 0) - (b.events[0] ?? 0));
  const exactlyOnce = duplicates === 0 && lost === 0 && trace.configError === null;
  const outcome: Outcome = {
    duplicates,
    lost,
    reordered,
    exactlyOnce,
    inOrder: reordered === 0,
    sent: sentOrder.length,
    written: log.length,
    acknowledged: acked.size,
    anomalies,
    summary: {
      configError: trace.configError,
      recognisedRetries: events.filter((e) => e.kind === 'broker.handled' && e.verdict === 'duplicate').length,
      truncated: trace.truncated,
    },
  };
  if (trace.database) outcome.effects = checkEffects(trace);
  return outcome;
}

const at = (ev: TraceEvent): At => ({ t: ev.t, i: ev.i });

/** The kinds of event that show why a batch was sent again (see retryCause). */
const RETRY_SIGNS: ReadonlySet<TraceEvent['kind']> = new Set(['response.lost', 'request.timeout', 'request.failed', 'response.received']);

/**
 * What the explanations look up, built in one pass so that judging a run stays O(n log n) however many anomalies it
 * has: first events by message, request and batch, and sorted positions of the events searched between two others.
 */
interface EventIndex {
  events: readonly TraceEvent[];
  delayedByReq: Map<number, EventOf<'request.delayed'>>;
  sentByMessage: Map<number, TraceEvent>;
  ackByMessage: Map<number, EventOf<'delivery.ack'>>;
  failedByMessage: Map<number, EventOf<'delivery.failed'>>;
  firstRequestByBatch: Map<number, TraceEvent>;
  /** Positions of the events that may explain a retry, per batch, ascending. */
  retrySignsByBatch: Map<number, number[]>;
  /** Positions of epoch bumps, producer-id expiries and producer crashes, ascending. */
  byKind: Map<TraceEvent['kind'], number[]>;
  /** Position of each producer id's first write to the log. */
  firstWriteByPid: Map<number, number>;
}

function indexEvents(events: readonly TraceEvent[]): EventIndex {
  const index: EventIndex = {
    events,
    delayedByReq: new Map(),
    sentByMessage: new Map(),
    ackByMessage: new Map(),
    failedByMessage: new Map(),
    firstRequestByBatch: new Map(),
    retrySignsByBatch: new Map(),
    byKind: new Map([['epoch.bumped', []], ['producer.expired', []], ['producer.crashed', []], ['leader.elected', []]]),
    firstWriteByPid: new Map(),
  };
  const first = <K, V>(map: Map<K, V>, key: K, value: V) => {
    if (!map.has(key)) map.set(key, value);
  };
  for (const ev of events) {
    index.byKind.get(ev.kind)?.push(ev.i);
    if (ev.kind === 'request.delayed') first(index.delayedByReq, ev.req, ev);
    else if (ev.kind === 'app.send') first(index.sentByMessage, ev.message, ev);
    else if (ev.kind === 'delivery.ack') for (const m of ev.messages) first(index.ackByMessage, m, ev);
    else if (ev.kind === 'delivery.failed') for (const m of ev.messages) first(index.failedByMessage, m, ev);
    else if (ev.kind === 'request.sent') first(index.firstRequestByBatch, ev.batch, ev);
    else if (ev.kind === 'broker.handled' && WRITTEN.has(ev.verdict)) first(index.firstWriteByPid, ev.pid, ev.i);
    if (RETRY_SIGNS.has(ev.kind) && 'batch' in ev) {
      const list = index.retrySignsByBatch.get(ev.batch);
      if (list) list.push(ev.i);
      else index.retrySignsByBatch.set(ev.batch, [ev.i]);
    }
  }
  return index;
}

/** The first position in an ascending list that lies strictly between `from` and `to`, or -1. */
function firstBetween(positions: readonly number[] | undefined, from: number, to: number): number {
  if (!positions) return -1;
  const k = countAtOrBelow(positions, from);
  return k < positions.length && positions[k]! < to ? k : -1;
}

/** The first event of a kind strictly between two positions. */
function findBetween(index: EventIndex, kind: TraceEvent['kind'], from: number, to: number): TraceEvent | undefined {
  const positions = index.byKind.get(kind);
  const k = firstBetween(positions, from, to);
  return k < 0 ? undefined : index.events[positions![k]!];
}

function handledAt(trace: Trace, r: LogRecord): EventOf<'broker.handled'> {
  return trace.events[r.event] as EventOf<'broker.handled'>;
}

/** Why did the producer send this batch again after the broker had written it? The first sign it had to. */
function retryCause(index: EventIndex, batch: number, from: number, to: number): RetryCause | null {
  const signs = index.retrySignsByBatch.get(batch);
  for (let k = firstBetween(signs, from, to); k >= 0 && k < signs!.length && signs![k]! < to; k++) {
    const ev = index.events[signs![k]!]!;
    if (ev.kind === 'response.lost') return { kind: 'ack-lost', ...at(ev) };
    if (ev.kind === 'request.timeout') return { kind: 'request-timeout', ...at(ev) };
    if (ev.kind === 'request.failed') return { kind: 'connection-failed', error: ev.error, ...at(ev) };
    if (ev.kind === 'response.received' && ev.error !== 'NONE') return { kind: 'error-reply', error: ev.error, ...at(ev) };
  }
  return null;
}

/** Why the broker wrote a second copy instead of recognising it. */
function acceptedBecause(index: EventIndex, first: EventOf<'broker.handled'>, second: EventOf<'broker.handled'>, witness: number[]): AcceptReason {
  if (second.pid < 0) return { kind: 'no-producer-id' };
  if (second.epoch !== first.epoch) {
    const bump = findBetween(index, 'epoch.bumped', first.i, second.i);
    if (bump) witness.push(bump.i);
    return { kind: 'epoch-bumped', bump: bump ? at(bump) : null, baseSeq: second.baseSeq, epoch: second.epoch };
  }
  const expired = findBetween(index, 'producer.expired', first.i, second.i);
  if (expired) {
    witness.push(expired.i);
    return { kind: 'producer-expired', pid: second.pid, ...at(expired) };
  }
  return { kind: 'evicted' };
}

function explainDuplicate(trace: Trace, index: EventIndex, message: number, records: LogRecord[]): Anomaly {
  const first = handledAt(trace, records[0]!);
  const second = handledAt(trace, records[1]!);
  const offsets = records.map((r) => r.offset);
  const witness = [first.i, second.i];
  const base = { kind: 'duplicate' as const, message, offsets, events: witness };
  const copies = records.length;
  const delayed = index.delayedByReq.get(second.req);
  let anomaly: Anomaly;
  if (second.instance !== first.instance) {
    const crash = findBetween(index, 'producer.crashed', first.i, second.i);
    if (crash) witness.push(crash.i);
    anomaly = {
      ...base,
      cause: 'duplicate-after-restart',
      params: { copies, first: at(first), crash: crash ? at(crash) : null, pid: second.pid, baseSeq: second.baseSeq },
    };
  } else if (delayed) {
    witness.push(delayed.i);
    const accepted = acceptedBecause(index, first, second, witness);
    anomaly = {
      ...base,
      cause: 'duplicate-delayed-original',
      params: { copies, first: at(first), attempt: second.attempt, delayMs: delayed.delayMs, delayEvent: delayed.i, processed: at(second), accepted },
    };
  } else {
    const retry = retryCause(index, first.batch, first.i, second.i);
    if (retry) witness.push(retry.i);
    const accepted = acceptedBecause(index, first, second, witness);
    anomaly = { ...base, cause: 'duplicate-retry', params: { copies, first: at(first), retry, attempt: second.attempt, accepted } };
  }
  witness.sort((a, b) => a - b);
  return anomaly;
}

/**
 * With replication: the leader election after event `i` that lost the record at `offset`. That is the first failover
 * whose new leader's log ends at or before the offset (a leader re-elected with the record still in its log loses
 * nothing). Where none does (an unclean leader whose own, diverged log reaches past the offset), it is the first
 * failover after `i`.
 */
function failoverAfter(index: EventIndex, i: number, offset: number): EventOf<'leader.elected'> | undefined {
  let first: EventOf<'leader.elected'> | undefined;
  for (const k of index.byKind.get('leader.elected') ?? []) {
    const ev = index.events[k] as EventOf<'leader.elected'>;
    if (k <= i || ev.previous === null) continue;
    if (ev.logEndOffset <= offset) return ev;
    first ??= ev;
  }
  return first;
}

function explainLoss(index: EventIndex, message: number, acked: boolean): Anomaly {
  const failed = index.failedByMessage.get(message);
  const ack = index.ackByMessage.get(message);
  const witness: number[] = [];
  const base = { kind: 'lost' as const, message, offsets: [], events: witness };
  let anomaly: Anomaly;
  const failover = acked && ack ? failoverAfter(index, ack.i, ack.offset + Math.max(0, ack.messages.indexOf(message))) : undefined;
  if (acked && ack && failover) {
    witness.push(ack.i, failover.i);
    anomaly = { ...base, cause: 'lost-failover', params: { ack: at(ack), election: at(failover), clean: failover.clean, leader: failover.replica } };
  } else if (acked && ack) {
    witness.push(ack.i);
    anomaly = { ...base, cause: 'lost-acks0', params: { ack: at(ack) } };
  } else if (failed) {
    witness.push(failed.i);
    const failure = failed.error === 'TimeoutException' ? { error: failed.error, elapsedMs: failed.elapsedMs } : { error: failed.error };
    anomaly = { ...base, cause: 'lost-failed', params: { failed: at(failed), records: failed.messages.length, ...failure } };
  } else {
    anomaly = { ...base, cause: 'lost-unresolved', params: {} };
  }
  const sent = index.sentByMessage.get(message);
  if (sent) witness.unshift(sent.i);
  return anomaly;
}

/** Verdicts under which the broker wrote the batch. */
const WRITTEN: ReadonlySet<string> = new Set(['appended', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT']);

/**
 * Why the broker let a reorder through with idempotence on. KAFKA-15591 only when a write was accepted from a
 * producer id that had never written to the partition (reference vector 7); accepted from a producer id it had
 * known, the broker had lost its state (expiry, restart). Otherwise the late write's own rule says why.
 */
function reorderCause(index: EventIndex, lateWrite: EventOf<'broker.handled'>, earlyWrite: EventOf<'broker.handled'>) {
  if (lateWrite.pid < 0) return { cause: 'reordered-no-idempotence' as const };
  for (const w of [earlyWrite, lateWrite]) {
    if (w.rule.id !== 'unknown-producer') continue;
    const firstWrite = index.firstWriteByPid.get(w.pid) ?? w.i;
    return { cause: firstWrite < w.i ? ('reordered-state-lost' as const) : ('reordered-new-producer' as const) };
  }
  return { cause: 'reordered-idempotent' as const, rule: lateWrite.rule };
}

function explainReorder(trace: Trace, index: EventIndex, late: LogRecord, earlier: LogRecord): Anomaly {
  const lateWrite = handledAt(trace, late);
  const earlyWrite = handledAt(trace, earlier);
  const firstSend = index.firstRequestByBatch.get(lateWrite.batch);
  const cause = firstSend ? retryCause(index, lateWrite.batch, firstSend.i, lateWrite.i) : null;
  const witness = [earlyWrite.i, lateWrite.i];
  if (cause) witness.unshift(cause.i);
  const base = { kind: 'reordered' as const, message: late.message, offsets: [late.offset, earlier.offset], events: witness.sort((a, b) => a - b) };
  const params = { earlier: earlier.message, earlierOffset: earlier.offset, firstAttempt: cause };
  const why = reorderCause(index, lateWrite, earlyWrite);
  return why.cause === 'reordered-idempotent' ? { ...base, cause: why.cause, params: { ...params, rule: why.rule } } : { ...base, cause: why.cause, params };
}

import type { AcceptReason, Anomaly, At, Outcome, RetryCause } from './outcome-types';
import type { EventOf, LogRecord, Trace, TraceEvent } from './types';

/**
 * Judges a finished run from its trace alone: duplicates, lost messages, reordering, and whether exactly-once
 * held. Every anomaly names its cause, with the numbers an explanation needs, and the events that caused it (a minimal
 * witness, in the spirit of Elle); src/i18n words them.
 * @example checkTrace(trace).duplicates // 1 for lost-ack with idempotence off
 */
export function checkTrace(trace: Trace): Outcome {
  const { events, log } = trace;
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
    anomalies.push(explainDuplicate(trace, message, records));
  }
  let lost = 0;
  for (const message of sentOrder) {
    if (copies.has(message)) continue;
    lost++;
    anomalies.push(explainLoss(events, message, acked.has(message)));
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
      anomalies.push(explainReorder(trace, r, maxRecord));
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
  return outcome;
}

const at = (ev: TraceEvent): At => ({ t: ev.t, i: ev.i });

function handledAt(trace: Trace, r: LogRecord): EventOf<'broker.handled'> {
  return trace.events[r.event] as EventOf<'broker.handled'>;
}

/** Why did the producer send this batch again after the broker had written it? The first sign it had to. */
function retryCause(events: readonly TraceEvent[], batch: number, from: number, to: number): RetryCause | null {
  for (let i = from + 1; i < to; i++) {
    const ev = events[i]!;
    if (!('batch' in ev) || ev.batch !== batch) continue;
    if (ev.kind === 'response.lost') return { kind: 'ack-lost', ...at(ev) };
    if (ev.kind === 'request.timeout') return { kind: 'request-timeout', ...at(ev) };
    if (ev.kind === 'request.failed') return { kind: 'connection-failed', error: ev.error, ...at(ev) };
    if (ev.kind === 'response.received' && ev.error !== 'NONE') return { kind: 'error-reply', error: ev.error, ...at(ev) };
  }
  return null;
}

/** Why the broker wrote a second copy instead of recognising it. */
function acceptedBecause(events: readonly TraceEvent[], first: EventOf<'broker.handled'>, second: EventOf<'broker.handled'>, witness: number[]): AcceptReason {
  if (second.pid < 0) return { kind: 'no-producer-id' };
  if (second.epoch !== first.epoch) {
    const bump = findBetween(events, first.i, second.i, (e) => e.kind === 'epoch.bumped');
    if (bump) witness.push(bump.i);
    return { kind: 'epoch-bumped', bump: bump ? at(bump) : null, baseSeq: second.baseSeq, epoch: second.epoch };
  }
  const expired = findBetween(events, first.i, second.i, (e) => e.kind === 'producer.expired');
  if (expired) {
    witness.push(expired.i);
    return { kind: 'producer-expired', pid: second.pid, ...at(expired) };
  }
  return { kind: 'evicted' };
}

function explainDuplicate(trace: Trace, message: number, records: LogRecord[]): Anomaly {
  const { events } = trace;
  const first = handledAt(trace, records[0]!);
  const second = handledAt(trace, records[1]!);
  const offsets = records.map((r) => r.offset);
  const witness = [first.i, second.i];
  const base = { kind: 'duplicate' as const, message, offsets, events: witness };
  const copies = records.length;
  const delayed = events.find((e): e is EventOf<'request.delayed'> => e.kind === 'request.delayed' && e.req === second.req);
  let anomaly: Anomaly;
  if (second.instance !== first.instance) {
    const crash = findBetween(events, first.i, second.i, (e) => e.kind === 'producer.crashed');
    if (crash) witness.push(crash.i);
    anomaly = {
      ...base,
      cause: 'duplicate-after-restart',
      params: { copies, first: at(first), crash: crash ? at(crash) : null, pid: second.pid, baseSeq: second.baseSeq },
    };
  } else if (delayed) {
    witness.push(delayed.i);
    const accepted = acceptedBecause(events, first, second, witness);
    anomaly = {
      ...base,
      cause: 'duplicate-delayed-original',
      params: { copies, first: at(first), attempt: second.attempt, delayMs: delayed.delayMs, delayEvent: delayed.i, processed: at(second), accepted },
    };
  } else {
    const retry = retryCause(events, first.batch, first.i, second.i);
    if (retry) witness.push(retry.i);
    const accepted = acceptedBecause(events, first, second, witness);
    anomaly = { ...base, cause: 'duplicate-retry', params: { copies, first: at(first), retry, attempt: second.attempt, accepted } };
  }
  witness.sort((a, b) => a - b);
  return anomaly;
}

function explainLoss(events: readonly TraceEvent[], message: number, acked: boolean): Anomaly {
  const failed = events.find((e): e is EventOf<'delivery.failed'> => e.kind === 'delivery.failed' && e.messages.includes(message));
  const ack = events.find((e): e is EventOf<'delivery.ack'> => e.kind === 'delivery.ack' && e.messages.includes(message));
  const witness: number[] = [];
  const base = { kind: 'lost' as const, message, offsets: [], events: witness };
  let anomaly: Anomaly;
  if (acked && ack) {
    witness.push(ack.i);
    anomaly = { ...base, cause: 'lost-acks0', params: { ack: at(ack) } };
  } else if (failed) {
    witness.push(failed.i);
    const failure = failed.error === 'TimeoutException' ? { error: failed.error, elapsedMs: failed.elapsedMs } : { error: failed.error };
    anomaly = { ...base, cause: 'lost-failed', params: { failed: at(failed), records: failed.messages.length, ...failure } };
  } else {
    anomaly = { ...base, cause: 'lost-unresolved', params: {} };
  }
  const sent = events.find((e) => e.kind === 'app.send' && e.message === message);
  if (sent) witness.unshift(sent.i);
  return anomaly;
}

function explainReorder(trace: Trace, late: LogRecord, earlier: LogRecord): Anomaly {
  const lateWrite = handledAt(trace, late);
  const earlyWrite = handledAt(trace, earlier);
  const firstSend = trace.events.find((e) => e.kind === 'request.sent' && e.batch === lateWrite.batch);
  const cause = firstSend ? retryCause(trace.events, lateWrite.batch, firstSend.i, lateWrite.i) : null;
  const witness = [earlyWrite.i, lateWrite.i];
  if (cause) witness.unshift(cause.i);
  return {
    kind: 'reordered',
    message: late.message,
    offsets: [late.offset, earlier.offset],
    events: witness.sort((a, b) => a - b),
    cause: lateWrite.pid < 0 ? 'reordered-no-idempotence' : 'reordered-new-producer',
    params: { earlier: earlier.message, earlierOffset: earlier.offset, firstAttempt: cause },
  };
}

function findBetween(events: readonly TraceEvent[], from: number, to: number, f: (e: TraceEvent) => boolean): TraceEvent | undefined {
  for (let i = from + 1; i < to; i++) if (f(events[i]!)) return events[i];
  return undefined;
}

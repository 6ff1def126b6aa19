import { formatT } from './format';
import type { Anomaly, Outcome } from './outcome-types';
import type { EventOf, LogRecord, Trace, TraceEvent } from './types';

/**
 * Judges a finished run from its trace alone: duplicates, lost messages, reordering, and whether exactly-once
 * held. Every anomaly names the events that caused it (a minimal witness, in the spirit of Elle).
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
    explanation: '',
  };
  outcome.explanation = summarise(trace, outcome);
  return outcome;
}

function handledAt(trace: Trace, r: LogRecord): EventOf<'broker.handled'> {
  return trace.events[r.event] as EventOf<'broker.handled'>;
}

/** Why did the producer send this batch again after the broker had written it? The first sign it had to. */
function retryCause(events: readonly TraceEvent[], batch: number, from: number, to: number): TraceEvent | undefined {
  for (let i = from + 1; i < to; i++) {
    const ev = events[i]!;
    if (!('batch' in ev) || ev.batch !== batch) continue;
    if (
      ev.kind === 'response.lost' ||
      ev.kind === 'request.timeout' ||
      ev.kind === 'request.failed' ||
      (ev.kind === 'response.received' && ev.error !== 'NONE')
    ) {
      return ev;
    }
  }
  return undefined;
}

function causeText(ev: TraceEvent): string {
  switch (ev.kind) {
    case 'response.lost':
      return `its ack was lost at ${formatT(ev.t)} (event #${ev.i})`;
    case 'request.timeout':
      return `no answer came within request.timeout.ms, so the request timed out at ${formatT(ev.t)} (event #${ev.i})`;
    case 'request.failed':
      return `the connection failed under it with ${ev.error} at ${formatT(ev.t)} (event #${ev.i})`;
    case 'response.received':
      return `the broker answered ${ev.error} at ${formatT(ev.t)} (event #${ev.i})`;
    default:
      return `of event #${ev.i}`;
  }
}

/** Why the broker wrote a second copy instead of recognising it. */
function acceptedBecause(events: readonly TraceEvent[], first: EventOf<'broker.handled'>, second: EventOf<'broker.handled'>, witness: number[]): string {
  if (second.pid < 0) return 'with idempotence off the broker has no producer id or sequence number to recognise a copy, so it wrote it again';
  if (second.epoch !== first.epoch) {
    const bump = findBetween(events, first.i, second.i, (e) => e.kind === 'epoch.bumped');
    if (bump) witness.push(bump.i);
    return (
      `meanwhile the producer bumped its epoch${bump ? ` at ${formatT(bump.t)} (event #${bump.i})` : ''} and renumbered the batch as seq ${second.baseSeq} of epoch ${second.epoch}. ` +
      'The broker matches duplicates only within one epoch, so the renumbered copy was written again'
    );
  }
  const expired = findBetween(events, first.i, second.i, (e) => e.kind === 'producer.expired');
  if (expired) {
    witness.push(expired.i);
    return `the broker had expired producer ${second.pid} at ${formatT(expired.t)} (event #${expired.i}, producer.id.expiration.ms), so the copy came from an "unknown" producer and was accepted`;
  }
  return 'the broker no longer held the batch in its dedup cache';
}

function explainDuplicate(trace: Trace, message: number, records: LogRecord[]): Anomaly {
  const { events } = trace;
  const first = handledAt(trace, records[0]!);
  const second = handledAt(trace, records[1]!);
  const offsets = records.map((r) => r.offset);
  const witness = [first.i, second.i];
  let why: string;
  const delayed = events.find((e): e is EventOf<'request.delayed'> => e.kind === 'request.delayed' && e.req === second.req);
  if (second.instance !== first.instance) {
    const crash = findBetween(events, first.i, second.i, (e) => e.kind === 'producer.crashed');
    if (crash) witness.push(crash.i);
    const identity =
      second.pid < 0
        ? 'with idempotence off nothing identifies it as a copy'
        : `it came from producer ${second.pid}, a new producer id the broker had never seen, so its sequence ${second.baseSeq} was accepted. ` +
          'Idempotence only removes duplicates within one producer session; a transactional.id would keep the id across restarts';
    why = `the application ${crash ? `crashed at ${formatT(crash.t)} (event #${crash.i}) ` : ''}before it saw the ack and, once restarted, sent it again; ${identity}`;
  } else if (delayed) {
    witness.push(delayed.i);
    why =
      `that copy was its retry: the original request (attempt ${second.attempt}) had been held in the broker's queue for ${delayed.delayMs} ms (event #${delayed.i}), ` +
      `so the producer gave up on it and retried. When the original was finally processed at ${formatT(second.t)} (event #${second.i}), ${acceptedBecause(events, first, second, witness)}`;
  } else {
    const cause = retryCause(events, first.batch, first.i, second.i);
    if (cause) witness.push(cause.i);
    const retry = cause ? `${causeText(cause)}, so the producer retried (attempt ${second.attempt})` : `the producer sent it again (attempt ${second.attempt})`;
    why = `${retry}, and ${acceptedBecause(events, first, second, witness)}`;
  }
  return {
    kind: 'duplicate',
    message,
    offsets,
    events: witness.sort((a, b) => a - b),
    explanation: `Message ${message} is in the log ${records.length} times, at offsets ${offsets.join(' and ')}: the broker wrote it at ${formatT(first.t)} (event #${first.i}), but ${why}.`,
  };
}

function explainLoss(events: readonly TraceEvent[], message: number, acked: boolean): Anomaly {
  const failed = events.find((e): e is EventOf<'delivery.failed'> => e.kind === 'delivery.failed' && e.messages.includes(message));
  const ack = events.find((e): e is EventOf<'delivery.ack'> => e.kind === 'delivery.ack' && e.messages.includes(message));
  const witness: number[] = [];
  let why: string;
  if (acked && ack) {
    witness.push(ack.i);
    why = `the producer reported it sent at ${formatT(ack.t)} (event #${ack.i}) with acks=0, so nobody learnt that it never reached the log`;
  } else if (failed) {
    witness.push(failed.i);
    why = `its batch failed with ${failed.error} at ${formatT(failed.t)} (event #${failed.i}) and the application did not send it again`;
  } else {
    why = 'it was still unresolved when the run ended';
  }
  const sent = events.find((e) => e.kind === 'app.send' && e.message === message);
  if (sent) witness.unshift(sent.i);
  return { kind: 'lost', message, offsets: [], events: witness, explanation: `Message ${message} was sent but is not in the log: ${why}.` };
}

function explainReorder(trace: Trace, late: LogRecord, earlier: LogRecord): Anomaly {
  const lateWrite = handledAt(trace, late);
  const earlyWrite = handledAt(trace, earlier);
  const firstSend = trace.events.find((e) => e.kind === 'request.sent' && e.batch === lateWrite.batch);
  const cause = firstSend ? retryCause(trace.events, lateWrite.batch, firstSend.i, lateWrite.i) : undefined;
  const witness = [earlyWrite.i, lateWrite.i];
  if (cause) witness.unshift(cause.i);
  const because = cause ? `its first attempt failed (${causeText(cause)}) while message ${earlier.message} was already in flight; ` : '';
  const rule =
    lateWrite.pid < 0
      ? `with idempotence off and max.in.flight.requests.per.connection > 1, the broker appends whatever arrives first`
      : `the broker accepted the later batch because it did not know the producer yet (a new producer id accepts any first sequence, KAFKA-15591)`;
  return {
    kind: 'reordered',
    message: late.message,
    offsets: [late.offset, earlier.offset],
    events: witness.sort((a, b) => a - b),
    explanation: `Message ${late.message} is at offset ${late.offset}, after message ${earlier.message} at offset ${earlier.offset}: ${because}${rule}.`,
  };
}

function findBetween(events: readonly TraceEvent[], from: number, to: number, f: (e: TraceEvent) => boolean): TraceEvent | undefined {
  for (let i = from + 1; i < to; i++) if (f(events[i]!)) return events[i];
  return undefined;
}

function summarise(trace: Trace, o: Outcome): string {
  if (trace.configError) return `The producer refused its configuration, so nothing was sent. ${trace.configError}`;
  const dedup = trace.events.filter((e) => e.kind === 'broker.handled' && e.verdict === 'duplicate').length;
  const parts: string[] = [];
  if (o.exactlyOnce && o.inOrder) {
    parts.push(`Exactly-once held: ${o.sent} message${o.sent === 1 ? '' : 's'} sent, each in the log once, in order.`);
  } else {
    const bad: string[] = [];
    if (o.duplicates) bad.push(`${o.duplicates} duplicate${o.duplicates === 1 ? '' : 's'}`);
    if (o.lost) bad.push(`${o.lost} lost`);
    if (o.reordered) bad.push(`${o.reordered} out of order`);
    parts.push(`${o.exactlyOnce ? 'Exactly-once held, but order did not' : 'Exactly-once did not hold'}: ${bad.join(', ')}.`);
  }
  if (dedup > 0) parts.push(`The broker recognised ${dedup} retr${dedup === 1 ? 'y' : 'ies'} as duplicate${dedup === 1 ? '' : 's'} and did not write ${dedup === 1 ? 'it' : 'them'} again.`);
  if (trace.truncated) parts.push('The run hit the event limit before it settled.');
  return parts.join(' ');
}

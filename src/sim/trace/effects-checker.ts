import type { EffectAnomaly, EffectDuplicateCause, EffectLossCause, EffectsOutcome } from './outcome-types';
import { databaseTables } from './database-tables';
import type { EffectRow, Trace, TraceEvent } from './types';

/** The events that can explain why a record was read again, the cause each names, and its rank (the first cause wins). */
function redeliveryCause(ev: TraceEvent): { cause: EffectDuplicateCause; rank: number } | null {
  if (ev.kind === 'consumer.crashed') return { cause: 'consumer-crash', rank: 0 };
  if (ev.kind === 'poll.timeout') return { cause: 'poll-timeout', rank: 1 };
  if (ev.kind === 'group.member.removed' && ev.reason === 'session-timeout') return { cause: 'session-timeout', rank: 2 };
  if (ev.kind === 'commit.completed' && ev.error !== 'NONE') return { cause: 'commit-failed', rank: 3 };
  return null;
}

/**
 * The end-to-end verdict of a run with a consumer side, from its trace alone: the effects table (rebuilt from the
 * database's committed transactions) per message id, against the messages the application sent. A duplicated effect
 * names the event that made the record be read again (or, for two copies in the log, the write of the second); a
 * lost one names what skipped it.
 */
export function checkEffects(trace: Trace): EffectsOutcome {
  const { events } = trace;
  const tables = trace.database ?? databaseTables(events);
  const rowsOf = new Map<number, EffectRow[]>();
  for (const row of tables.effects) {
    const list = rowsOf.get(row.message);
    if (list) list.push(row);
    else rowsOf.set(row.message, [row]);
  }
  const sentAt = new Map<number, number>();
  for (const ev of events) if (ev.kind === 'app.send' && !sentAt.has(ev.message)) sentAt.set(ev.message, ev.i);
  const logEvent = new Map<number, number>();
  for (const r of trace.log) logEvent.set(r.offset, r.event);

  const anomalies: EffectAnomaly[] = [];
  let duplicates = 0;
  for (const [message, rows] of rowsOf) {
    if (rows.length < 2) continue;
    duplicates += rows.length - 1;
    const first = rows[0]!;
    const again = rows[1]!;
    let cause: EffectDuplicateCause = 'redelivered';
    let witness = -1;
    if (again.offset !== first.offset) {
      cause = 'log-duplicate';
      witness = logEvent.get(again.offset) ?? -1;
    } else {
      // From the first time a member started on this message (a fenced member may write its effect last).
      let from = first.event;
      for (let i = 0; i < first.event; i++) {
        const ev = events[i]!;
        if (ev.kind === 'record.processing' && ev.message === message) {
          from = i;
          break;
        }
      }
      let rank = Infinity;
      for (let i = from + 1; i < again.event; i++) {
        const c = redeliveryCause(events[i]!);
        if (c && c.rank < rank) {
          rank = c.rank;
          cause = c.cause;
          witness = i;
        }
      }
    }
    const witnesses = [first.event, ...(witness >= 0 ? [witness] : []), ...rows.slice(1).map((r) => r.event)].sort((a, b) => a - b);
    anomalies.push({ kind: 'duplicate-effect', message, copies: rows.length, offsets: rows.map((r) => r.offset), events: [...new Set(witnesses)], cause });
  }

  const inLog = new Map<number, number>();
  for (const r of trace.log) if (!inLog.has(r.message)) inLog.set(r.message, r.offset);
  let lost = 0;
  for (const [message, sent] of sentAt) {
    if (rowsOf.has(message)) continue;
    lost++;
    const { cause, events: witnesses } = explainLoss(events, message, sent, inLog.get(message));
    anomalies.push({ kind: 'lost-effect', message, events: witnesses, cause });
  }
  anomalies.sort((a, b) => (a.events[0] ?? 0) - (b.events[0] ?? 0));
  return {
    duplicates,
    lost,
    exactlyOnce: duplicates === 0 && lost === 0,
    applied: rowsOf.size,
    rows: tables.effects.length,
    anomalies,
  };
}

function explainLoss(events: readonly TraceEvent[], message: number, sent: number, offset: number | undefined): { cause: EffectLossCause; events: number[] } {
  if (offset === undefined) return { cause: 'not-in-log', events: [sent] };
  let mark = -1;
  let reset = -1;
  /** The latest successful commit past the record, per member, and the crash after such a commit. */
  const committedPast = new Map<string, number>();
  let commitThenCrash: number[] | null = null;
  for (const ev of events) {
    if (ev.kind === 'db.txn' && ev.result === 'committed' && mark < 0 && ev.ops.some((op) => op.op === 'mark' && op.message === message)) mark = ev.i;
    else if (ev.kind === 'commit.completed' && ev.error === 'NONE' && ev.offset > offset) committedPast.set(ev.member, ev.i);
    else if (ev.kind === 'consumer.crashed' && commitThenCrash === null) {
      const commit = committedPast.get(ev.member);
      if (commit !== undefined) commitThenCrash = [sent, commit, ev.i];
    } else if (ev.kind === 'offset.fetched' && ev.reset === 'latest' && ev.position > offset && reset < 0) reset = ev.i;
  }
  if (mark >= 0) {
    const crash = events.find((ev) => ev.i > mark && ev.kind === 'consumer.crashed');
    return { cause: 'marked-before-effect', events: crash ? [sent, mark, crash.i] : [sent, mark] };
  }
  if (commitThenCrash) return { cause: 'committed-before-processing', events: commitThenCrash };
  if (reset >= 0) return { cause: 'skipped-by-reset', events: [sent, reset] };
  return { cause: 'not-consumed', events: [sent] };
}

import type { AcceptReason, Anomaly, Outcome, RetryCause } from '../sim/trace/outcome-types';
import { explainTxnAnomaly, summariseTransactions } from './explain-txn';
import { atText, configProblemText, deliveryErrorText, ruleText } from './facts';
import type { Lang } from './lang';
import { plural, t } from './t';

/** The first sign that the producer had to send a batch again, as a clause. */
function retryCauseText(lang: Lang, c: RetryCause): string {
  const at = atText(lang, c);
  return c.kind === 'connection-failed' || c.kind === 'error-reply' ? t(lang, `explain.cause.${c.kind}`, { at, error: c.error }) : t(lang, `explain.cause.${c.kind}`, { at });
}

function acceptedText(lang: Lang, a: AcceptReason): string {
  switch (a.kind) {
    case 'no-producer-id':
    case 'evicted':
      return t(lang, `explain.accepted.${a.kind}`);
    case 'epoch-bumped':
      return t(lang, 'explain.accepted.epoch-bumped', { bumpAt: a.bump ? t(lang, 'explain.accepted.bumpAt', { at: atText(lang, a.bump) }) : '', baseSeq: a.baseSeq, epoch: a.epoch });
    case 'producer-expired':
      return t(lang, 'explain.accepted.producer-expired', { pid: a.pid, t: a.t, i: a.i });
  }
}

/**
 * Why an anomaly happened, in a language: worded from the checker's cause and numbers, naming the events (by time
 * and index) that caused it.
 */
export function explainAnomaly(lang: Lang, a: Anomaly): string {
  switch (a.cause) {
    case 'duplicate-after-restart':
    case 'duplicate-delayed-original':
    case 'duplicate-retry': {
      const p = a.params;
      let why: string;
      if (a.cause === 'duplicate-after-restart') {
        const { crash, pid, baseSeq } = a.params;
        why = t(lang, 'explain.restart', {
          crashed: crash ? t(lang, 'explain.restart.crashed', { at: atText(lang, crash) }) : '',
          identity: pid < 0 ? t(lang, 'explain.restart.noPid') : t(lang, 'explain.restart.newPid', { pid, baseSeq }),
        });
      } else if (a.cause === 'duplicate-delayed-original') {
        const q = a.params;
        why = t(lang, 'explain.delayed', { attempt: q.attempt, delayMs: q.delayMs, delayEvent: q.delayEvent, at: atText(lang, q.processed), accepted: acceptedText(lang, q.accepted) });
      } else {
        const q = a.params;
        const accepted = acceptedText(lang, q.accepted);
        why = q.retry
          ? t(lang, 'explain.retried', { cause: retryCauseText(lang, q.retry), attempt: q.attempt, accepted })
          : t(lang, 'explain.sentAgain', { attempt: q.attempt, accepted });
      }
      return t(lang, 'explain.duplicate', { message: a.message, copies: p.copies, offsets: a.offsets.join(t(lang, 'fmt.and')), at: atText(lang, p.first), why });
    }
    case 'lost-acks0':
      return t(lang, 'explain.lost', { message: a.message, why: t(lang, 'explain.lost.acks0', { at: atText(lang, a.params.ack) }) });
    case 'lost-failover':
      return t(lang, 'explain.lost', {
        message: a.message,
        why: t(lang, a.params.clean ? 'explain.lost.failover.clean' : 'explain.lost.failover.unclean', { ack: atText(lang, a.params.ack), at: atText(lang, a.params.election), leader: a.params.leader }),
      });
    case 'lost-failed':
      return t(lang, 'explain.lost', {
        message: a.message,
        why: t(lang, 'explain.lost.failed', { error: deliveryErrorText(lang, a.params, a.params.records), at: atText(lang, a.params.failed) }),
      });
    case 'lost-unresolved':
      return t(lang, 'explain.lost', { message: a.message, why: t(lang, 'explain.lost.unresolved') });
    case 'reordered-no-idempotence':
    case 'reordered-new-producer':
    case 'reordered-state-lost':
    case 'reordered-idempotent': {
      const { earlier, earlierOffset, firstAttempt } = a.params;
      return t(lang, 'explain.reordered', {
        message: a.message,
        offset: a.offsets[0] ?? -1,
        earlier,
        earlierOffset,
        because: firstAttempt ? t(lang, 'explain.reordered.because', { cause: retryCauseText(lang, firstAttempt), earlier }) : '',
        rule:
          a.cause === 'reordered-idempotent'
            ? t(lang, 'explain.reordered.idempotent', { rule: ruleText(lang, a.params.rule) })
            : t(lang, a.cause === 'reordered-no-idempotence' ? 'explain.reordered.noPid' : a.cause === 'reordered-new-producer' ? 'explain.reordered.newPid' : 'explain.reordered.stateLost'),
      });
    }
  }
}

/** The paragraph that sums a run up, in a language. */
export function summarise(lang: Lang, o: Outcome): string {
  const { configError, recognisedRetries, truncated, checkerFailed } = o.summary;
  if (checkerFailed !== undefined) return t(lang, 'summary.checkerFailed', { error: checkerFailed });
  if (configError) return t(lang, 'summary.configRefused', { error: configProblemText(lang, configError) });
  if (o.transactions) return summariseTransactions(lang, o.transactions);
  const parts: string[] = [];
  if (o.exactlyOnce && o.inOrder) {
    parts.push(plural(lang, 'summary.held', o.sent));
  } else {
    const bad: string[] = [];
    if (o.duplicates) bad.push(plural(lang, 'summary.duplicates', o.duplicates));
    if (o.lost) bad.push(t(lang, 'summary.lost', { n: o.lost }));
    if (o.reordered) bad.push(t(lang, 'summary.reordered', { n: o.reordered }));
    parts.push(t(lang, o.exactlyOnce ? 'summary.orderBroken' : 'summary.notHeld', { bad: bad.join(t(lang, 'fmt.listSep')) }));
  }
  if (recognisedRetries > 0) parts.push(plural(lang, 'summary.dedup', recognisedRetries));
  if (truncated) parts.push(t(lang, 'summary.truncated'));
  return sentences(lang, parts);
}

/** The summary and every anomaly's explanation, as one text (the handout, the CLI). */
export function explainOutcome(lang: Lang, o: Outcome): string {
  const txn = o.transactions?.anomalies.map((a) => explainTxnAnomaly(lang, a)) ?? [];
  return sentences(lang, [summarise(lang, o), ...o.anomalies.map((a) => explainAnomaly(lang, a)), ...txn]);
}

/** Sentences one after the other, as the language writes them (English with a space, Chinese without). */
function sentences(lang: Lang, parts: readonly string[]): string {
  return parts.reduce((a, b) => (a ? t(lang, 'fmt.sentences', { a, b }) : b), '');
}

import type { RequestRef } from '../sim/trace/types';
import type { ConfigNote, DeliveryFailure, EpochBumpReason, RuleFact } from '../sim/trace/facts';
import { isConfigProblemCode } from '../sim/trace/facts';
import type { Lang } from './lang';
import { t } from './t';

/**
 * The trace's facts in words, from the language's catalogue. Every id has its own key, so a catalogue that lacks
 * one fails the type check (see `Catalogue` in t.ts).
 */

/** The rule that decided a broker.handled event. */
export function ruleText(lang: Lang, rule: RuleFact): string {
  const { id, ...params } = rule;
  return t(lang, `rule.${id}`, params);
}

export function epochReasonText(lang: Lang, reason: EpochBumpReason): string {
  return t(lang, `epochReason.${reason}`);
}

/** Kafka's ConfigException for a refused configuration (in English Kafka's own text, byte for byte). */
export function configProblemText(lang: Lang, code: string): string {
  return isConfigProblemCode(code) ? t(lang, `configProblem.${code}`) : code;
}

/** What the producer adjusted in its configuration on its own (in English, Kafka's warning where it has one). */
export function configNoteText(lang: Lang, note: ConfigNote): string {
  const { id, ...params } = note;
  return t(lang, `configNote.${id}`, params);
}

/** The error a failed delivery reports: an error code as Kafka names it, or the TimeoutException text. */
export function deliveryErrorText(lang: Lang, f: DeliveryFailure, records: number): string {
  return f.error === 'TimeoutException' ? t(lang, 'deliveryError.timeout', { records, elapsedMs: f.elapsedMs }) : f.error;
}

/** "message 3", "messages 3, 4 and 5" or "messages 3–9". */
export function messagesText(lang: Lang, messages: readonly number[]): string {
  if (messages.length === 1) return t(lang, 'fmt.message', { m: messages[0]! });
  if (messages.length <= 4) return t(lang, 'fmt.messages', { list: messages.slice(0, -1).join(t(lang, 'fmt.listSep')), last: messages[messages.length - 1]! });
  return t(lang, 'fmt.messageRange', { first: messages[0]!, last: messages[messages.length - 1]! });
}

/** The batch header as the timeline labels it: "P1000 e0 seq 0–1" (Kafka's names), or "no PID" in the language. */
export function headerText(lang: Lang, r: Pick<RequestRef, 'pid' | 'epoch' | 'baseSeq' | 'lastSeq'>): string {
  if (r.pid < 0) return t(lang, 'header.noPid');
  const seq = r.baseSeq === r.lastSeq ? `seq ${r.baseSeq}` : `seq ${r.baseSeq}–${r.lastSeq}`;
  return `P${r.pid} e${r.epoch} ${seq}`;
}

export function attemptText(lang: Lang, attempt: number): string {
  return attempt === 1 ? t(lang, 'fmt.attempt.first') : t(lang, 'fmt.attempt.retry', { n: attempt });
}

/** A request's timeline label, "m3 · P1000 e0 seq 2 · #2": the message(s), the batch header and the attempt. */
export function requestLabel(lang: Lang, r: RequestRef): string {
  const first = r.messages[0];
  const last = r.messages[r.messages.length - 1];
  const which = r.messages.length === 1 ? `m${first}` : `m${first}–m${last}`;
  return `${which} · ${headerText(lang, r)} · #${r.attempt}`;
}

/** "t=120 ms (event #7)". */
export function atText(lang: Lang, at: { t: number; i: number }): string {
  return t(lang, 'fmt.at', at);
}

import type { InputProblem } from '../sim/scenario/parse';
import type { Fault } from '../sim/scenario/schema';
import type { Lang } from './lang';
import { scenarioName } from './presets-zh';
import { problemList, reasonText, type Reason } from './problems';
import { t } from './t';

/**
 * What the lab tells the user about input it could not use. Stored as data and rendered in the current language, so
 * switching language also translates a notice that is already showing.
 */
export type Notice =
  /** Saved state was unusable; the lab opened this preset instead. */
  | { kind: 'saved-state-corrupt'; problems: InputProblem[]; presetId: string; presetName: string }
  /** A share link was refused; `limit` is how many of its problems to list. */
  | { kind: 'share-link-refused'; reason: Reason; limit: number }
  /** A run was cancelled; the previous run and its settings are back. */
  | { kind: 'run-cancelled' }
  /** A setting change ruled out these scripted faults (error replies only acks=all can produce), so they were removed. */
  | { kind: 'faults-removed'; acks: string; faults: Fault[] };

function removedFaults(n: Extract<Notice, { kind: 'faults-removed' }>, lang: Lang): string {
  const list = n.faults
    .map((f) => ('error' in f ? t(lang, 'fault.errorReply', { error: f.error, m: f.message, a: f.attempt }) : f.kind))
    .join(lang === 'en' ? '; ' : '；');
  return t(lang, 'notice.faultsRemoved', { acks: n.acks, faults: list });
}

function one(n: Notice, lang: Lang): string {
  if (n.kind === 'run-cancelled') return t(lang, 'notice.runCancelled');
  if (n.kind === 'faults-removed') return removedFaults(n, lang);
  if (n.kind === 'share-link-refused') return t(lang, 'notice.shareFailed', { message: reasonText(lang, n.reason, n.limit) });
  return t(lang, 'notice.corrupt', { ...problemList(lang, n.problems, 5), name: scenarioName(n.presetId, n.presetName, lang) });
}

/** The notices as one text, newest first. */
export function noticeText(notices: readonly Notice[], lang: Lang): string {
  return notices.map((n) => one(n, lang)).join(' ');
}

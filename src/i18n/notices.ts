import type { WorkRefusal } from '../sim/budget/estimate-work';
import type { InputProblem } from '../sim/scenario/parse';
import { budgetText } from './budget';
import type { Fault } from '../sim/scenario/schema';
import type { Lang } from './lang';
import { scenarioName } from './localize';
import { problemList, reasonText, type Reason } from './problems';
import { t } from './t';

/**
 * What the lab tells the user about input it could not use. Stored as data and rendered in the current language, so
 * switching language also translates a notice that is already showing.
 */
export type Notice =
  /** A share link was refused; `limit` is how many of its problems to list. */
  | { kind: 'share-link-refused'; reason: Reason; limit: number }
  /** A run was cancelled; the previous run and its settings are back. */
  | { kind: 'run-cancelled' }
  /** A scenario was refused before running: too much work. The previous run and its settings stay. */
  | { kind: 'budget-refused'; refusal: WorkRefusal }
  /** A setting change ruled out these scripted faults (error replies only acks=all can produce), so they were removed. */
  | { kind: 'faults-removed'; acks: string; faults: Fault[] };

function removedFaults(n: Extract<Notice, { kind: 'faults-removed' }>, lang: Lang): string {
  const list = n.faults
    .map((f) => ('error' in f ? t(lang, 'fault.errorReply', { error: f.error, m: f.message, a: f.attempt }) : f.kind))
    .join(t(lang, 'punct.listSeparator'));
  return t(lang, 'notice.faultsRemoved', { acks: n.acks, faults: list });
}

function one(n: Notice, lang: Lang): string {
  if (n.kind === 'run-cancelled') return t(lang, 'notice.runCancelled');
  if (n.kind === 'faults-removed') return removedFaults(n, lang);
  if (n.kind === 'budget-refused') return t(lang, 'notice.budgetRefused', { message: budgetText(lang, n.refusal) });
  return t(lang, 'notice.shareFailed', { message: reasonText(lang, n.reason, n.limit) });
}

/**
 * Saved state that was not restored whole: kept in storage as it was until the user exports or discards it.
 * `partial`: restored except the `problems` left out; `unreadable`: nothing usable; `newer`: written by a newer build
 * (`version`). The lab shows `presetId` instead, when nothing of the save could be used.
 */
export interface HeldSave {
  kind: 'partial' | 'unreadable' | 'newer';
  problems: InputProblem[];
  version?: number;
  /** The saved format this build reads. */
  reads: number;
  presetId: string;
  presetName: string;
  /** The saved text, exactly as found. */
  text: string;
}

/** What happened to the save, and that it is kept until the user chooses. */
export function heldSaveText(held: HeldSave, lang: Lang, limit = 5): string {
  const name = scenarioName(held.presetId, held.presetName, lang);
  const what =
    held.kind === 'newer'
      ? t(lang, 'notice.savedNewer', { version: held.version ?? '?', reads: held.reads, name })
      : t(lang, held.kind === 'partial' ? 'notice.savedPartial' : 'notice.savedUnreadable', { ...problemList(lang, held.problems, limit), name });
  return `${what} ${t(lang, 'notice.savedKept')}`;
}

/** The notices as one text, newest first. */
export function noticeText(notices: readonly Notice[], lang: Lang): string {
  return notices.map((n) => one(n, lang)).join(' ');
}

import { LANGS, type Lang } from '../i18n/lang';
import { getLesson } from '../lessons/lessons';
import { MAX_ANSWERS } from '../lessons/types';
import type { InputProblem } from '../sim/scenario/parse';
import { checkBudget } from '../sim/budget/estimate-work';
import { excerpt, stripBom } from '../sim/scenario/excerpt';
import { defaultPreset } from './inputs-slice';
import { repairScenario } from './repair-scenario';
import { appProblem, jsonPosition, nestedProblems, problemText } from '../i18n/problems';
import type { Scenario } from '../sim/scenario/schema';
import { THEMES, type LabState, type Theme } from './lab-state';
import { SPEEDS } from './playback-slice';

export const STORAGE_KEY = 'exactly-once-lab:state';
export const SAVED_VERSION = 1;

/** What survives a reload: the inputs (scenario incl. faults, seed, settings), the cursor and the view settings. */
export interface SavedState {
  presetId: string;
  scenario: Scenario;
  cursor: number;
  theme: Theme;
  speed: number;
  /** The interface language (absent in older saves, which were English). */
  language?: Lang;
  /** Whether steps and playback animate (absent in older saves: on). */
  motion?: boolean;
  /** The active lesson and step (absent in free exploration and in older saves). */
  lesson?: SavedLesson;
}

export interface SavedLesson {
  id: string;
  step: number;
  revealed: boolean;
  /** The answer chosen at the step's question (absent when none was chosen, and in older saves). */
  answer?: number;
}

export function sameLesson(a: SavedLesson | undefined, b: SavedLesson | undefined): boolean {
  return a === b || (!!a && !!b && a.id === b.id && a.step === b.step && a.revealed === b.revealed && a.answer === b.answer);
}

/** A saved lesson that no longer exists (or a step beyond its end) is dropped quietly: the lab still restores. */
function restoreLesson(value: unknown): SavedLesson | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const lesson = typeof o.id === 'string' ? getLesson(o.id) : undefined;
  if (!lesson || typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0 || o.step >= lesson.steps.length) return undefined;
  // A chosen answer that no question has (a step without one, or past the four answers a question may have) is
  // forgotten: the question is simply unanswered. The panel also ignores a choice past the question's own answers.
  const asks = lesson.steps[o.step]?.question !== undefined;
  const answer = asks && typeof o.answer === 'number' && Number.isInteger(o.answer) && o.answer >= 0 && o.answer < MAX_ANSWERS ? o.answer : undefined;
  return { id: lesson.id, step: o.step, revealed: o.revealed === true, ...(answer === undefined ? {} : { answer }) };
}

/**
 * What restoring saved text found. `ok`: the lab as saved, except the `dropped` parts that were invalid and left
 * out (defaults took their place). `unreadable`: nothing usable (not JSON, not an object, not a version this build
 * reads); `newer` is set when a newer build wrote it. `problems` is the English of `details`.
 */
export type RestoreResult =
  | { kind: 'empty' }
  | { kind: 'ok'; saved: SavedState; dropped: InputProblem[] }
  | { kind: 'unreadable'; problems: string[]; details: InputProblem[]; newer?: number };

function unreadable(details: InputProblem[], newer?: number): RestoreResult {
  return { kind: 'unreadable', problems: details.map((p) => problemText('en', p)), details, ...(newer === undefined ? {} : { newer }) };
}

export function pickSaved(state: LabState): SavedState {
  const saved: SavedState = { presetId: state.presetId, scenario: state.scenario, cursor: state.cursor, theme: state.theme, speed: state.speed, language: state.language, motion: state.motion };
  if (state.lessonId) {
    saved.lesson = { id: state.lessonId, step: state.lessonStep, revealed: state.revealed };
    if (state.chosenAnswer !== null) saved.lesson.answer = state.chosenAnswer;
  }
  return saved;
}

export function serialize(saved: SavedState): string {
  return JSON.stringify({ version: SAVED_VERSION, ...saved });
}

/** A version as found, quoted short for a message. */
function shownVersion(v: unknown): string {
  if (v === undefined) return 'undefined';
  return excerpt(JSON.stringify(v) ?? String(v)).replace(/^"|"$/g, '');
}

/** The saved scenario, repaired if need be, or the default preset's when nothing of it is usable or it is too big. */
function restoreScenario(value: unknown, dropped: InputProblem[]): Scenario | null {
  const repaired = repairScenario(value);
  if (!repaired.ok) {
    dropped.push(...nestedProblems('scenario', repaired.problems));
    return null;
  }
  dropped.push(...nestedProblems('scenario', repaired.dropped));
  const refusal = checkBudget(repaired.scenario);
  if (refusal) {
    dropped.push(appProblem('scenario', 'problem.overBudget', { estimate: refusal.estimate, limit: refusal.limit }));
    return null;
  }
  return repaired.scenario;
}

/**
 * Validates saved text field by field and keeps every valid part: an invalid field is left out (and listed in
 * `dropped`), the scenario goes through the same parser as any file and keeps its valid parts. Text that cannot be
 * read at all, or that a newer build wrote, is `unreadable`, and the caller must not overwrite it.
 */
export function restore(text: string | null): RestoreResult {
  if (text === null || text === '') return { kind: 'empty' };
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (e) {
    return unreadable([appProblem('', 'problem.savedJson', jsonPosition((e as Error).message))]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return unreadable([appProblem('', 'problem.savedNotObject')]);
  const o = data as Record<string, unknown>;
  if (o.version !== SAVED_VERSION) {
    const newer = typeof o.version === 'number' && Number.isInteger(o.version) && o.version > SAVED_VERSION ? o.version : undefined;
    return unreadable([appProblem('version', 'problem.expectedVersion', { expected: SAVED_VERSION, found: shownVersion(o.version) })], newer);
  }
  const dropped: InputProblem[] = [];
  const scenario = restoreScenario(o.scenario, dropped);
  const preset = defaultPreset();
  const presetId = typeof o.presetId === 'string' && o.presetId.length <= 200 ? o.presetId : (dropped.push(appProblem('presetId', 'problem.expectedString')), preset.id);
  const cursor = typeof o.cursor === 'number' && Number.isInteger(o.cursor) && o.cursor >= 0 ? o.cursor : (dropped.push(appProblem('cursor', 'problem.expectedWhole')), 0);
  const theme = THEMES.includes(o.theme as Theme) ? (o.theme as Theme) : (dropped.push(appProblem('theme', 'problem.expectedOneOf', { values: THEMES.join(', ') })), 'light');
  const speed = SPEEDS.includes(o.speed as (typeof SPEEDS)[number]) ? (o.speed as number) : (dropped.push(appProblem('speed', 'problem.expectedOneOf', { values: SPEEDS.join(', ') })), 1);
  const lesson = scenario ? restoreLesson(o.lesson) : undefined;
  // An unknown language is not worth a word: it falls back to English.
  const language = LANGS.includes(o.language as Lang) ? (o.language as Lang) : undefined;
  // Nor is a motion setting that is not true or false: motion stays on.
  const motion = typeof o.motion === 'boolean' ? o.motion : undefined;
  return {
    kind: 'ok',
    saved: {
      presetId: scenario ? presetId : preset.id,
      scenario: scenario ?? preset.scenario,
      cursor: scenario ? cursor : 0,
      theme,
      speed,
      ...(language ? { language } : {}),
      ...(motion === undefined ? {} : { motion }),
      ...(lesson ? { lesson } : {}),
    },
    dropped,
  };
}

export function readStorage(storage: Storage): string | null {
  try {
    return storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Removes saved state (the user chose to discard a save that could not be used). */
export function clearStorage(storage: Storage): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Blocked storage: there is nothing to discard.
  }
}

export function writeStorage(storage: Storage, saved: SavedState): void {
  try {
    storage.setItem(STORAGE_KEY, serialize(saved));
  } catch {
    // Storage full or blocked (private mode): the lab keeps working, it just won't survive a reload.
  }
}

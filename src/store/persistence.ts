import { LANGS, type Lang } from '../i18n/lang';
import { getLesson } from '../lessons/lessons';
import { parseScenario, type InputProblem } from '../sim/scenario/parse';
import { appProblem, jsonPosition, nestedProblems, problemText } from '../i18n/problems';
import type { Scenario } from '../sim/scenario/schema';
import { THEMES, type LabState, type Theme } from './lab-state';
import { SPEEDS } from './playback-slice';

export const STORAGE_KEY = 'exactly-once-lab:state';
const SAVED_VERSION = 1;

/** What survives a reload: the inputs (scenario incl. faults, seed, settings), the cursor and the view settings. */
export interface SavedState {
  presetId: string;
  scenario: Scenario;
  cursor: number;
  theme: Theme;
  speed: number;
  /** The interface language (absent in older saves, which were English). */
  language?: Lang;
  /** The active lesson and step (absent in free exploration and in older saves). */
  lesson?: SavedLesson;
}

export interface SavedLesson {
  id: string;
  step: number;
  revealed: boolean;
}

export function sameLesson(a: SavedLesson | undefined, b: SavedLesson | undefined): boolean {
  return a === b || (!!a && !!b && a.id === b.id && a.step === b.step && a.revealed === b.revealed);
}

/** A saved lesson that no longer exists (or a step beyond its end) is dropped quietly: the lab still restores. */
function restoreLesson(value: unknown): SavedLesson | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const lesson = typeof o.id === 'string' ? getLesson(o.id) : undefined;
  if (!lesson || typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0 || o.step >= lesson.steps.length) return undefined;
  return { id: lesson.id, step: o.step, revealed: o.revealed === true };
}

/** Corrupt saved state: `problems` in English, `details` to render them in any language. */
export type RestoreResult = { kind: 'empty' } | { kind: 'ok'; saved: SavedState } | { kind: 'corrupt'; problems: string[]; details: InputProblem[] };

function corrupt(details: InputProblem[]): RestoreResult {
  return { kind: 'corrupt', problems: details.map((p) => problemText('en', p)), details };
}

export function pickSaved(state: LabState): SavedState {
  const saved: SavedState = { presetId: state.presetId, scenario: state.scenario, cursor: state.cursor, theme: state.theme, speed: state.speed, language: state.language };
  if (state.lessonId) saved.lesson = { id: state.lessonId, step: state.lessonStep, revealed: state.revealed };
  return saved;
}

export function serialize(saved: SavedState): string {
  return JSON.stringify({ version: SAVED_VERSION, ...saved });
}

/** Validates saved text field by field; the scenario goes through the same parser as any file. */
export function restore(text: string | null): RestoreResult {
  if (text === null || text === '') return { kind: 'empty' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return corrupt([appProblem('', 'problem.savedJson', jsonPosition((e as Error).message))]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return corrupt([appProblem('', 'problem.savedNotObject')]);
  const o = data as Record<string, unknown>;
  const problems: InputProblem[] = [];
  if (o.version !== SAVED_VERSION) problems.push(appProblem('version', 'problem.expectedVersion', { expected: SAVED_VERSION, found: String(JSON.stringify(o.version)) }));
  if (typeof o.presetId !== 'string') problems.push(appProblem('presetId', 'problem.expectedString'));
  if (typeof o.cursor !== 'number' || !Number.isInteger(o.cursor) || o.cursor < 0) problems.push(appProblem('cursor', 'problem.expectedWhole'));
  if (!THEMES.includes(o.theme as Theme)) problems.push(appProblem('theme', 'problem.expectedOneOf', { values: THEMES.join(', ') }));
  if (!SPEEDS.includes(o.speed as (typeof SPEEDS)[number])) problems.push(appProblem('speed', 'problem.expectedOneOf', { values: SPEEDS.join(', ') }));
  const parsed = parseScenario(o.scenario);
  if (!parsed.ok) problems.push(...nestedProblems('scenario', parsed.problems));
  if (problems.length || !parsed.ok) return corrupt(problems);
  const lesson = restoreLesson(o.lesson);
  // An unknown language is not worth refusing the whole save for: it falls back to English.
  const language = LANGS.includes(o.language as Lang) ? (o.language as Lang) : undefined;
  return {
    kind: 'ok',
    saved: {
      presetId: o.presetId as string,
      scenario: parsed.scenario,
      cursor: o.cursor as number,
      theme: o.theme as Theme,
      speed: o.speed as number,
      ...(language ? { language } : {}),
      ...(lesson ? { lesson } : {}),
    },
  };
}

export function readStorage(storage: Storage): string | null {
  try {
    return storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function writeStorage(storage: Storage, saved: SavedState): void {
  try {
    storage.setItem(STORAGE_KEY, serialize(saved));
  } catch {
    // Storage full or blocked (private mode): the lab keeps working, it just won't survive a reload.
  }
}

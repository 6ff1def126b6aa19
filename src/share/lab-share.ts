import { getLesson } from '../lessons/lessons';
import type { LabState } from '../store/lab-state';
import type { RunResult } from '../worker/sim-client';
import type { SharePayload } from './share-link';
import type { InputProblem } from '../sim/scenario/parse';
import { appProblem, type Reason } from '../i18n/problems';

/** The open lesson and step, if any (free exploration has none, and a share link then carries none). */
export function readLesson(state: LabState): SharePayload['lesson'] {
  if (!state.lessonId) return undefined;
  return state.revealed ? { id: state.lessonId, step: state.lessonStep, revealed: true } : { id: state.lessonId, step: state.lessonStep };
}

/** What a share link of the current lab holds. */
export function payloadOf(state: LabState): SharePayload {
  const payload: SharePayload = { presetId: state.presetId, scenario: state.scenario, cursor: state.cursor, theme: state.theme };
  const lesson = readLesson(state);
  if (lesson) payload.lesson = lesson;
  payload.lang = state.language;
  return payload;
}

/** A refused payload: `reason` renders it in any language, listing `limit` (all) of its problems. */
export type ApplyResult = { ok: true; patch: Partial<LabState> } | { ok: false; reason: Reason; limit: number };

/**
 * Everything the store must change to show a payload, given the run of its scenario: computed and checked before
 * anything changes so that a link is either applied whole or not at all.
 */
export function planApply(payload: SharePayload, run: RunResult): ApplyResult {
  const problems: InputProblem[] = [];
  const steps = run.trace.events.length;
  if (payload.cursor > Math.max(0, steps - 1)) problems.push(appProblem('cursor', 'problem.cursorPastEnd', { cursor: payload.cursor, steps }));
  if (payload.lesson) {
    const lesson = getLesson(payload.lesson.id);
    if (!lesson) problems.push(appProblem('lesson.id', 'problem.noLesson', { id: payload.lesson.id }));
    else if (payload.lesson.step >= lesson.steps.length) problems.push(appProblem('lesson.step', 'problem.lessonSteps', { id: lesson.id, steps: lesson.steps.length, step: payload.lesson.step + 1 }));
  }
  if (problems.length) {
    return { ok: false, reason: { key: 'shareError.invalid', problems }, limit: problems.length };
  }
  return {
    ok: true,
    patch: {
      presetId: payload.presetId,
      scenario: payload.scenario,
      ...run,
      cursor: payload.cursor,
      theme: payload.theme,
      playing: false,
      forkTarget: null,
      lessonId: payload.lesson?.id ?? null,
      lessonStep: payload.lesson?.step ?? 0,
      revealed: payload.lesson?.revealed ?? false,
      chosenAnswer: null,
      ...(payload.lang ? { language: payload.lang } : {}),
    },
  };
}

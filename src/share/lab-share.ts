import type { LabState } from '../store/lab-state';
import { simulate } from '../store/simulate';
import type { SharePayload } from './share-link';

/**
 * The lesson slice is optional: a lab without lessons has no lesson fields, and a share link then carries none.
 * Both spellings a lesson slice may use are read: `lessonId`/`lessonStep` or `lesson: { id, step }`.
 */
export function readLesson(state: object): { id: string; step: number } | undefined {
  const s = state as Record<string, unknown>;
  if (typeof s.lessonId === 'string' && s.lessonId) return { id: s.lessonId, step: typeof s.lessonStep === 'number' ? s.lessonStep : 0 };
  const l = s.lesson as { id?: unknown; step?: unknown } | null | undefined;
  if (l && typeof l === 'object' && typeof l.id === 'string' && l.id) return { id: l.id, step: typeof l.step === 'number' ? l.step : 0 };
  return undefined;
}

/** What a share link of the current lab holds. */
export function payloadOf(state: LabState): SharePayload {
  const payload: SharePayload = { presetId: state.presetId, scenario: state.scenario, cursor: state.cursor, theme: state.theme };
  const lesson = readLesson(state);
  if (lesson) payload.lesson = lesson;
  return payload;
}

function lessonPatch(state: object, lesson: SharePayload['lesson']): Record<string, unknown> {
  const s = state as Record<string, unknown>;
  if ('lessonId' in s) {
    return {
      lessonId: lesson?.id ?? null,
      ...('lessonStep' in s ? { lessonStep: lesson?.step ?? 0 } : {}),
      ...('revealed' in s ? { revealed: false } : {}),
      ...('chosenAnswer' in s ? { chosenAnswer: null } : {}),
    };
  }
  if ('lesson' in s && typeof s.lesson !== 'function') return { lesson: lesson ? { ...((s.lesson as object | null) ?? {}), id: lesson.id, step: lesson.step } : null };
  return {};
}

export type ApplyResult = { ok: true; patch: Partial<LabState> } | { ok: false; message: string };

/**
 * Everything the store must change to show a payload, computed before anything changes so that a link is either
 * applied whole or not at all.
 */
export function planApply(state: LabState, payload: SharePayload): ApplyResult {
  const run = simulate(payload.scenario);
  const steps = run.trace.events.length;
  if (payload.cursor > Math.max(0, steps - 1)) {
    return { ok: false, message: `The link's lab state is not valid: cursor: step ${payload.cursor} is past the end of this run (${steps} steps).` };
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
      ...(lessonPatch(state, payload.lesson) as Partial<LabState>),
    },
  };
}

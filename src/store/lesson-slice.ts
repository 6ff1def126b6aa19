import type { StateCreator } from 'zustand';
import { getLesson } from '../lessons/lessons';
import { isAsking, sameScenario, stepCursor, stepScenario } from '../lessons/steps';
import type { Trace } from '../sim/trace/types';
import type { LabState, LessonSlice } from './lab-state';
import { markStep } from './step-cue';

/**
 * Guided lessons over the same timeline as free exploration: a step loads its preset and settings through the
 * run requests (only when they differ from the current ones) and moves the cursor to its event. A step with a
 * question waits one event before the revealing one until the answer is revealed.
 */
export const createLessonSlice: StateCreator<LabState, [], [], LessonSlice> = (set, get) => {
  const goToStep = (k: number, revealed: boolean) => {
    const s = get();
    const lesson = getLesson(s.lessonId);
    if (!lesson || lesson.steps.length === 0) return;
    const step = Math.max(0, Math.min(lesson.steps.length - 1, Math.floor(Number.isFinite(k) ? k : 0)));
    const target = stepScenario(lesson, step);
    const patch = { lessonStep: step, revealed, chosenAnswer: null, playing: false, forkTarget: null };
    const cursorOn = (trace: Trace, state: LabState) => {
      const c = stepCursor(trace, lesson.steps[step]!, isAsking(lesson.steps[step], state.askQuestions, revealed));
      return c >= 0 ? { cursor: c } : {};
    };
    if (target && (s.presetId !== target.presetId || !sameScenario(s.scenario, target.scenario))) {
      // The step's own run: its cursor is placed once that run is shown.
      s.requestRun(target.scenario, (state, run) => ({ ...run, ...cursorOn(run.trace, state) }), { ...patch, presetId: target.presetId, scenario: target.scenario });
      return;
    }
    set((state) => ({ ...patch, ...cursorOn(state.trace, state) }));
  };
  return {
    lessonId: null,
    lessonStep: 0,
    revealed: false,
    chosenAnswer: null,
    askQuestions: true,
    compareBy: null,
    presenter: false,
    speakerNotes: false,
    startLesson: (id) => {
      if (id === null || !getLesson(id)) {
        set({ lessonId: null, lessonStep: 0, revealed: false, chosenAnswer: null });
        return;
      }
      set({ lessonId: id });
      goToStep(0, false);
    },
    goToStep: (k) => goToStep(k, false),
    nextStep: () => {
      const s = get();
      const lesson = getLesson(s.lessonId);
      if (!lesson) return;
      if (isAsking(lesson.steps[s.lessonStep], s.askQuestions, s.revealed)) get().reveal();
      else if (s.lessonStep < lesson.steps.length - 1) goToStep(s.lessonStep + 1, false);
      else goToStep(s.lessonStep, s.revealed);
    },
    prevStep: () => {
      const s = get();
      const lesson = getLesson(s.lessonId);
      if (!lesson) return;
      const k = Math.max(0, s.lessonStep - 1);
      // A step already passed is shown with its answer revealed.
      goToStep(k, k < s.lessonStep || s.revealed);
    },
    chooseAnswer: (i) => set((s) => (s.revealed ? {} : { chosenAnswer: i })),
    reveal: () => {
      const s = get();
      const lesson = getLesson(s.lessonId);
      const step = lesson?.steps[s.lessonStep];
      if (!step) return;
      const c = stepCursor(s.trace, step, false);
      // The answer is the event after the one the question waited on: it plays as a step does.
      if (c === s.cursor + 1) markStep(c);
      set({ revealed: true, playing: false, ...(c >= 0 ? { cursor: c } : {}) });
    },
    setAskQuestions: (on) => {
      set({ askQuestions: on });
      const s = get();
      if (s.lessonId) goToStep(s.lessonStep, s.revealed);
    },
    setCompareBy: (by) => set({ compareBy: by }),
    setPresenter: (on) => set(on ? { presenter: true } : { presenter: false, speakerNotes: false }),
    setSpeakerNotes: (on) => set({ speakerNotes: on }),
  };
};

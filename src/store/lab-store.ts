import { createStore, type StoreApi } from 'zustand/vanilla';
import { createInputsSlice, defaultPreset } from './inputs-slice';
import type { FinishRun, LabState } from './lab-state';
import { createLessonSlice } from './lesson-slice';
import type { HeldSave } from '../i18n/notices';
import { pickSaved, readStorage, restore, SAVED_VERSION, sameLesson, writeStorage, type SavedState } from './persistence';
import { createPlaybackSlice } from './playback-slice';
import { createRunSlice } from './run-slice';
import { clampCursor } from './simulate';
import { emptyTrace, type SimClient } from '../worker/sim-client';
import { createUiSlice } from './ui-slice';

export type LabStore = StoreApi<LabState> & {
  flush(): void;
  /** Runs simulations (the page's worker): for runs that are not the lab's own, such as the comparison's. */
  sim: SimClient;
};


/** The inputs to start from (saved state, or the default preset) and how to show their run once it is done. */
function initialState(storage: Storage | null): { state: Partial<LabState>; finish: FinishRun } {
  const text = storage ? readStorage(storage) : null;
  const result = restore(text);
  const preset = defaultPreset();
  const hold = (held: Omit<HeldSave, 'presetId' | 'presetName' | 'text' | 'reads'>): HeldSave => ({ ...held, reads: SAVED_VERSION, presetId: preset.id, presetName: preset.scenario.name, text: text ?? '' });
  if (result.kind === 'ok') {
    const { lesson, ...saved } = result.saved;
    const restoredLesson = lesson ? { lessonId: lesson.id, lessonStep: lesson.step, revealed: lesson.revealed, chosenAnswer: lesson.answer ?? null } : {};
    const heldSave = result.dropped.length > 0 ? hold({ kind: 'partial', problems: result.dropped }) : null;
    return { state: { ...saved, ...restoredLesson, heldSave }, finish: (s, run) => ({ ...run, cursor: clampCursor(s.cursor, run.trace) }) };
  }
  const base = { presetId: preset.id, scenario: preset.scenario, cursor: 0 };
  const finish: FinishRun = (_s, run) => ({ ...run });
  if (result.kind === 'unreadable') {
    const held = result.newer === undefined ? hold({ kind: 'unreadable', problems: result.details }) : hold({ kind: 'newer', problems: result.details, version: result.newer });
    return { state: { ...base, heldSave: held }, finish };
  }
  return { state: base, finish };
}

function sameSaved(a: SavedState, b: SavedState): boolean {
  return a.scenario === b.scenario && a.cursor === b.cursor && a.theme === b.theme && a.speed === b.speed && a.language === b.language && a.motion === b.motion && a.presetId === b.presetId && sameLesson(a.lesson, b.lesson);
}

/**
 * Whether the lab may be saved now: not while a run is in progress or after one failed (a scenario is saved only
 * once its run has succeeded), and not while a save that was not restored whole waits for the user's choice.
 */
function maySave(state: LabState): boolean {
  return state.runStatus.kind !== 'running' && state.runError === null && state.heldSave === null;
}

/**
 * One store composed from the inputs, trace, playback and view slices. Saved state is restored (and validated)
 * at creation and written back, throttled, whenever a persisted field changes.
 */
export function makeLabStore(storage: Storage | null, sim: SimClient): LabStore {
  const initial = initialState(storage);
  const store = createStore<LabState>()((...a) => ({
    ...createInputsSlice(...a),
    ...createRunSlice(sim)(...a),
    ...createPlaybackSlice(...a),
    ...createUiSlice(...a),
    ...createLessonSlice(...a),
    // Until the first run is done: no events yet (the cursor is placed when they come).
    trace: emptyTrace(initial.state.scenario ?? defaultPreset().scenario),
    runError: null,
    ...initial.state,
  }));
  const first = store.getState();
  first.requestRun(first.scenario, initial.finish);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = pickSaved(store.getState());
  const write = () => {
    if (!storage || !maySave(store.getState())) return;
    last = pickSaved(store.getState());
    writeStorage(storage, last);
  };
  const flush = () => {
    // Only pending changes are written: saved text the app never touched (even if unusable) stays as it was.
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    write();
  };
  if (storage) {
    store.subscribe((state, previous) => {
      if (!maySave(state)) return;
      // The user chose what to do with a save the lab could not use whole: the lab is saved over it at once.
      if (previous.heldSave !== null) {
        if (timer) clearTimeout(timer);
        timer = null;
        write();
        return;
      }
      if (sameSaved(pickSaved(state), last) || timer) return;
      timer = setTimeout(flush, 200);
    });
  }
  return Object.assign(store, { flush, sim });
}

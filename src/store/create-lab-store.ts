import { createStore, type StoreApi } from 'zustand/vanilla';
import { createInputsSlice, defaultPreset } from './inputs-slice';
import type { LabState } from './lab-state';
import { createLessonSlice } from './lesson-slice';
import { pickSaved, readStorage, restore, sameLesson, writeStorage, type SavedState } from './persistence';
import { createPlaybackSlice } from './playback-slice';
import { clampCursor, simulate } from './simulate';
import { createUiSlice } from './ui-slice';

export type LabStore = StoreApi<LabState> & { flush(): void };

function initialState(storage: Storage | null): Partial<LabState> {
  const result = storage ? restore(readStorage(storage)) : ({ kind: 'empty' } as const);
  if (result.kind === 'ok') {
    const { lesson, ...saved } = result.saved;
    const run = simulate(saved.scenario);
    const restoredLesson = lesson ? { lessonId: lesson.id, lessonStep: lesson.step, revealed: lesson.revealed } : {};
    return { ...saved, ...run, cursor: clampCursor(saved.cursor, run.trace), ...restoredLesson };
  }
  const preset = defaultPreset();
  const base = { presetId: preset.id, scenario: preset.scenario, ...simulate(preset.scenario), cursor: 0 };
  if (result.kind === 'corrupt') {
    return { ...base, notices: [{ kind: 'saved-state-corrupt', problems: result.details, presetId: preset.id, presetName: preset.scenario.name }] };
  }
  return base;
}

function sameSaved(a: SavedState, b: SavedState): boolean {
  return a.scenario === b.scenario && a.cursor === b.cursor && a.theme === b.theme && a.speed === b.speed && a.language === b.language && a.presetId === b.presetId && sameLesson(a.lesson, b.lesson);
}

/**
 * One store composed from the inputs, trace, playback and view slices. Saved state is restored (and validated)
 * at creation and written back, throttled, whenever a persisted field changes.
 */
export function createLabStore(storage: Storage | null = null): LabStore {
  const initial = initialState(storage);
  const store = createStore<LabState>()((...a) => ({
    ...createInputsSlice(...a),
    ...createPlaybackSlice(...a),
    ...createUiSlice(...a),
    ...createLessonSlice(...a),
    trace: simulate(defaultPreset().scenario).trace,
    runError: null,
    ...initial,
  }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = pickSaved(store.getState());
  const flush = () => {
    // Only pending changes are written: saved text the app never touched (even if unusable) stays as it was.
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    if (!storage) return;
    last = pickSaved(store.getState());
    writeStorage(storage, last);
  };
  if (storage) {
    store.subscribe((state) => {
      if (sameSaved(pickSaved(state), last) || timer) return;
      timer = setTimeout(flush, 200);
    });
  }
  return Object.assign(store, { flush });
}

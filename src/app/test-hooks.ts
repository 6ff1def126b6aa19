import { isLanguageLoaded, loadLanguage } from '../i18n/lang';
import { lessonWordsLoaded, loadLessonWords } from '../i18n/localize';
import { parseScenario } from '../sim/scenario/parse';
import type { LabStore } from '../store/create-lab-store';
import { zoomController } from '../features/timeline/zoom-controller';

/** A small handle for end-to-end tests and the browser benchmark; only the test build (`--mode e2e`) installs it. */
export interface LabHandle {
  store: LabStore;
  zoom: typeof zoomController;
  /** Validates and loads a scenario; returns the parser's errors if it is not valid. Its run follows (see `idle`). */
  loadScenario(input: unknown): string[];
  /**
   * Resolves once no run is being computed (the newest run is shown, or it failed) and the chosen language is shown,
   * with a lesson's words when a lesson is on.
   */
  idle(): Promise<void>;
}

declare global {
  interface Window {
    __lab?: LabHandle;
  }
}

export function installTestHooks(store: LabStore) {
  window.__lab = {
    store,
    zoom: zoomController,
    loadScenario(input) {
      const parsed = parseScenario(input);
      if (!parsed.ok) return parsed.errors;
      store.getState().loadScenario(parsed.scenario);
      return [];
    },
    async idle() {
      await new Promise<void>((resolve) => {
        if (store.getState().runStatus.kind !== 'running') return resolve();
        const stop = store.subscribe((s) => {
          if (s.runStatus.kind === 'running') return;
          stop();
          resolve();
        });
      });
      // A language chosen for the first time loads its words; the page is ready once it has redrawn in it.
      if (!isLanguageLoaded(store.getState().language)) {
        await loadLanguage(store.getState().language);
        await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      }
      // A lesson shown for the first time loads its step words (English is what every language falls back to).
      if (store.getState().lessonId !== null && !lessonWordsLoaded()) {
        await loadLessonWords();
        await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      }
    },
  };
}

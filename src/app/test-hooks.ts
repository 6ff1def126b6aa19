import { parseScenario } from '../sim/scenario/parse';
import type { LabStore } from '../store/create-lab-store';
import { zoomController } from '../features/timeline/zoom-controller';

/** A small handle for end-to-end tests and the browser benchmark (no effect on normal use). */
export interface LabHandle {
  store: LabStore;
  zoom: typeof zoomController;
  /** Validates and loads a scenario; returns the parser's errors if it is not valid. */
  loadScenario(input: unknown): string[];
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
  };
}

import { parseScenario } from '../sim/scenario/parse';
import type { LabStore } from '../store/create-lab-store';
import { zoomController } from '../features/timeline/zoom-controller';

/** A small handle for end-to-end tests and the browser benchmark; only the test build (`--mode e2e`) installs it. */
export interface LabHandle {
  store: LabStore;
  zoom: typeof zoomController;
  /** Validates and loads a scenario; returns the parser's errors if it is not valid. Its run follows (see `idle`). */
  loadScenario(input: unknown): string[];
  /** Resolves once no run is being computed (the newest run is shown, or it failed). */
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
    idle() {
      return new Promise<void>((resolve) => {
        if (store.getState().runStatus.kind !== 'running') return resolve();
        const stop = store.subscribe((s) => {
          if (s.runStatus.kind === 'running') return;
          stop();
          resolve();
        });
      });
    },
  };
}

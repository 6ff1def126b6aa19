import type { StateCreator } from 'zustand';
import { checkBudget } from '../sim/budget/estimate-work';
import { RunCancelled, type RunResult, type SimClient } from '../worker/sim-client';
import type { LabState, RunSlice } from './lab-state';

/** The inputs of the run on screen, put back when a newer run is cancelled or fails. */
type ShownInputs = Pick<LabState, 'presetId' | 'scenario' | 'lessonId' | 'lessonStep' | 'revealed'>;

const pickShown = (s: LabState): ShownInputs => ({ presetId: s.presetId, scenario: s.scenario, lessonId: s.lessonId, lessonStep: s.lessonStep, revealed: s.revealed });

/**
 * A run that has already taken this long is stopped (its worker replaced) when a newer one is requested, instead
 * of being waited for: the newer run starts at once.
 */
export const ABANDON_AFTER_MS = 100;

/**
 * Runs go to `sim` (a worker in the browser) and come back later; each request has an id and only the newest
 * one's result is applied, so a slow old run can never replace a newer one. A client that answers at once (the
 * main thread, where there is no worker) updates the store in the same call.
 */
export function createRunSlice(sim: SimClient, now: () => number = Date.now): StateCreator<LabState, [], [], RunSlice> {
  return (set, get) => {
    let latest = 0;
    let shown: ShownInputs | null = null;
    let startedAt = 0;
    const fail = (id: number, e: unknown) => {
      if (id !== latest || e instanceof RunCancelled) return;
      const back = shown ?? {};
      shown = null;
      set({ ...back, runStatus: { kind: 'error', message: e instanceof Error ? e.message : String(e) } });
    };
    return {
      runStatus: { kind: 'idle' },
      requestRun(scenario, finish, inputs = {}) {
        // Too much work is refused before anything changes: the run on screen and its settings stay.
        const refusal = checkBudget(scenario);
        if (refusal) {
          set((s) => ({ notices: [{ kind: 'budget-refused', refusal }, ...s.notices.filter((n) => n.kind !== 'budget-refused')] }));
          return;
        }
        const id = ++latest;
        const running = get().runStatus.kind === 'running';
        if (running && now() - startedAt > ABANDON_AFTER_MS) sim.cancel();
        let out: RunResult | Promise<RunResult>;
        try {
          out = sim.run(scenario);
        } catch (e) {
          fail(id, e);
          return;
        }
        if (!(out instanceof Promise)) {
          const result = out;
          shown = null;
          set((s) => ({ ...inputs, ...finish({ ...s, ...inputs }, result), runStatus: { kind: 'idle' } }));
          return;
        }
        if (!running) shown = pickShown(get());
        startedAt = now();
        set({ ...inputs, runStatus: { kind: 'running', since: startedAt } });
        out.then(
          (result) => {
            if (id !== latest) return;
            shown = null;
            set((s) => ({ ...finish(s, result), runStatus: { kind: 'idle' } }));
          },
          (e: unknown) => fail(id, e),
        );
      },
      cancelRun() {
        if (get().runStatus.kind !== 'running') return;
        latest++;
        sim.cancel();
        const back = shown ?? {};
        shown = null;
        set((s) => ({ ...back, runStatus: { kind: 'idle' }, notices: [{ kind: 'run-cancelled' }, ...s.notices] }));
      },
    };
  };
}

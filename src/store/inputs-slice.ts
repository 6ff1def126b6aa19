import type { StateCreator } from 'zustand';
import { getPreset, PRESETS } from '../scenarios/presets';
import { faultSchema, type Fault, type Scenario } from '../sim/scenario/schema';
import type { InputsSlice, LabState } from './lab-state';
import { clampCursor, simulate } from './simulate';

export const DEFAULT_PRESET_ID = 'lost-ack';

export function defaultPreset() {
  return getPreset(DEFAULT_PRESET_ID) ?? PRESETS[0]!;
}

function sameFault(a: Fault, b: Fault): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Replaces the inputs and re-runs the simulation once, keeping the cursor at the same step index when it still
 * exists (clamped otherwise). This is the "fork": same prefix, new suffix.
 */
export function withScenario(state: LabState, scenario: Scenario): Partial<LabState> {
  const next = simulate(scenario);
  return { scenario, ...next, cursor: clampCursor(state.cursor, next.trace), forkTarget: null };
}

export const createInputsSlice: StateCreator<LabState, [], [], InputsSlice> = (set) => {
  const update = (change: (s: Scenario) => Scenario) => set((state) => withScenario(state, change(state.scenario)));
  return {
    presetId: DEFAULT_PRESET_ID,
    scenario: defaultPreset().scenario,
    setIdempotence: (on) => update((s) => ({ ...s, producer: { ...s.producer, 'enable.idempotence': on } })),
    setProducerSetting: (key, value) => update((s) => ({ ...s, producer: { ...s.producer, [key]: value } })),
    setSeed: (seed) => update((s) => ({ ...s, seed })),
    setMessages: (count) => update((s) => ({ ...s, workload: { ...s.workload, messages: count } })),
    setFaultRate: (key, value) => update((s) => ({ ...s, faults: { ...s.faults, rates: { ...s.faults.rates, [key]: value } } })),
    addFault: (input) => {
      // Fill the format's defaults so the stored fault is exactly what a scenario file would hold.
      const parsed = faultSchema.safeParse(input);
      if (!parsed.success) return;
      const fault = parsed.data;
      update((s) =>
        s.faults.scripted.some((f) => sameFault(f, fault)) ? s : { ...s, faults: { ...s.faults, scripted: [...s.faults.scripted, fault] } },
      );
    },
    removeFault: (index) => update((s) => ({ ...s, faults: { ...s.faults, scripted: s.faults.scripted.filter((_, i) => i !== index) } })),
    choosePreset: (id) => {
      const preset = getPreset(id);
      if (!preset) return;
      set(() => ({ presetId: id, scenario: preset.scenario, ...simulate(preset.scenario), cursor: 0, playing: false, forkTarget: null }));
    },
    resetToPreset: () =>
      set((state) => {
        const preset = getPreset(state.presetId) ?? defaultPreset();
        return { presetId: preset.id, scenario: preset.scenario, ...simulate(preset.scenario), cursor: 0, playing: false, forkTarget: null };
      }),
    loadScenario: (scenario, presetId) =>
      set((state) => ({ ...withScenario(state, scenario), presetId: presetId ?? state.presetId, playing: false })),
  };
};

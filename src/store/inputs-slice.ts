import type { StateCreator } from 'zustand';
import { getPreset, PRESETS } from '../scenarios/presets';
import { withoutImpossibleFaults } from '../sim/scenario/parse';
import { faultSchema, type Fault, type Scenario } from '../sim/scenario/schema';
import type { FinishRun, InputsSlice, LabState } from './lab-state';
import { clampCursor } from './simulate';

export const DEFAULT_PRESET_ID = 'lost-ack';

export function defaultPreset() {
  return getPreset(DEFAULT_PRESET_ID) ?? PRESETS[0]!;
}

function sameFault(a: Fault, b: Fault): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Shows a new run, keeping the cursor at the same step index when it still exists (clamped otherwise). This is
 * the "fork": same prefix, new suffix.
 */
export const keepCursor: FinishRun = (state, run) => ({ ...run, cursor: clampCursor(state.cursor, run.trace) });

/** Shows a new run from its first event. */
export const fromStart: FinishRun = (_state, run) => ({ ...run, cursor: 0 });

export const createInputsSlice: StateCreator<LabState, [], [], InputsSlice> = (set, get) => {
  /** Replaces the inputs at once; the trace follows when the run is done. */
  const load = (scenario: Scenario, finish: FinishRun, inputs: Partial<LabState> = {}) =>
    get().requestRun(scenario, finish, { scenario, forkTarget: null, ...inputs });
  const update = (change: (s: Scenario) => Scenario) => load(change(get().scenario), keepCursor);
  return {
    presetId: DEFAULT_PRESET_ID,
    scenario: defaultPreset().scenario,
    setIdempotence: (on) =>
      update((s) => {
        // Unset is not false: the key is left out, so Kafka's default (and its leniency) applies.
        const { 'enable.idempotence': _was, ...rest } = s.producer;
        return { ...s, producer: on === undefined ? rest : { ...rest, 'enable.idempotence': on } };
      }),
    setProducerSetting: (key, value) => {
      const changed = get().scenario;
      // A setting can rule out a scripted fault (acks=1: no NOT_ENOUGH_REPLICAS); it is removed, and the user told.
      const { scenario, removed } = withoutImpossibleFaults({ ...changed, producer: { ...changed.producer, [key]: value } });
      if (removed.length === 0) load(scenario, keepCursor);
      else load(scenario, keepCursor, { notices: [{ kind: 'faults-removed', acks: scenario.producer.acks, faults: removed }, ...get().notices] });
    },
    setBrokerSetting: (key, value) => update((s) => ({ ...s, broker: { ...s.broker, [key]: value } })),
    setSeed: (seed) => update((s) => ({ ...s, seed })),
    setKafkaVersion: (kafkaVersion) => update((s) => ({ ...s, kafkaVersion })),
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
      load(preset.scenario, fromStart, { presetId: id, playing: false });
    },
    resetToPreset: () => {
      const preset = getPreset(get().presetId) ?? defaultPreset();
      load(preset.scenario, fromStart, { presetId: preset.id, playing: false });
    },
    loadScenario: (scenario, presetId) => load(scenario, keepCursor, { presetId: presetId ?? get().presetId, playing: false }),
  };
};

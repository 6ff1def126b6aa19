import { parseScenario } from '../sim/scenario/parse';
import type { Scenario } from '../sim/scenario/schema';
import lostAck from './presets/lost-ack.json';

export interface Preset {
  id: string;
  scenario: Scenario;
}

/** In teaching order: simplest story first. */
const FILES: readonly unknown[] = [lostAck];

/** Every preset, validated at load; a broken preset file fails loudly in tests, not silently in the UI. */
export const PRESETS: readonly Preset[] = FILES.map((file) => {
  const parsed = parseScenario(file);
  if (!parsed.ok) throw new Error(`preset: ${parsed.errors.join('; ')}`);
  return { id: parsed.scenario.id, scenario: parsed.scenario };
});

export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

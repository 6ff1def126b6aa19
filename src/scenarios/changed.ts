import type { Scenario } from '../sim/scenario/schema';
import { getPreset } from './presets';

/**
 * Two values are equal as data: the same keys with equal values, whatever the keys' order (a scenario that went
 * through a file, a share link or saved state may come back with its keys in another order). A key whose value is
 * `undefined` counts as absent, as in JSON.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameData(v, bb[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameData(ra[k], rb[k]));
}

/** Whether the scenario is the user's own: changed from the preset it came from, or not from a preset at all. */
export function scenarioChanged(presetId: string, scenario: Scenario): boolean {
  const preset = getPreset(presetId);
  return !preset || !sameData(preset.scenario, scenario);
}

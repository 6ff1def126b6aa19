import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets';
import { sameData, scenarioChanged } from './changed';

describe('a real change to a scenario', () => {
  it('is not a different order of the same keys', () => {
    expect(sameData({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('is any different value, key or array element', () => {
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData({ a: [] }, { a: {} })).toBe(false);
    expect(sameData({ a: null }, { a: {} })).toBe(false);
  });

  it('is seen against the preset the scenario came from', () => {
    const preset = PRESETS[0]!;
    const reordered = Object.fromEntries(Object.entries(preset.scenario).reverse()) as typeof preset.scenario;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(preset.scenario));
    expect(scenarioChanged(preset.id, reordered)).toBe(false);
    expect(scenarioChanged(preset.id, { ...preset.scenario, seed: preset.scenario.seed + 1 })).toBe(true);
    expect(scenarioChanged('no-such-preset', preset.scenario)).toBe(true);
  });
});

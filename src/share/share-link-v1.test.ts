import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { getPreset } from '../scenarios/presets';
import { crc32Hex } from './checksum';
import { decodeShareHash, encodeShareHash } from './share-link';

/**
 * Short links made before scenario format version 2 name a preset and pin its content with a checksum. The version
 * bump must not change what a version 1 preset reads as, or every such link (and QR code) would be refused.
 */
const PINNED: Record<string, string> = { 'lost-ack': 'a1ac09e2', 'broker-crash': '015a8b06', 'producer-restart': '4eed8698' };

describe('share links made for version 1 presets', () => {
  for (const [id, check] of Object.entries(PINNED)) {
    it(`a short link to ${id} made before version 2 still opens`, () => {
      const data = compressToEncodedURIComponent(JSON.stringify({ presetId: id, presetCheck: check, cursor: 3, theme: 'light' }));
      const decoded = decodeShareHash(`#v=1&s=${data}&c=${crc32Hex(data)}`);
      expect(decoded.kind).toBe('ok');
      if (decoded.kind !== 'ok') return;
      expect(decoded.payload.scenario).toEqual(getPreset(id)!.scenario);
      expect(decoded.payload.scenario.version).toBe(1);
      // And this build still writes the same checksum for it.
      expect(encodeShareHash({ presetId: id, scenario: getPreset(id)!.scenario, cursor: 3, theme: 'light' })).toBe(`v=1&s=${data}&c=${crc32Hex(data)}`);
    });
  }

  it('a full link with a version 1 scenario written out opens, and one for a consumer preset carries version 2', () => {
    const v1 = { version: 1, name: 'old', workload: { messages: 2 }, faults: { scripted: [{ kind: 'lose-response', message: 1 }] } };
    const data = compressToEncodedURIComponent(JSON.stringify({ presetId: 'custom', scenario: v1, cursor: 0, theme: 'dark' }));
    const decoded = decodeShareHash(`#v=1&s=${data}&c=${crc32Hex(data)}`);
    expect(decoded.kind === 'ok' && decoded.payload.scenario.version).toBe(1);
    const consumer = getPreset('consumer-dedup-same-transaction')!.scenario;
    const hash = encodeShareHash({ presetId: 'custom', scenario: { ...consumer, seed: 9 }, cursor: 0, theme: 'dark' });
    const back = decodeShareHash(`#${hash}`);
    expect(back.kind === 'ok' && back.payload.scenario).toEqual({ ...consumer, seed: 9 });
  });
});

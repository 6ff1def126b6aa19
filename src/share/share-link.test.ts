import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenarios/presets';
import { errorReplyPossible } from '../sim/protocol/error-replies';
import { parseScenario } from '../sim/scenario/parse';
import type { Scenario } from '../sim/scenario/schema';
import { THEMES } from '../store/lab-state';
import { decodeShareHash, encodeShareHash, MAX_LINK_LENGTH, shareLinkFor, type SharePayload } from './share-link';

const BASE = 'http://127.0.0.1:4173/';

const scenarioArb = fc
  .record({
    preset: fc.constantFrom(...PRESETS),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    name: fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }),
    description: fc.string({ maxLength: 120, unit: 'binary' }),
    // unset is a value of its own (Kafka's default, with its leniency), and survives the round trip
    idempotence: fc.constantFrom(true, false, undefined),
    acks: fc.constantFrom('0', '1', 'all'),
    inFlight: fc.integer({ min: 1, max: 10 }),
    messages: fc.integer({ min: 0, max: 50 }),
    lose: fc.array(fc.record({ message: fc.integer({ min: 1, max: 50 }), attempt: fc.integer({ min: 1, max: 4 }) }), { maxLength: 4 }),
    loseRate: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ preset, lose, ...r }) => {
    const s = preset.scenario;
    // A transactional run takes no packet faults or random rates (its link is loss-free): only its own faults.
    if (s.transactions) lose = [];
    const input = {
      ...s,
      seed: r.seed,
      name: r.name.trim() || 'x',
      description: r.description,
      producer: { ...s.producer, 'enable.idempotence': r.idempotence, acks: r.acks, 'max.in.flight.requests.per.connection': r.inFlight },
      workload: { ...s.workload, messages: r.messages },
      faults: {
        // a preset's scripted error replies that these acks rule out are left out, as the lab does (reference §1.7)
        scripted: [...s.faults.scripted.filter((f) => f.kind !== 'error-reply' || errorReplyPossible(f.error, r.acks)), ...lose.map((l) => ({ kind: 'lose-response', ...l }))],
        rates: { ...s.faults.rates, loseRequest: s.transactions ? 0 : r.loseRate },
      },
    };
    const parsed = parseScenario(input);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return parsed.scenario;
  });

const payloadArb: fc.Arbitrary<SharePayload> = fc
  .record({
    presetId: fc.constantFrom(...PRESETS.map((p) => p.id), 'custom'),
    scenario: scenarioArb,
    cursor: fc.nat({ max: 100_000 }),
    theme: fc.constantFrom(...THEMES),
    lesson: fc.option(
      fc.record({ id: fc.constantFrom('lost-ack', 'epochs'), step: fc.nat({ max: 20 }), revealed: fc.constantFrom(true, undefined) }).map(({ revealed, ...l }) => (revealed ? { ...l, revealed } : l)),
      { nil: undefined },
    ),
  })
  .map(({ lesson, ...p }) => (lesson ? { ...p, lesson } : p));

const hashOf = (data: unknown, v = '1') => `#v=${v}&s=${compressToEncodedURIComponent(typeof data === 'string' ? data : JSON.stringify(data))}`;
const preset = PRESETS[0]!.scenario;
const valid = { presetId: PRESETS[0]!.id, scenario: preset, cursor: 3, theme: 'dark' };

function errorOf(hash: string): string {
  const r = decodeShareHash(hash);
  expect(r.kind).toBe('error');
  return r.kind === 'error' ? r.message : '';
}

describe('share links', () => {
  it('carries the Kafka version', () => {
    const payload: SharePayload = { presetId: valid.presetId, scenario: { ...preset, kafkaVersion: '0.11' }, cursor: 3, theme: 'dark' };
    expect(decodeShareHash(`#${encodeShareHash(payload)}`)).toEqual({ kind: 'ok', payload });
    // a link without it (made before the version lens) shows the lab's default, 4.0
    const { kafkaVersion: _v, ...old } = preset;
    const r = decodeShareHash(hashOf({ ...valid, scenario: old }));
    expect(r.kind === 'ok' && r.payload.scenario.kafkaVersion).toBe('4.0');
  });

  it('round-trip any valid lab state to an identical state', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        const decoded = decodeShareHash(`#${encodeShareHash(payload)}`);
        expect(decoded).toEqual({ kind: 'ok', payload });
      }),
      { numRuns: 150 },
    );
  });

  it('read the link out of a full URL hash as the browser gives it', () => {
    const link = shareLinkFor(`${BASE}#old-hash`, { ...valid, theme: 'projector' } as SharePayload);
    expect(link.kind).toBe('link');
    const url = link.kind === 'link' ? new URL(link.url) : null;
    expect(url!.href.startsWith(`${BASE}#v=1&s=`)).toBe(true);
    expect(decodeShareHash(url!.hash)).toMatchObject({ kind: 'ok', payload: { theme: 'projector', cursor: 3 } });
  });

  it('ignore hashes that are not share links', () => {
    expect(decodeShareHash('')).toEqual({ kind: 'none' });
    expect(decodeShareHash('#')).toEqual({ kind: 'none' });
    expect(decodeShareHash('#section-2')).toEqual({ kind: 'none' });
  });

  it('refuse a link from a newer version, naming both versions', () => {
    expect(errorOf(hashOf(valid, '2'))).toBe('This link was made by a newer version (v2); this build reads v1.');
    expect(errorOf(hashOf(valid, '17'))).toContain('(v17)');
  });

  it('name every kind of damage', () => {
    expect(errorOf('#v=abc&s=xyz')).toBe('The link’s version “abc” is not a version number.'.replace('’', "'"));
    expect(errorOf('#v=0&s=xyz')).toContain('v0 is not one this build reads');
    expect(errorOf(`#s=${compressToEncodedURIComponent('{}')}`)).toContain('has no version');
    expect(errorOf('#v=1')).toContain('has no data');
    expect(errorOf('#v=1&s=')).toContain('has no data');
    expect(errorOf('#v=1&s=@@@@')).toContain('could not be decompressed');
    expect(errorOf(hashOf('{"presetId": "lost-ack", '))).toContain('not valid JSON');
    expect(errorOf(hashOf('[1, 2]'))).toContain('not valid');
  });

  it('report schema errors with field paths, for the payload and the scenario', () => {
    const message = errorOf(
      hashOf({ ...valid, cursor: -1, theme: 'neon', scenario: { ...preset, producer: { ...preset.producer, acks: 'two' }, seed: 1.5 } }),
    );
    expect(message).toContain('cursor:');
    expect(message).toContain('theme:');
    expect(message).toContain('scenario.producer.acks:');
    expect(message).toContain('scenario.seed:');
    expect(errorOf(hashOf({ ...valid, scenario: undefined }))).toContain('scenario:');
    expect(errorOf(hashOf({ ...valid, extra: 1 }))).toContain('extra');
    expect(errorOf(hashOf({ ...valid, scenario: { ...preset, version: 4 } }))).toContain('scenario.version: this file is version 4');
  });

  it('a truncated link is reported as damaged, never applied half-way', () => {
    const full = hashOf(valid);
    const expected = decodeShareHash(full);
    expect(expected.kind).toBe('ok');
    for (let cut = full.length - 1; cut > 8; cut -= 7) {
      const r = decodeShareHash(full.slice(0, cut));
      // The last character may be padding; otherwise the result is an error, never a different state.
      if (r.kind !== 'error') expect(r).toEqual(expected);
    }
    expect(decodeShareHash(full.slice(0, Math.floor(full.length / 2))).kind).toBe('error');
  });

  it('offer a file instead of a link that would be too long', () => {
    // Incompressible text: a long description made of random words.
    let description = '';
    let x = 12345;
    while (description.length < 4000) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      description += `${x.toString(36)} `;
    }
    const scenario: Scenario = { ...preset, description };
    const link = shareLinkFor(BASE, { ...valid, scenario } as SharePayload);
    expect(link.kind).toBe('too-long');
    expect(link.kind === 'too-long' && link.length).toBeGreaterThan(MAX_LINK_LENGTH);
    expect(shareLinkFor(BASE, valid as SharePayload).kind).toBe('link');
  });
});

describe('a link to a preset shown unchanged', () => {
  it('names the preset instead of writing it out: short enough for a QR code a room can scan', () => {
    for (const p of PRESETS) {
      const payload: SharePayload = { presetId: p.id, scenario: p.scenario, cursor: 7, theme: 'projector', lang: 'zh' };
      const hash = encodeShareHash(payload);
      // At most 160: the longest preset id, txn-consume-transform-produce-crash (35 characters), takes exactly that.
      expect(hash.length, p.id).toBeLessThanOrEqual(160);
      expect(decodeShareHash(`#${hash}`)).toEqual({ kind: 'ok', payload });
      // Changed in any way, the scenario is written out whole.
      const changed = { ...payload, scenario: { ...p.scenario, seed: p.scenario.seed + 1 } };
      expect(encodeShareHash(changed).length).toBeGreaterThan(hash.length);
      expect(decodeShareHash(`#${encodeShareHash(changed)}`)).toEqual({ kind: 'ok', payload: changed });
    }
  });

  it('opens only where the preset is the one the link was made from', () => {
    const p = PRESETS[0]!;
    const other = hashOf({ presetId: p.id, presetCheck: '00000000', cursor: 0, theme: 'light' });
    expect(errorOf(other)).toContain(`The link opens the preset “${p.id}” as another version of the lab defined it`);
    expect(errorOf(hashOf({ presetId: 'gone', presetCheck: '00000000', cursor: 0, theme: 'light' }))).toContain('The link opens the preset “gone”, which this build does not have.');
    expect(errorOf(hashOf({ presetId: p.id, presetCheck: 'not-hex', cursor: 0, theme: 'light' }))).toContain('presetCheck');
  });
});

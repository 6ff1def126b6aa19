import { describe, expect, expectTypeOf, it } from 'vitest';
import { en } from './en';
import type { Catalogue, MessageKey } from './t';
import { zh } from './zh';

describe('a language is one catalogue of every key', () => {
  it('the catalogues are complete', () => {
    expectTypeOf(zh).toEqualTypeOf<Catalogue>();
    expectTypeOf(en).toMatchTypeOf<Catalogue>();
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('a catalogue that lacks a key does not type-check', () => {
    const { 'rule.stale-epoch': dropped, ...rest } = en;
    // @ts-expect-error Property 'rule.stale-epoch' is missing: a third language must word every fact.
    const incomplete: Catalogue = rest;
    expect(Object.keys(incomplete)).not.toContain('rule.stale-epoch' satisfies MessageKey);
    expect(dropped).toBeTruthy();
  });
});

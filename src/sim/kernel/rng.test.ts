import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRng, createStream, type StreamName } from './rng';

const names: StreamName[] = ['workload', 'network', 'faults'];
const take = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('seeded streams', () => {
  test('same seed → same sequences, for every stream', () => {
    for (const name of names) {
      const a = createStream(42, name);
      const b = createStream(42, name);
      expect(take(100, a.next)).toEqual(take(100, b.next));
    }
  });

  test('different seeds give different sequences', () => {
    expect(take(10, createStream(1, 'workload').next)).not.toEqual(take(10, createStream(2, 'workload').next));
  });

  test('streams are independent: drawing from one does not change another', () => {
    const fresh = createRng(7);
    const busy = createRng(7);
    take(1000, busy.workload.next);
    busy.faults.at(1, 2, 3);
    expect(take(50, busy.network.next)).toEqual(take(50, fresh.network.next));
    expect(take(50, busy.faults.next)).toEqual(take(50, fresh.faults.next));
  });

  test('different streams of the same seed differ', () => {
    const r = createRng(7);
    expect(take(10, r.workload.next)).not.toEqual(take(10, r.network.next));
    expect(r.network.at(1, 1, 0)).not.toBe(r.faults.at(1, 1, 0));
  });

  test('at(keys) is a pure function of (seed, stream, keys), whatever was drawn before', () => {
    fc.assert(
      fc.property(
        fc.nat(0xffffffff),
        fc.constantFrom(...names),
        fc.array(fc.integer({ min: -1000, max: 100000 }), { maxLength: 4 }),
        fc.nat(50),
        (seed, name, keys, noise) => {
          const a = createStream(seed, name);
          const b = createStream(seed, name);
          take(noise, b.next);
          for (let i = 0; i < noise; i++) b.at(i, noise);
          expect(b.at(...keys)).toBe(a.at(...keys));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('at(keys) depends on the order and value of the keys', () => {
    const s = createStream(3, 'faults');
    expect(s.at(1, 2)).not.toBe(s.at(2, 1));
    expect(s.at(1, 2)).not.toBe(s.at(1, 3));
    expect(s.at(1)).not.toBe(s.at(1, 0));
  });

  test('values lie in [0, 1)', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.constantFrom(...names), fc.array(fc.integer(), { maxLength: 4 }), (seed, name, keys) => {
        const s = createStream(seed, name);
        const v = s.at(...keys);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(1);
        for (const x of take(20, s.next)) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('at() is roughly uniform', () => {
    const s = createStream(11, 'network');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10000; i++) buckets[Math.floor(s.at(i, 1, 0) * 10)]!++;
    for (const b of buckets) expect(b).toBeGreaterThan(800);
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Scheduler } from './scheduler';

function drainAll<T>(s: Scheduler<T>): { t: number; item: T }[] {
  const out: { t: number; item: T }[] = [];
  for (let x = s.pop(); x; x = s.pop()) out.push({ t: x.t, item: x.item });
  return out;
}

describe('Scheduler', () => {
  test('empty pops undefined', () => {
    const s = new Scheduler<string>();
    expect(s.pop()).toBeUndefined();
    expect(s.size).toBe(0);
  });

  test('pops by time, then by insertion order', () => {
    const s = new Scheduler<string>();
    s.push(5, 'a');
    s.push(1, 'b');
    s.push(5, 'c');
    s.push(0, 'd');
    s.push(1, 'e');
    expect(s.size).toBe(5);
    expect(drainAll(s).map((x) => x.item)).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(s.size).toBe(0);
  });

  test('many equal times come out in insertion order', () => {
    const s = new Scheduler<number>();
    for (let i = 0; i < 1000; i++) s.push(7, i);
    expect(drainAll(s).map((x) => x.item)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  test('property: pops equal a stable sort of pushes by time (interleaved pushes and pops)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 5 }) }), fc.constant({ pop: true as const })), { maxLength: 300 }),
        (ops) => {
          const s = new Scheduler<number>();
          let ref: { t: number; id: number }[] = [];
          let id = 0;
          for (const op of ops) {
            if ('push' in op) {
              s.push(op.push, id);
              ref.push({ t: op.push, id });
              id++;
            } else {
              // reference: stable sort by time (Array.prototype.sort is stable)
              ref = ref.slice().sort((a, b) => a.t - b.t);
              const want = ref.shift();
              const got = s.pop();
              expect(got?.item).toBe(want?.id);
              expect(got?.t).toBe(want?.t);
            }
            expect(s.size).toBe(ref.length);
          }
          const rest = ref.slice().sort((a, b) => a.t - b.t);
          expect(drainAll(s).map((x) => x.item)).toEqual(rest.map((x) => x.id));
        },
      ),
      { numRuns: 200 },
    );
  });
});

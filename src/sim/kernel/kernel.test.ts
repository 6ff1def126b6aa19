import { describe, expect, test } from 'vitest';
import { Kernel } from './kernel';

function drain(k: Kernel, seen: string[]): string[] {
  while (k.step());
  return seen;
}

describe('kernel', () => {
  test('runs work in time order, then insertion order, moving the clock', () => {
    const k = new Kernel();
    const seen: string[] = [];
    const at = (t: number, name: string) => k.schedule(t, () => seen.push(`${k.now}:${name}`));
    at(5, 'b');
    at(1, 'a');
    at(5, 'c');
    expect(drain(k, seen)).toEqual(['1:a', '5:b', '5:c']);
  });

  test('as XState’s clock: a timer fires after its delay in virtual time; a cleared one never fires', () => {
    const k = new Kernel();
    const seen: string[] = [];
    k.schedule(10, () => {
      k.setTimeout(() => seen.push(`${k.now}:late`), 5);
      const h = k.setTimeout(() => seen.push(`${k.now}:cleared`), 1);
      k.clearTimeout(h);
    });
    expect(drain(k, seen)).toEqual(['15:late']);
  });

  test('clearing a timer that already fired changes nothing (the run neither ends early nor hangs)', () => {
    const k = new Kernel();
    const seen: string[] = [];
    const h = k.setTimeout(() => seen.push('timer'), 1);
    k.schedule(2, () => seen.push('work'));
    k.schedule(0, () => {
      seen.push('housekeeping');
      if (seen.length < 100) k.schedule(k.now + 1, () => seen.push('housekeeping'), true);
    }, true);
    expect(k.step()).toBe(true); // housekeeping at 0
    expect(k.step()).toBe(true); // timer at 1
    k.clearTimeout(h);
    k.clearTimeout(h);
    drain(k, seen);
    expect(seen.filter((s) => s !== 'housekeeping')).toEqual(['timer', 'work']);
  });

  test('background work alone does not keep a run going', () => {
    const k = new Kernel();
    const seen: string[] = [];
    k.schedule(10, () => seen.push('housekeeping'), true);
    k.schedule(3, () => seen.push('work'));
    expect(drain(k, seen)).toEqual(['work']);
  });

  test('the clock never runs backwards: work scheduled in the past runs now', () => {
    const k = new Kernel();
    const seen: string[] = [];
    k.schedule(5, () => k.schedule(2, () => seen.push(`${k.now}:late`)));
    expect(drain(k, seen)).toEqual(['5:late']);
  });
});

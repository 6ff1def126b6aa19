import { describe, expect, test } from 'vitest';
import { Kernel } from './kernel';

function drain(k: Kernel<string>): string[] {
  const seen: string[] = [];
  for (let item = k.next(); item !== undefined; item = k.next()) seen.push(`${k.now}:${item}`);
  return seen;
}

describe('kernel', () => {
  test('runs items in time order, then insertion order, moving the clock', () => {
    const k = new Kernel<string>();
    k.schedule(5, 'b');
    k.schedule(1, 'a');
    k.schedule(5, 'c');
    expect(drain(k)).toEqual(['1:a', '5:b', '5:c']);
  });

  test('a cancelled timer never fires, and cancel reports whether it was still pending', () => {
    const k = new Kernel<string>();
    k.schedule(1, 'a', false, 7);
    k.schedule(2, 'b', false, 8);
    expect(k.cancel(7)).toBe(true);
    expect(k.cancel(7)).toBe(false);
    expect(k.next()).toBe('b');
    expect(k.cancel(8)).toBe(false); // already fired
    expect(k.next()).toBeUndefined();
  });

  test('background work alone does not keep a run going', () => {
    const k = new Kernel<string>();
    k.schedule(10, 'housekeeping', true);
    k.schedule(3, 'work');
    expect(k.next()).toBe('work');
    expect(k.next()).toBeUndefined();
  });

  test('(regression) cancelling a timer that already fired does not end the run early or make it endless', () => {
    const k = new Kernel<string>();
    k.schedule(1, 'timer', false, 1);
    k.schedule(2, 'work');
    k.schedule(0, 'housekeeping', true);
    const seen: string[] = [];
    for (let item = k.next(); item !== undefined; item = k.next()) {
      seen.push(item);
      if (item === 'timer') k.cancel(1);
      if (item === 'housekeeping' && seen.length < 100) k.schedule(k.now + 1, 'housekeeping', true);
    }
    expect(seen.filter((s) => s !== 'housekeeping')).toEqual(['timer', 'work']);
    expect(seen.length).toBeLessThan(10);
  });

  test('the clock never runs backwards: an item scheduled in the past runs now', () => {
    const k = new Kernel<string>();
    k.schedule(5, 'a');
    k.next();
    k.schedule(2, 'late');
    expect(k.next()).toBe('late');
    expect(k.now).toBe(5);
  });
});

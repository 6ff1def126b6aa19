import { describe, expect, test } from 'vitest';
import { reconnectBackoffMs } from './connection-rules';

describe('reconnectBackoffMs (reconnect.backoff.ms, reconnect.backoff.max.ms)', () => {
  test('reconnect.backoff.ms after a disconnect, doubled per failed attempt, capped at the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 40].map((n) => reconnectBackoffMs(n, 50, 1000))).toEqual([50, 100, 200, 400, 800, 1000, 1000, 1000]);
  });
  test('a base at or above the maximum gives a constant maximum (ExponentialBackoff)', () => {
    expect(reconnectBackoffMs(0, 2000, 1000)).toBe(1000);
    expect(reconnectBackoffMs(5, 1000, 1000)).toBe(1000);
  });
});

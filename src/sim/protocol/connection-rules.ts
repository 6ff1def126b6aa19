/**
 * The wait before the next connection attempt to a broker (ClusterConnectionStates.updateReconnectBackoff):
 * reconnect.backoff.ms doubled for each attempt that failed in a row, capped at reconnect.backoff.max.ms. The count
 * starts at 0 when a connection becomes ready, so the first wait after a disconnect is reconnect.backoff.ms.
 * Kafka adds ±20% jitter; the simulation leaves it out, as it does for the retry backoff.
 * @example reconnectBackoffMs(0, 50, 1000) // → 50; reconnectBackoffMs(3, 50, 1000) // → 400; reconnectBackoffMs(9, 50, 1000) // → 1000
 */
export function reconnectBackoffMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  if (baseMs >= maxMs) return maxMs;
  return Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failedAttempts)));
}

import type { Fault, Scenario } from '../../sim/scenario/schema';
import type { RequestRef } from '../../sim/trace/types';

export type ForkAction = 'lose-request' | 'lose-response' | 'delay-request';

/**
 * The scripted fault that replays this run with one request or response changed. Faults name the logical message
 * and the attempt, so the same prefix replays and only the suffix changes.
 */
export function faultFor(action: ForkAction, ref: RequestRef, scenario: Scenario): Fault | null {
  const message = ref.messages[0];
  if (message === undefined || message < 1) return null;
  const attempt = Math.max(1, ref.attempt);
  const instance = Math.max(1, ref.instance ?? 1);
  if (action === 'delay-request') {
    // Long enough to outlive the request timeout, so a retry overtakes the original.
    const delayMs = Math.max(scenario.faults.rates.delayMs, scenario.producer['request.timeout.ms'] + 100);
    return { kind: 'delay-request', message, attempt, instance, delayMs };
  }
  return { kind: action, message, attempt, instance };
}

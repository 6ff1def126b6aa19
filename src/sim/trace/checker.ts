import type { Outcome } from './outcome-types';
import type { Trace } from './types';

/** Placeholder until the checker lands. */
export function checkTrace(trace: Trace): Outcome {
  return { duplicates: 0, lost: 0, reordered: 0, exactlyOnce: true, inOrder: true, sent: 0, written: trace.log.length, acknowledged: 0, anomalies: [], explanation: '' };
}

import { checkTrace } from '../sim/trace/checker';
import type { Outcome } from '../sim/trace/outcome-types';
import type { Trace } from '../sim/trace/types';

/** The checker's verdict on a run; if the checker itself fails, a verdict that says so instead of a blank page. */
export function checkOutcome(trace: Trace): Outcome {
  try {
    return checkTrace(trace);
  } catch (e) {
    return {
      duplicates: 0,
      lost: 0,
      reordered: 0,
      exactlyOnce: false,
      inOrder: false,
      sent: 0,
      written: trace.log.length,
      acknowledged: 0,
      anomalies: [],
      summary: { configError: null, recognisedRetries: 0, truncated: false, checkerFailed: e instanceof Error ? e.message : String(e) },
    };
  }
}

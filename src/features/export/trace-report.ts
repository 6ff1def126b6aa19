import { toJsonReport } from '../../cli/json-report';
import type { Trace } from '../../sim/trace/types';

/** The trace as one JSON document, the same as the command line's `--json`: scenario, outcome, log, events. */
export function traceReportJson(trace: Trace): string {
  return `${JSON.stringify(toJsonReport(trace), null, 2)}\n`;
}

import type { TraceEvent } from './types';

/** Placeholder: one sentence describing an event for the narration line and the transcript. */
export function describeEvent(ev: TraceEvent): string {
  return ev.kind;
}

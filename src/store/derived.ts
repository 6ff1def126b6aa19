import { getLesson } from '../lessons/lessons';
import { isAsking, stepCursor } from '../lessons/steps';
import { checkTrace } from '../sim/trace/checker';
import { createInspector, type Inspector } from '../sim/trace/inspect';
import type { Outcome } from '../sim/trace/outcome-types';
import type { Trace } from '../sim/trace/types';
import type { LabState } from './lab-state';

/** Derived data is never stored: it is computed once per trace and memoised by identity. */
function memo<T>(compute: (trace: Trace) => T): (trace: Trace) => T {
  const cache = new WeakMap<Trace, T>();
  return (trace) => {
    let v = cache.get(trace);
    if (v === undefined) {
      v = compute(trace);
      cache.set(trace, v);
    }
    return v;
  };
}

export const inspectorFor: (trace: Trace) => Inspector = memo(createInspector);

export const outcomeFor: (trace: Trace) => Outcome = memo((trace) => {
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
});

export interface LogRowFlags {
  /** The message was already in the log at this earlier offset. */
  duplicateOf: number[];
  /** This record sits after a record of a later message. */
  reordered: boolean[];
}

/** Per log record: is it a repeat of an earlier message, and is it out of the application's order? */
export const logFlagsFor: (trace: Trace) => LogRowFlags = memo((trace) => {
  const first = new Map<number, number>();
  const duplicateOf: number[] = [];
  const reordered: boolean[] = [];
  let maxMessage = -Infinity;
  for (const r of trace.log) {
    const seen = first.get(r.message);
    duplicateOf.push(seen ?? -1);
    if (seen === undefined) first.set(r.message, r.offset);
    reordered.push(seen === undefined && r.message < maxMessage);
    if (r.message > maxMessage) maxMessage = r.message;
  }
  return { duplicateOf, reordered };
});

/**
 * A lesson question is waiting for its answer. Until it is revealed, nothing after the cursor is shown (timeline,
 * event list), nor the run's outcome or the current event's narration, so that the screen does not give it away.
 */
export function selectQuestionOpen(s: LabState): boolean {
  if (s.lessonId === null) return false;
  return isAsking(getLesson(s.lessonId)?.steps[s.lessonStep], s.askQuestions, s.revealed);
}

/**
 * The furthest the cursor may go. While a lesson question waits for its answer, that is the event just before the
 * one that answers it: stepping, playing or scrubbing on would show the answer in the inspectors and the timeline.
 * Otherwise it is the last event of the run.
 */
export function selectCursorLimit(s: LabState): number {
  const last = Math.max(0, s.trace.events.length - 1);
  if (!selectQuestionOpen(s)) return last;
  const waiting = stepCursor(s.trace, getLesson(s.lessonId)!.steps[s.lessonStep]!, true);
  return waiting < 0 ? last : Math.min(last, waiting);
}

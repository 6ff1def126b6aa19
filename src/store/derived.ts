import { getLesson } from '../lessons/lessons';
import { isAsking, stepCursor } from '../lessons/steps';
import { createInspector, type Inspector } from '../sim/trace/inspect';
import type { Outcome } from '../sim/trace/outcome-types';
import type { Trace } from '../sim/trace/types';
import type { LabState } from './lab-state';

/**
 * Derived data is never stored: it is computed once per trace and memoised by identity. A value may also be
 * primed: computed elsewhere (the outcome in the worker, indexes as the trace arrived in pieces) and remembered
 * for that trace, so that showing it costs nothing more.
 */
function memo<T>(compute: (trace: Trace) => T): ((trace: Trace) => T) & { prime(trace: Trace, value: T): void } {
  const cache = new WeakMap<Trace, T>();
  const get = (trace: Trace) => {
    let v = cache.get(trace);
    if (v === undefined) {
      v = compute(trace);
      cache.set(trace, v);
    }
    return v;
  };
  return Object.assign(get, { prime: (trace: Trace, value: T) => void cache.set(trace, value) });
}

export const inspectorFor = memo<Inspector>(createInspector);

/**
 * The checker on this thread: only a fallback, since the worker computes every run's verdict and primes it here.
 * It is loaded after the first page (`loadChecker`), so the first page carries none of the checker's code.
 */
let checkOnPage: ((trace: Trace) => Outcome) | null = null;

/** Loads the checker for this thread (started by main.tsx once the page is shown; awaited by the unit tests' setup). */
export function loadChecker(): Promise<void> {
  return import('./check-outcome').then((m) => {
    checkOnPage = m.checkOutcome;
  });
}

/**
 * Before the checker has loaded: a run with no events yet (the placeholder shown until the worker answers) has
 * nothing to judge, and gets the verdict the checker gives an empty run; any other run (never seen in practice: the
 * worker's verdict comes with it) says that its verdict is not ready. Neither is remembered.
 */
function beforeChecker(trace: Trace): Outcome {
  void loadChecker();
  const empty = trace.events.length === 0;
  return {
    duplicates: 0,
    lost: 0,
    reordered: 0,
    exactlyOnce: empty && trace.configError === null,
    inOrder: empty,
    sent: 0,
    written: trace.log.length,
    acknowledged: 0,
    anomalies: [],
    summary: empty
      ? { configError: trace.configError, recognisedRetries: 0, truncated: trace.truncated }
      : { configError: null, recognisedRetries: 0, truncated: false, checkerFailed: 'the checker is still loading' },
  };
}

const outcomes = new WeakMap<Trace, Outcome>();

/** The checker's verdict (see checkOutcome); the worker computes it with the run and primes it here. */
export const outcomeFor = Object.assign(
  (trace: Trace): Outcome => {
    const known = outcomes.get(trace);
    if (known) return known;
    if (!checkOnPage) return beforeChecker(trace);
    const v = checkOnPage(trace);
    outcomes.set(trace, v);
    return v;
  },
  { prime: (trace: Trace, value: Outcome) => void outcomes.set(trace, value) },
);

export interface LogRowFlags {
  /** The message was already in the log at this earlier offset. */
  duplicateOf: number[];
  /** This record sits after a record of a later message. */
  reordered: boolean[];
}

/** Per log record: is it a repeat of an earlier message, and is it out of the application's order? */
export const logFlagsFor = memo<LogRowFlags>((trace) => {
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

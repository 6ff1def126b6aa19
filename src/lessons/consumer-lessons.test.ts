import { describe, expect, it } from 'vitest';
import { runSimulation } from '../sim/run-simulation';
import type { TraceEvent } from '../sim/trace/types';
import { CONSUMER_LESSONS } from './consumer-lessons';
import { stepCursor, stepScenario } from './steps';

/** Committed database transactions that wrote message `m`'s effect. */
const effectsOf = (shown: readonly TraceEvent[], m: number) => shown.filter((e) => e.kind === 'db.txn' && e.result === 'committed' && e.ops.some((op) => op.op === 'effect' && op.message === m));
/** Database transactions that looked message `m` up (the first delivery's, then the redelivery's). */
const checksOf = (shown: readonly TraceEvent[], m: number) => shown.filter((e) => e.kind === 'db.txn' && e.ops.some((op) => op.op === 'check' && op.message === m));
const ofInstance2 = (e: TraceEvent) => 'consumer' in e && (e.consumer as { instance: number }).instance === 2;

/**
 * What would give each consumer-side question's answer away, among the events drawn while it waits (everything up
 * to the cursor). Every question must be listed, so a new one gets its check.
 */
const GIVES_AWAY: Record<string, (shown: readonly TraceEvent[]) => TraceEvent[]> = {
  // Where the new process starts: its fetched position, or what it polls.
  'consumer-commit-order/restart-position': (shown) => shown.filter((e) => (e.kind === 'offset.fetched' || e.kind === 'records.polled') && ofInstance2(e)),
  'consumer-commit-order/commit-first-restart': (shown) => shown.filter((e) => (e.kind === 'offset.fetched' || e.kind === 'records.polled') && ofInstance2(e)),
  'consumer-crash-between-effect-and-commit/old-member-removed': (shown) => shown.filter((e) => e.kind === 'group.member.removed'),
  'consumer-crash-between-effect-and-commit/database-after-restart': (shown) => effectsOf(shown, 2).slice(1),
  'consumer-slow-poll-rebalance/no-poll': (shown) => shown.filter((e) => e.kind === 'poll.timeout' || (e.kind === 'group.member.removed' && e.member === 'consumer-1')),
  'consumer-slow-poll-rebalance/late-commit': (shown) => shown.filter((e) => (e.kind === 'commit.completed' && e.error !== 'NONE') || (e.kind === 'offset.commit.handled' && e.error !== 'NONE')),
  'consumer-memory-dedup/message-2-returns': (shown) => effectsOf(shown, 2).slice(1),
  // The check's result is drawn on the database lane: found or not.
  'consumer-processed-id-transaction/two-transactions-return': (shown) => [...effectsOf(shown, 2).slice(1), ...checksOf(shown, 2).slice(1)],
  'consumer-processed-id-transaction/one-transaction-return': (shown) => [...shown.filter((e) => e.kind === 'dedup.skipped'), ...checksOf(shown, 2).slice(1)],
  'consumer-message-state-machine/recovery': (shown) => shown.filter((e) => e.kind === 'recovery.scanned' && e.pending.length > 0),
  'consumer-idempotent-producer-not-enough/after-restart': (shown) => effectsOf(shown, 2).slice(1),
};

describe('consumer-side lessons: no question is answered on screen before it is revealed', () => {
  for (const lesson of CONSUMER_LESSONS) {
    lesson.steps.forEach((step, k) => {
      if (!step.question) return;
      const key = `${lesson.id}/${step.id}`;
      it(key, () => {
        expect(Object.keys(GIVES_AWAY), 'every question has a check').toContain(key);
        const trace = runSimulation(stepScenario(lesson, k)!.scenario);
        const waiting = stepCursor(trace, step, true);
        expect(waiting).toBeGreaterThan(0);
        const givesAway = GIVES_AWAY[key]!;
        expect(givesAway(trace.events.slice(0, waiting + 1)).map((e) => `#${e.i} ${e.kind}`)).toEqual([]);
        // Once revealed, the run goes on to show it: the question is about what happens next.
        expect(givesAway(trace.events).length).toBeGreaterThan(0);
      });
    });
  }
});

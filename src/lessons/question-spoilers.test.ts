import { describe, expect, it } from 'vitest';
import { runSimulation } from '../sim/run-simulation';
import type { TraceEvent } from '../sim/trace/types';
import { about } from './anchors';
import { LESSONS } from './lessons';
import { stepCursor, stepScenario } from './steps';

/**
 * No lesson question is answered on screen before it is revealed. While a question waits, the timeline draws every
 * event up to the cursor; for each question of each lesson, these are the events that would give its answer away,
 * and none may be among them. Once revealed, the run goes on to show one (the question is about what happens next).
 * A check is a predicate over one event, or over all the events drawn so far (a count: a second effect); null where
 * the question is about a rule rather than an event still to come. Every question must be listed, so a new one gets
 * its check.
 */
type Check = ((e: TraceEvent) => boolean) | { drawn: (shown: readonly TraceEvent[]) => TraceEvent[] } | null;

const handled = (message: number, attempt?: number) => (e: TraceEvent) => e.kind === 'broker.handled' && about(message, attempt)(e);
/** Committed database transactions that wrote message `m`'s effect. */
const effectsOf = (shown: readonly TraceEvent[], m: number) => shown.filter((e) => e.kind === 'db.txn' && e.result === 'committed' && e.ops.some((op) => op.op === 'effect' && op.message === m));
/** Database transactions that looked message `m` up (the first delivery's, then the redelivery's). */
const checksOf = (shown: readonly TraceEvent[], m: number) => shown.filter((e) => e.kind === 'db.txn' && e.ops.some((op) => op.op === 'check' && op.message === m));
const ofInstance2 = (e: TraceEvent) => 'consumer' in e && (e.consumer as { instance: number }).instance === 2;
const secondEffectOf = (m: number): Check => ({ drawn: (shown) => effectsOf(shown, m).slice(1) });

const GIVES_AWAY: Record<string, Check> = {
  // The producer side. The producer's reaction to the lost ack: the retry.
  'lost-ack/ack-lost': (e) => (e.kind === 'retry.scheduled' && e.messages.includes(1)) || (e.kind === 'request.sent' && about(1, 2)(e)),
  'lost-ack/retry-written': handled(1, 2),
  'lost-ack/broker-recognises-retry': handled(1, 2),
  'lost-request/retry-first-write': handled(1, 2),
  'delayed-original/original-finally-arrives': handled(1, 1),
  'reorder-in-flight/message-4-overtakes-message-3': handled(4, 1),
  // Message 3 failing with the closed connection, or its request failing.
  'stalled-connection/one-timeout-closes-connection': (e) => (e.kind === 'connection.closed' && e.failed.length > 0) || (e.kind === 'request.failed' && about(3)(e)),
  'sequence-gap-epoch-bump/message-3-hits-gap': handled(3),
  'sequence-gap-epoch-bump/producer-bumps-epoch': (e) => e.kind === 'epoch.bumped',
  'beyond-dedup-window/stale-copy-falls-outside-window': handled(1, 1),
  'broker-restart/broker-restarts-from-snapshot': (e) => e.kind === 'broker.restarted',
  'broker-restart/crash-replays-log': (e) => e.kind === 'broker.restarted',
  'kafka-versions/kafka-2-4-resets-id': (e) => e.kind === 'pid.reset' || (e.kind === 'request.failed' && about(4)(e)),
  'producer-restart/new-producer-new-id': (e) => e.kind === 'pid.assigned' && e.instance === 2,
  'client-side-dedup/client-not-know': null,
  'client-side-dedup/same-symptom-request-lost': null,
  'new-producer-reorder/message-2-goes-first': handled(2, 1),
  'producer-expiry/retry-accepted-new': handled(1, 2),
  // The consumer side. Where the new process starts: its fetched position, or what it polls.
  'consumer-commit-order/restart-position': (e) => (e.kind === 'offset.fetched' || e.kind === 'records.polled') && ofInstance2(e),
  'consumer-commit-order/commit-first-restart': (e) => (e.kind === 'offset.fetched' || e.kind === 'records.polled') && ofInstance2(e),
  'consumer-crash-between-effect-and-commit/old-member-removed': (e) => e.kind === 'group.member.removed',
  'consumer-crash-between-effect-and-commit/database-after-restart': secondEffectOf(2),
  'consumer-slow-poll-rebalance/no-poll': (e) => e.kind === 'poll.timeout' || (e.kind === 'group.member.removed' && e.member === 'consumer-1'),
  'consumer-slow-poll-rebalance/late-commit': (e) => (e.kind === 'commit.completed' && e.error !== 'NONE') || (e.kind === 'offset.commit.handled' && e.error !== 'NONE'),
  'consumer-memory-dedup/message-2-returns': secondEffectOf(2),
  // The check's result is drawn on the database lane: found or not.
  'consumer-processed-id-transaction/two-transactions-return': { drawn: (shown) => [...effectsOf(shown, 2).slice(1), ...checksOf(shown, 2).slice(1)] },
  'consumer-processed-id-transaction/one-transaction-return': { drawn: (shown) => [...shown.filter((e) => e.kind === 'dedup.skipped'), ...checksOf(shown, 2).slice(1)] },
  'consumer-message-state-machine/recovery': (e) => e.kind === 'recovery.scanned' && e.pending.length > 0,
  'consumer-idempotent-producer-not-enough/after-restart': secondEffectOf(2),
  // Transactions. The coordinator's fence and its answer to the replacement.
  'txn-zombie-fencing/fence': (e) => (e.kind === 'txn.state' && (e.to === 'PrepareEpochFence' || e.epoch > 0)) || (e.kind === 'txn.handled' && e.error === 'CONCURRENT_TRANSACTIONS'),
  // Any sign of epoch 2.
  'txn-zombie-fencing/second-bump': (e) => (e.kind === 'txn.state' && e.epoch >= 2) || (e.kind === 'txn.handled' && (e.assigned?.epoch ?? 0) >= 2),
  'txn-zombie-fencing/zombie-fenced': (e) => 'error' in e && e.error === 'PRODUCER_FENCED',
  'txn-isolation-levels/committed-held': (e) => e.kind === 'reader.fetched' && e.isolation === 'read_committed',
  'txn-isolation-levels/committed-skips': (e) => e.kind === 'reader.fetched' && e.isolation === 'read_committed' && e.records.length > 0,
  'txn-consume-transform-produce/restart-position': (e) => e.kind === 'txn.response' && e.api === 'OffsetFetch' && e.instance === 2,
  'txn-markers-take-offsets/next-offset': (e) => (e.kind === 'txn.handled' && e.api === 'Produce' && e.txn === 2) || (e.kind === 'txn.marker' && e.offset > 2),
  'txn-markers-take-offsets/lag': null,
  'txn-hanging-lso/late-write': (e) => e.kind === 'txn.handled' && e.api === 'Produce' && e.instance === 1 && e.error === 'NONE',
  'txn-hanging-lso/leak': (e) => (e.kind === 'txn.marker' && e.result === 'COMMIT') || (e.kind === 'reader.fetched' && e.isolation === 'read_committed' && e.records.length > 0),
};

const drawnOf = (check: Exclude<Check, null>, shown: readonly TraceEvent[]) => (typeof check === 'function' ? shown.filter(check) : check.drawn(shown));

describe('lesson questions: nothing drawn before the reveal answers them', () => {
  for (const lesson of LESSONS) {
    lesson.steps.forEach((step, k) => {
      if (!step.question) return;
      const key = `${lesson.id}/${step.id}`;
      it(key, () => {
        expect(Object.keys(GIVES_AWAY), 'every question has a check').toContain(key);
        const check = GIVES_AWAY[key];
        if (!check) return;
        const trace = runSimulation(stepScenario(lesson, k)!.scenario);
        const waiting = stepCursor(trace, step, true);
        expect(waiting).toBeGreaterThan(0);
        expect(drawnOf(check, trace.events.slice(0, waiting + 1)).map((e) => `#${e.i} ${e.kind}`)).toEqual([]);
        expect(drawnOf(check, trace.events).length).toBeGreaterThan(0);
      });
    });
  }
});

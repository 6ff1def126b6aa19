import type { EventOf } from '../sim/trace/types';
import { end, first, nth } from './anchors';
import type { Lesson } from './types';

/** A database transaction that wrote message `m`'s effect. */
const effectOf = (m: number) => (e: EventOf<'db.txn'>) => e.result === 'committed' && e.ops.some((op) => op.op === 'effect' && op.message === m);
/** A database transaction that looked message `m` up in the processed-id table. */
const checkOf = (m: number) => (e: EventOf<'db.txn'>) => e.ops.some((op) => op.op === 'check' && op.message === m);

/** The consumer side's lessons: what happens after the log, in the application that reads it. */
export const CONSUMER_LESSONS: readonly Lesson[] = [
  {
    id: 'consumer-commit-order',
    title: 'Consumer: at-least-once or at-most-once, by commit order',
    presetId: 'consumer-crash-before-commit',
    settings: {},
    steps: [
      {
        id: 'effect-then-commit',
        at: first('commit.sent'),
      },
      {
        id: 'restart-position',
        at: first('offset.fetched', (e) => e.committed >= 0),
        question: { correct: 0 },
      },
      {
        id: 'at-least-once',
        at: nth(2, 'db.txn', effectOf(2)),
      },
      {
        id: 'commit-first-restart',
        presetId: 'consumer-commit-before-processing',
        at: first('offset.fetched', (e) => e.committed === 2),
        question: { correct: 1 },
      },
    ],
  },
  {
    id: 'consumer-crash-between-effect-and-commit',
    title: 'Consumer: the crash between the effect and the commit',
    presetId: 'consumer-crash-before-commit',
    settings: {},
    steps: [
      {
        id: 'effect-committed',
        at: first('db.txn', effectOf(2)),
      },
      {
        id: 'crash',
        at: first('consumer.crashed'),
      },
      {
        id: 'old-member-removed',
        at: first('group.member.removed'),
        question: { correct: 0 },
      },
      {
        id: 'database-after-restart',
        at: nth(2, 'db.txn', effectOf(2)),
        question: { correct: 1 },
      },
      {
        id: 'verdict',
        at: end,
      },
    ],
  },
  {
    id: 'consumer-slow-poll-rebalance',
    title: 'Consumer: the rebalance after a slow poll',
    presetId: 'consumer-slow-processing-rebalance',
    settings: {},
    steps: [
      {
        id: 'slow-record',
        at: first('record.processing', (e) => e.extraMs > 0),
      },
      {
        id: 'no-poll',
        at: first('poll.timeout'),
        question: { correct: 1 },
      },
      {
        id: 'takeover',
        at: first('record.processing', (e) => e.member === 'consumer-2' && e.message === 2),
      },
      {
        id: 'late-commit',
        at: first('commit.completed', (e) => e.error !== 'NONE'),
        question: { correct: 1 },
      },
    ],
  },
  {
    id: 'consumer-memory-dedup',
    title: 'Consumer: why an in-memory seen-set forgets',
    presetId: 'consumer-dedup-in-memory-restart',
    settings: {},
    steps: [
      {
        id: 'memory-set',
        at: first('record.done'),
      },
      {
        id: 'crash',
        at: first('consumer.crashed'),
      },
      {
        id: 'message-2-returns',
        at: nth(2, 'db.txn', effectOf(2)),
        question: { correct: 1 },
      },
    ],
  },
  {
    id: 'consumer-processed-id-transaction',
    title: 'Consumer: the processed id shares the effect’s transaction',
    presetId: 'consumer-dedup-same-transaction',
    settings: {},
    steps: [
      {
        id: 'separate-transactions',
        dedup: 'after-effect',
        at: first('db.txn', effectOf(2)),
      },
      {
        id: 'two-transactions-return',
        dedup: 'after-effect',
        // The redelivery's check: the database lane shows what it finds, so the question waits before it.
        at: nth(2, 'db.txn', checkOf(2)),
        question: { correct: 1 },
      },
      {
        id: 'one-transaction',
        at: first('db.txn', effectOf(2)),
      },
      {
        id: 'one-transaction-return',
        at: nth(2, 'db.txn', checkOf(2)),
        question: { correct: 1 },
      },
    ],
  },
  {
    id: 'consumer-message-state-machine',
    title: 'Consumer: a persisted state machine per message recovers',
    presetId: 'consumer-message-state-machine',
    settings: {},
    steps: [
      {
        id: 'received',
        at: first('db.txn', (e) => e.ops.some((op) => op.op === 'state' && op.to === 'received')),
      },
      {
        id: 'crash-after-commit',
        at: first('consumer.crashed'),
      },
      {
        id: 'outage',
        at: first('db.down'),
      },
      {
        id: 'recovery',
        at: first('recovery.scanned', (e) => e.pending.length > 0),
        question: { correct: 1 },
      },
      {
        id: 'done',
        at: first('db.txn', effectOf(2)),
      },
    ],
  },
  {
    id: 'consumer-idempotent-producer-not-enough',
    title: 'An idempotent producer does not make the consumer exactly-once',
    presetId: 'consumer-dedup-in-memory-restart',
    settings: {},
    dedup: 'none',
    steps: [
      {
        id: 'retry-recognised',
        at: first('broker.handled', (e) => e.verdict === 'duplicate'),
      },
      {
        id: 'after-restart',
        at: nth(2, 'db.txn', effectOf(2)),
        question: { correct: 1 },
      },
      {
        id: 'two-verdicts',
        at: end,
      },
    ],
  },
];

import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { PolledRecord } from '../protocol/consumer-rules';
import type { CommitError, ConsumerMemberId } from '../trace/types';
import {
  beginConsumerStep,
  commitAnswered,
  createConsumerModel,
  dbAnswered,
  dbRetry,
  endConsumerStep,
  fetched,
  heartbeatAnswered,
  heartbeatDue,
  joined,
  pollTimedOut,
  processDone,
  rebalanceNoticed,
  start,
  type ConsumerEffect,
  type ConsumerFact,
  type ConsumerInput,
  type ConsumerModel,
  type ConsumerStep,
  type DbAnswer,
  type JoinResponse,
} from './consumer-model';
import { enact, type ChildStarted, type Enqueue, type TraceEmitted } from './trace-emit';

/** A member process's actor id in the system: `consumer-1.1`, and `consumer-1.2` after its first restart. */
export const consumerSystemId = (member: ConsumerMemberId, instance: number): string => `${member}.${instance}`;

export type ConsumerEvent =
  | { type: 'consumer.start' }
  | ({ type: 'join.response' } & JoinResponse)
  | { type: 'fetch.response'; from: number; records: PolledRecord[] }
  | ({ type: 'db.result' } & DbAnswer)
  | { type: 'db.retry' }
  | { type: 'commit.response'; commit: number; error: CommitError }
  | { type: 'commit.timeout'; commit: number }
  | { type: 'process.done' }
  | { type: 'poll.timeout' }
  | { type: 'rebalance.notice'; generation: number }
  | { type: 'heartbeat.due' }
  | { type: 'heartbeat.response'; error: CommitError };

export interface ConsumerContext {
  m: ConsumerModel;
  clock: SimClock;
}

export interface ConsumerMachineInput extends ConsumerInput {
  clock: SimClock;
}

function enactConsumer(out: readonly ConsumerEffect[], cause: { type: string }, enqueue: Enqueue, m: ConsumerModel, system: { get: (id: string) => AnyActorRef | undefined }): void {
  let facts: string[] | undefined;
  for (const fx of out) if (fx.type === 'fact') (facts ??= []).push(fx.fact.type);
  enact(
    out,
    cause,
    enqueue,
    (fx) => {
      if (fx.type === 'fact') enqueue.raise(fx.fact);
      else if (fx.type === 'coordinator') {
        const to = system.get('coordinator');
        if (to) enqueue.sendTo(to, fx.event, { delay: fx.delayMs });
      } else if (fx.type === 'database') {
        const to = system.get('database');
        if (to) enqueue.sendTo(to, { type: 'db.txn', member: m.member, txn: fx.txn, program: fx.program as never, replyTo: m.self }, { delay: m.database.latencyMs });
      } else if (fx.type === 'crash') {
        const { member, instance, memberId, env } = m;
        enqueue(() => env.crashed(member, instance, fx.downMs, memberId));
      }
    },
    facts,
  );
}

type Event = ConsumerEvent | ConsumerFact;

const step = <T extends ConsumerEvent['type']>(type: T, f: (s: ConsumerStep, e: Extract<ConsumerEvent, { type: T }>) => void) =>
  enqueueActions<ConsumerContext, Event, undefined, Event, never, never, never, never, TraceEmitted | ChildStarted>(({ context, event, system, enqueue }) => {
    if (event.type !== type) return;
    const s = beginConsumerStep(context.m, context.clock.now);
    f(s, event as Extract<ConsumerEvent, { type: T }>);
    const m = endConsumerStep(s);
    enqueue.assign({ m });
    enactConsumer(s.out, event, enqueue as unknown as Enqueue, m, system as never);
  });

/**
 * A consumer group member: one application process that joins the group, polls the partition, handles each record
 * (its own work, then the database transactions its deduplication strategy needs), commits offsets by its
 * strategy, and rejoins when the group rebalances. Its rules are the pure functions of protocol/consumer-rules.ts,
 * called from consumer-model.ts; facts raised by a step move the states. A crash ends this actor: the environment
 * starts a new process (a new actor, the same member name) after the down time. Heartbeats are implicit: a live
 * process is taken to send them; a crash or a pause stops them, and the coordinator's session timer runs.
 */
export const consumerMachine = setup({
  types: { context: {} as ConsumerContext, events: {} as Event, input: {} as ConsumerMachineInput, emitted: {} as TraceEmitted | ChildStarted },
  actions: {
    start: step('consumer.start', (s) => start(s)),
    joined: step('join.response', (s, e) => joined(s, e)),
    fetched: step('fetch.response', (s, e) => fetched(s, e.records, e.from)),
    dbAnswered: step('db.result', (s, e) => dbAnswered(s, e)),
    dbRetry: step('db.retry', (s) => dbRetry(s)),
    commitAnswered: step('commit.response', (s, e) => commitAnswered(s, e.commit, e.error)),
    commitTimedOut: step('commit.timeout', (s, e) => commitAnswered(s, e.commit, 'REQUEST_TIMED_OUT')),
    processDone: step('process.done', (s) => processDone(s)),
    pollTimedOut: step('poll.timeout', (s) => pollTimedOut(s)),
    rebalanceNoticed: step('rebalance.notice', (s, e) => rebalanceNoticed(s, e.generation)),
    heartbeatDue: step('heartbeat.due', (s) => heartbeatDue(s)),
    heartbeatAnswered: step('heartbeat.response', (s, e) => heartbeatAnswered(s, e.error)),
  },
}).createMachine({
  id: 'consumer',
  context: ({ input }) => ({ m: createConsumerModel(input), clock: input.clock }),
  initial: 'idle',
  on: {
    'join.response': { actions: 'joined' },
    'fetch.response': { actions: 'fetched' },
    'db.result': { actions: 'dbAnswered' },
    'db.retry': { actions: 'dbRetry' },
    'commit.response': { actions: 'commitAnswered' },
    'commit.timeout': { actions: 'commitTimedOut' },
    'process.done': { actions: 'processDone' },
    'poll.timeout': { actions: 'pollTimedOut' },
    'rebalance.notice': { actions: 'rebalanceNoticed' },
    'heartbeat.due': { actions: 'heartbeatDue' },
    'heartbeat.response': { actions: 'heartbeatAnswered' },
    'to.joining': '.joining',
    'to.rebalancing': '.rebalancing',
    'to.polling': '.polling',
    'to.processing': '.processing',
    'to.committing': '.committing',
    'to.crashed': '.crashed',
    'to.stopped': '.stopped',
  },
  states: {
    idle: {
      description: 'the process has started; it has not subscribed yet',
      on: { 'consumer.start': { actions: 'start' } },
    },
    joining: {
      description: 'JoinGroup sent: waiting for a member id, the generation and an assignment',
    },
    polling: {
      description: 'assigned (or not): waiting in poll() for records from its position',
    },
    processing: {
      description: 'handling the batch poll() returned, record by record: the work, then the database transactions of its dedup strategy',
    },
    committing: {
      description: 'commitSync: waiting for the coordinator to answer the offset commit',
    },
    rebalancing: {
      description: 'the group is rebalancing (or the member was fenced): it rejoins and will get a new generation and maybe another assignment',
    },
    stopped: {
      description: 'no committed offset and auto.offset.reset=none: NoOffsetForPartitionException, the application stops',
    },
    crashed: {
      description: 'the process died: its memory (position, in-memory processed ids) is gone; a new process starts later',
    },
  },
});

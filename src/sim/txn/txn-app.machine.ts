import { setup } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import { managerMoveValid, type ManagerState } from '../protocol/txn-rules';
import { txnStep } from './txn-effects';
import {
  APP_MOVES,
  APP_PHASES,
  type AppPhase,
  createTxnAppModel,
  idleDone,
  MANAGER_STATES,
  responded,
  resumed,
  retried,
  start,
  timedOut,
  type TxnAppInput,
  type TxnAppModel,
  type TxnAppResponse,
} from './txn-app-model';

/** An application instance's actor id in the system: `txn-app.1`, `txn-app.2` after a restart or a takeover. */
export const txnAppSystemId = (instance: number): string => `txn-app.${instance}`;

export type TxnAppEvent =
  | { type: 'app.start' }
  | TxnAppResponse
  | { type: 'request.timeout'; req: number }
  | { type: 'retry' }
  | { type: 'resume' }
  | { type: 'idle.done' };

type Fact = { type: `manager.${string}` | `app.${string}` };
type Event = TxnAppEvent | Fact;
type Ctx = { m: TxnAppModel; clock: SimClock };

export interface TxnAppMachineInput extends TxnAppInput {
  clock: SimClock;
}

const step = <T extends TxnAppEvent['type']>(type: T, f: (m: TxnAppModel, e: Extract<TxnAppEvent, { type: T }>, s: Parameters<Parameters<typeof txnStep>[0]>[2]) => TxnAppModel) =>
  txnStep<TxnAppModel, Event>((m, e, s) => (e.type === type ? f(m, e as Extract<TxnAppEvent, { type: T }>, s) : m));

/**
 * A transaction manager state's transitions: one per move Kafka allows from it (`managerMoveValid`), each on the
 * fact a step raises when it makes that move. A move to the same state is not one (ABORTABLE_ERROR stays).
 */
function managerMoves(from: ManagerState): Record<string, { target: ManagerState }> {
  const on: Record<string, { target: ManagerState }> = {};
  for (const to of MANAGER_STATES) if (to !== 'FATAL_ERROR' && to !== from && managerMoveValid(from, to)) on[`manager.${to}`] = { target: to };
  return on;
}

const MANAGER_DESCRIPTIONS: Record<(typeof MANAGER_STATES)[number], string> = {
  UNINITIALIZED: 'created; initTransactions() not called yet',
  INITIALIZING: 'InitProducerId sent with the transactional.id: waiting for a producer id and epoch (fencing older instances)',
  READY: 'has a producer id and epoch; no transaction open',
  IN_TRANSACTION: 'beginTransaction() called: writes and offsets go into the transaction',
  COMMITTING_TRANSACTION: 'EndTxn(COMMIT) sent: waiting for the coordinator',
  ABORTING_TRANSACTION: 'EndTxn(ABORT) sent: waiting for the coordinator',
  ABORTABLE_ERROR: 'a write or request failed: the transaction can only be aborted',
  FATAL_ERROR: 'fenced (PRODUCER_FENCED) or another fatal error: the producer can only be closed',
};

const APP_DESCRIPTIONS: Record<(typeof APP_PHASES)[number], string> = {
  starting: 'initTransactions(): getting the producer id and epoch',
  fetchingOffsets: 'reading the group’s committed input position (requireStable: waits while offsets are pending)',
  polling: 'fetching input records from its position',
  adding: 'AddPartitionsToTxn: adding the output partitions to the transaction (TV1)',
  producing: 'Produce: the output records, one batch per partition, in one request',
  addingOffsets: 'sendOffsetsToTransaction: AddOffsetsToTxn adds __consumer_offsets to the transaction',
  committingOffsets: 'sendOffsetsToTransaction: TxnOffsetCommit stores the input position, pending until the marker',
  idling: 'doing something else inside the transaction (transaction.timeout.ms keeps counting)',
  ending: 'commitTransaction() or abortTransaction(): EndTxn sent',
  paused: 'stalled (a long pause): it will wake up and carry on, maybe as a zombie',
  crashed: 'the process died',
  closed: 'done, or fenced and closed',
};

/**
 * A transactional application instance: Kafka's consume-transform-produce loop (or a producer that only writes) on
 * a producer with a transactional.id. Two regions: the producer's transaction manager, whose states are Kafka's
 * (TransactionManager.State), and what the application is doing. Its rules are in txn-app-model.ts; facts raised by
 * a step move the regions. A crash ends the actor; the environment starts the next instance.
 */
export const txnAppMachine = setup({
  types: { context: {} as Ctx, events: {} as Event, input: {} as TxnAppMachineInput },
  actions: {
    start: step('app.start', (m, _e, s) => start(m, s)),
    responded: step('response', (m, e, s) => responded(m, e, s)),
    timedOut: step('request.timeout', (m, e, s) => timedOut(m, e.req, s)),
    retried: step('retry', (m, _e, s) => retried(m, s)),
    resumed: step('resume', (m, _e, s) => resumed(m, s)),
    idleDone: step('idle.done', (m, _e, s) => idleDone(m, s)),
  },
}).createMachine({
  id: 'txn-producer',
  context: ({ input }) => ({ m: createTxnAppModel(input), clock: input.clock }),
  type: 'parallel',
  on: {
    'app.start': { actions: 'start' },
    response: { actions: 'responded' },
    'request.timeout': { actions: 'timedOut' },
    retry: { actions: 'retried' },
    resume: { actions: 'resumed' },
    'idle.done': { actions: 'idleDone' },
  },
  states: {
    manager: {
      description: 'the producer’s transaction manager (Kafka’s TransactionManager states)',
      initial: 'UNINITIALIZED',
      // FATAL_ERROR may be entered from any state; every other move only from the states Kafka allows.
      on: { 'manager.FATAL_ERROR': { target: '.FATAL_ERROR' } },
      states: Object.fromEntries(MANAGER_STATES.map((st) => [st, { description: MANAGER_DESCRIPTIONS[st], on: managerMoves(st) }])) as Record<ManagerState, { description: string; on: Record<string, { target: ManagerState }> }>,
    },
    app: {
      description: 'what the application is doing',
      initial: 'starting',
      // Each phase's transitions are the moves its loop allows from it (APP_MOVES), each on the fact a step raises.
      states: Object.fromEntries(
        APP_PHASES.map((st) => [st, { description: APP_DESCRIPTIONS[st], on: Object.fromEntries(APP_MOVES[st].map((to) => [`app.${to}`, { target: to }])) }]),
      ) as Record<AppPhase, { description: string; on: Record<string, { target: AppPhase }> }>,
    },
  },
});

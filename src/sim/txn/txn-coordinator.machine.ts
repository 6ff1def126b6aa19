import { setup } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import { FIRST_PRODUCER_ID } from '../protocol/types';
import {
  abortExpired,
  addPartitions,
  completeTxn,
  createPartitionLog,
  endTxn,
  initProducerId,
  nextCheckAt,
  TXN_STATES,
  txnMoveValid,
  type CoordinatorDecision,
  type PartitionLog,
  type TransactionVersion,
  type TxnError,
  type TxnMeta,
  type TxnResult,
  type TxnState,
} from '../protocol/txn-rules';
import type { TxnRequestRef } from '../trace/types';
import { txnStep, type TxnStep } from './txn-effects';
import { OFFSETS_PARTITION, PARTITIONS_ID, TXN_STATE_PARTITION } from './partitions.machine';

export const TXN_COORDINATOR_ID = 'txn-coordinator';

export type TxnCoordinatorEvent =
  | { type: 'InitProducerId'; ref: TxnRequestRef; replyTo: string }
  | { type: 'AddPartitionsToTxn'; ref: TxnRequestRef; partitions: string[]; replyTo: string }
  | { type: 'AddOffsetsToTxn'; ref: TxnRequestRef; group: string; replyTo: string }
  | { type: 'EndTxn'; ref: TxnRequestRef; result: TxnResult; replyTo: string }
  /** KIP-890: a partition leader checks a first transactional write (TV1), or adds the partition (TV2: `add`). */
  | { type: 'verify'; req: number; pid: number; epoch: number; partitions: string[]; add: boolean; replyTo: string }
  | { type: 'markers.written'; pid: number; epoch: number; result: TxnResult }
  | { type: 'timeout.check' }
  /** The `coordinator-restart` fault: the coordinator's broker goes down, and starts again `downMs` later. */
  | { type: 'coordinator.crash'; downMs: number }
  | { type: 'coordinator.restart' };

type Fact = { type: `to.${TxnState}` } | { type: 'process.down' | 'process.up' };

export interface TxnCoordinatorConfig {
  transactionalId: string;
  tv: TransactionVersion;
  timeoutMs: number;
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms */
  checkIntervalMs: number;
  latencyMs: number;
  /** Is the answer to this transaction's EndTxn to be lost (the `lose-endtxn-response` fault; true once)? */
  loseEndTxnResponse: (txn: number) => boolean;
  alive: (id: string) => boolean;
}

interface CoordinatorModel {
  cfg: TxnCoordinatorConfig;
  /** Down (the coordinator's broker restarting): every request is answered COORDINATOR_NOT_AVAILABLE. */
  down: boolean;
  meta: TxnMeta | null;
  /** `__transaction_state`: every state the transactional id was written in. */
  log: PartitionLog;
  nextPid: number;
}

export interface TxnCoordinatorInput {
  clock: SimClock;
  cfg: TxnCoordinatorConfig;
}

/** Writes a new state to `__transaction_state` and moves the statechart; a state Kafka keeps in memory only (PrepareEpochFence) is not written. */
function moveTo(m: CoordinatorModel, s: TxnStep, from: TxnMeta | null, to: TxnMeta, rule: CoordinatorDecision['rule'] | null, written = true): void {
  let logOffset = -1;
  if (written) {
    logOffset = m.log.records.length;
    m.log.records.push({ offset: logOffset, kind: 'state', message: -1, pid: to.pid, epoch: to.epoch, seq: -1, transactional: false, control: null, state: to.state, t: s.now });
  }
  s.record({ kind: 'txn.state', lane: 'txn-coordinator', transactionalId: to.txnId, from: from?.state ?? null, to: to.state, pid: to.pid, epoch: to.epoch, partitions: to.partitions, logOffset, rule });
  // A transactional id the coordinator has not seen yet is Empty: its first InitProducerId does not move the chart.
  const was = from?.state ?? 'Empty';
  if (was === to.state) return;
  // A move Kafka does not allow is a bug in the lab, thrown as Kafka throws it (TransactionMetadata.prepareTransitionTo).
  if (!txnMoveValid(was, to.state, m.cfg.tv)) throw new Error(`Invalid transition attempted from state ${was} to state ${to.state}`);
  s.fact(`to.${to.state}`);
}

/**
 * The txn region's transitions, one per move Kafka allows (`txnMoveValid`), each on the fact a step raises when
 * it makes that move; the aborts only transaction version 2 allows are guarded.
 */
function txnMoves(from: TxnState): Record<string, { target: TxnState; guard?: 'transactionVersion2' }> {
  const on: Record<string, { target: TxnState; guard?: 'transactionVersion2' }> = {};
  for (const to of TXN_STATES) {
    if (to === from) continue;
    if (txnMoveValid(from, to, 1)) on[`to.${to}`] = { target: to };
    else if (txnMoveValid(from, to, 2)) on[`to.${to}`] = { target: to, guard: 'transactionVersion2' };
  }
  return on;
}

/** Applies a decision: a changed state is written (a fence passes through PrepareEpochFence first), markers are requested. */
function apply(m: CoordinatorModel, s: TxnStep, d: CoordinatorDecision): CoordinatorModel {
  const before = m.meta;
  if (d.meta !== before) {
    const stateChanged = before?.state !== d.meta.state || before.epoch !== d.meta.epoch || before.pid !== d.meta.pid || before.partitions.length !== d.meta.partitions.length;
    if (stateChanged) {
      if (d.rule.id === 'txn-fence-ongoing' || d.rule.id === 'txn-timed-out') {
        const fencing: TxnMeta = { ...d.meta, state: 'PrepareEpochFence' };
        moveTo(m, s, before, fencing, d.rule, false);
        moveTo(m, s, fencing, d.meta, null);
      } else moveTo(m, s, before, d.meta, d.rule);
    }
  }
  if (d.markers) {
    s.send(PARTITIONS_ID, { type: 'markers.write', pid: d.meta.pid, epoch: d.meta.epoch, result: d.markers, partitions: d.meta.partitions, replyTo: TXN_COORDINATOR_ID }, m.cfg.latencyMs);
  }
  return { ...m, meta: d.meta };
}

function answer(m: CoordinatorModel, s: TxnStep, ref: TxnRequestRef, replyTo: string, d: CoordinatorDecision, extra: { assigned?: { pid: number; epoch: number }; lose?: boolean } = {}): void {
  const lost = extra.lose === true || !m.cfg.alive(replyTo);
  if (extra.lose !== true) s.send(replyTo, { type: 'response', ref, error: d.error, ...(extra.assigned ? { assigned: extra.assigned } : {}) }, m.cfg.latencyMs);
  s.record({
    kind: 'txn.handled',
    lane: 'txn-coordinator',
    ...ref,
    error: d.error,
    rule: d.rule,
    state: d.meta.state,
    lost,
    ...(extra.assigned ? { assigned: extra.assigned } : {}),
  });
}

/** While down: the client learns at once that the coordinator is not available (FindCoordinator), and retries. */
function unavailable(m: CoordinatorModel, s: TxnStep, ref: TxnRequestRef, replyTo: string): CoordinatorModel {
  const lost = !m.cfg.alive(replyTo);
  s.send(replyTo, { type: 'response', ref, error: 'COORDINATOR_NOT_AVAILABLE' }, m.cfg.latencyMs);
  s.record({ kind: 'txn.handled', lane: 'txn-coordinator', ...ref, error: 'COORDINATOR_NOT_AVAILABLE', rule: null, lost });
  return m;
}

const steps = {
  initPid: (m: CoordinatorModel, e: Extract<TxnCoordinatorEvent, { type: 'InitProducerId' }>, s: TxnStep) => {
    let nextPid = m.nextPid;
    const d = initProducerId(m.meta, m.cfg.transactionalId, () => nextPid++, m.cfg.timeoutMs);
    const after = apply({ ...m, nextPid }, s, d);
    answer(after, s, e.ref, e.replyTo, d, d.error === 'NONE' ? { assigned: { pid: d.meta.pid, epoch: d.meta.epoch } } : {});
    return after;
  },
  add: (m: CoordinatorModel, ref: TxnRequestRef, partitions: string[], replyTo: string, s: TxnStep) => {
    if (!m.meta) {
      answer(m, s, ref, replyTo, { error: 'INVALID_PRODUCER_ID_MAPPING', meta: { txnId: m.cfg.transactionalId, pid: -1, epoch: -1, lastEpoch: -1, state: 'Empty', partitions: [], startMs: -1, timeoutMs: m.cfg.timeoutMs }, rule: { id: 'txn-unknown-pid', pid: ref.pid, current: -1 } });
      return m;
    }
    const d = addPartitions(m.meta, ref.pid, ref.epoch, partitions, s.now);
    const after = apply(m, s, d);
    answer(after, s, ref, replyTo, d);
    return after;
  },
  endTxn: (m: CoordinatorModel, e: Extract<TxnCoordinatorEvent, { type: 'EndTxn' }>, s: TxnStep) => {
    if (!m.meta) return steps.add(m, e.ref, [], e.replyTo, s);
    const d = endTxn(m.meta, e.ref.pid, e.ref.epoch, e.result, m.cfg.tv);
    const after = apply(m, s, d);
    const assigned = m.cfg.tv === 2 && d.error === 'NONE' ? { pid: d.meta.pid, epoch: d.meta.epoch } : undefined;
    answer(after, s, e.ref, e.replyTo, d, { ...(assigned ? { assigned } : {}), lose: d.error === 'NONE' && m.cfg.loseEndTxnResponse(e.ref.txn) });
    return after;
  },
  verify: (m: CoordinatorModel, e: Extract<TxnCoordinatorEvent, { type: 'verify' }>, s: TxnStep) => {
    const meta = m.meta;
    let after = m;
    let results: { partition: string; ok: boolean; error: TxnError }[];
    if (!meta || meta.pid !== e.pid) results = e.partitions.map((partition) => ({ partition, ok: false, error: 'INVALID_PRODUCER_ID_MAPPING' }));
    else if (e.add) {
      const d = addPartitions(meta, e.pid, e.epoch, e.partitions, s.now);
      if (d.error === 'NONE') after = apply(m, s, d);
      results = e.partitions.map((partition) => ({ partition, ok: d.error === 'NONE', error: d.error }));
    } else {
      const current = meta.epoch === e.epoch && meta.state === 'Ongoing';
      results = e.partitions.map((partition) => {
        if (meta.epoch !== e.epoch) return { partition, ok: false, error: 'PRODUCER_FENCED' };
        const ok = current && meta.partitions.includes(partition);
        return { partition, ok, error: ok ? 'NONE' : 'INVALID_TXN_STATE' };
      });
    }
    s.send(e.replyTo, { type: 'verify.result', req: e.req, results }, m.cfg.latencyMs);
    return after;
  },
  markersWritten: (m: CoordinatorModel, e: Extract<TxnCoordinatorEvent, { type: 'markers.written' }>, s: TxnStep) => {
    if (!m.meta || m.meta.pid !== e.pid || m.meta.epoch !== e.epoch) return m;
    const meta = completeTxn(m.meta);
    if (meta === m.meta) return m;
    moveTo(m, s, m.meta, meta, null);
    return { ...m, meta };
  },
  timeoutCheck: (m: CoordinatorModel, _e: TxnCoordinatorEvent, s: TxnStep) => {
    // While down nothing is checked; the check after the restart catches up.
    if (!m.meta || m.down) return m;
    const d = abortExpired(m.meta, s.now);
    return d ? apply(m, s, d) : m;
  },
  crash: (m: CoordinatorModel, e: Extract<TxnCoordinatorEvent, { type: 'coordinator.crash' }>, s: TxnStep) => {
    if (m.down) return m;
    s.record({ kind: 'coordinator.down', lane: 'txn-coordinator', untilT: s.now + e.downMs });
    s.fact('process.down');
    return { ...m, down: true };
  },
  /**
   * Back up: the state is what `__transaction_state` holds (the lab keeps it as it was written). A transaction already
   * decided (Prepare*) has its markers sent again; an open one that outlived its timeout meanwhile is aborted now.
   */
  restart: (m: CoordinatorModel, _e: TxnCoordinatorEvent, s: TxnStep) => {
    if (!m.down) return m;
    const meta = m.meta;
    const resend = meta !== null && (meta.state === 'PrepareCommit' || meta.state === 'PrepareAbort');
    s.record({ kind: 'coordinator.up', lane: 'txn-coordinator', state: meta?.state ?? null, resent: resend });
    s.fact('process.up');
    const up = { ...m, down: false };
    if (resend) {
      s.send(PARTITIONS_ID, { type: 'markers.write', pid: meta.pid, epoch: meta.epoch, result: meta.state === 'PrepareCommit' ? 'COMMIT' : 'ABORT', partitions: meta.partitions, replyTo: TXN_COORDINATOR_ID }, m.cfg.latencyMs);
      return up;
    }
    return steps.timeoutCheck(up, _e, s);
  },
};

type Ctx = { m: CoordinatorModel; clock: SimClock };
type Event = TxnCoordinatorEvent | Fact;

const on = <T extends TxnCoordinatorEvent['type']>(type: T, f: (m: CoordinatorModel, e: Extract<TxnCoordinatorEvent, { type: T }>, s: TxnStep) => CoordinatorModel) =>
  txnStep<CoordinatorModel, Event>((m, e, s) => (e.type === type ? f(m, e as Extract<TxnCoordinatorEvent, { type: T }>, s) : m));

/** A client's request: answered by its rule while up, with COORDINATOR_NOT_AVAILABLE while down. */
const request = <T extends 'InitProducerId' | 'AddPartitionsToTxn' | 'AddOffsetsToTxn' | 'EndTxn'>(type: T, f: (m: CoordinatorModel, e: Extract<TxnCoordinatorEvent, { type: T }>, s: TxnStep) => CoordinatorModel) =>
  on(type, (m, e, s) => {
    const req = e as Extract<TxnCoordinatorEvent, { ref: TxnRequestRef }>;
    return m.down ? unavailable(m, s, req.ref, req.replyTo) : f(m, e, s);
  });

const DESCRIPTIONS: Record<TxnState, string> = {
  Empty: 'no transaction open (before the first InitProducerId: no producer id yet)',
  Ongoing: 'partitions have been added: the transaction is open, and transaction.timeout.ms is counting',
  PrepareCommit: 'EndTxn(COMMIT) is written: the commit is decided; markers are being written',
  PrepareAbort: 'the abort is decided (EndTxn(ABORT), a fence or a timeout); markers are being written',
  CompleteCommit: 'every partition has its COMMIT marker',
  CompleteAbort: 'every partition has its ABORT marker',
  PrepareEpochFence: 'fencing: the epoch is bumped before the open transaction is aborted (kept in memory only)',
  Dead: 'the transactional id expired (transactional.id.expiration.ms); not reached in the lab',
};

/**
 * The transaction coordinator for one transactional id (TransactionCoordinator, TransactionMetadata): its states
 * are Kafka's, each written to `__transaction_state` as it changes. InitProducerId hands out the producer id and
 * bumps the epoch (fencing an open transaction first); AddPartitions opens the transaction; EndTxn prepares the
 * commit or abort and the markers follow; an Ongoing transaction left longer than transaction.timeout.ms is aborted
 * by fencing at the next periodic check (a delayed transition of the Ongoing state).
 */
export const txnCoordinatorMachine = setup({
  types: { context: {} as Ctx, events: {} as Event, input: {} as TxnCoordinatorInput },
  actions: {
    initPid: request('InitProducerId', steps.initPid),
    addPartitions: request('AddPartitionsToTxn', (m, e, s) => steps.add(m, e.ref, e.partitions, e.replyTo, s)),
    addOffsets: request('AddOffsetsToTxn', (m, e, s) => steps.add(m, e.ref, [OFFSETS_PARTITION], e.replyTo, s)),
    endTxn: request('EndTxn', steps.endTxn),
    verify: on('verify', (m, e, s) => {
      if (!m.down) return steps.verify(m, e, s);
      s.send(e.replyTo, { type: 'verify.result', req: e.req, results: e.partitions.map((partition) => ({ partition, ok: false, error: 'COORDINATOR_NOT_AVAILABLE' })) }, m.cfg.latencyMs);
      return m;
    }),
    // What a down coordinator's broker receives is lost; the restart sends a decided transaction's markers again.
    markersWritten: on('markers.written', (m, e, s) => (m.down ? m : steps.markersWritten(m, e, s))),
    crash: on('coordinator.crash', steps.crash),
    restart: on('coordinator.restart', steps.restart),
    timeoutCheck: txnStep<CoordinatorModel, Event>((m, e, s) => steps.timeoutCheck(m, e as TxnCoordinatorEvent, s)),
  },
  guards: {
    /** Transaction version 2 (Kafka 4.0): an abort is allowed from Empty and the Complete states. */
    transactionVersion2: ({ context }) => context.m.cfg.tv === 2,
  },
  delays: {
    /** The first periodic check at which the open transaction has outlived its timeout. */
    txnTimeout: ({ context }) => {
      const meta = context.m.meta;
      if (!meta) return 0;
      return nextCheckAt(meta.startMs + meta.timeoutMs + 1, context.m.cfg.checkIntervalMs) - context.clock.now;
    },
  },
}).createMachine({
  id: 'txn-coordinator',
  context: ({ input }) => ({ m: { cfg: input.cfg, down: false, meta: null, log: createPartitionLog(TXN_STATE_PARTITION), nextPid: FIRST_PRODUCER_ID }, clock: input.clock }),
  type: 'parallel',
  on: {
    InitProducerId: { actions: 'initPid' },
    AddPartitionsToTxn: { actions: 'addPartitions' },
    AddOffsetsToTxn: { actions: 'addOffsets' },
    EndTxn: { actions: 'endTxn' },
    verify: { actions: 'verify' },
    'markers.written': { actions: 'markersWritten' },
  },
  states: {
    process: {
      description: 'the coordinator itself: the broker that leads __transaction_state',
      initial: 'up',
      states: {
        up: {
          description: 'serving: requests are answered by the transaction’s rules',
          on: { 'coordinator.crash': { actions: 'crash' }, 'process.down': 'down' },
        },
        down: {
          description: 'its broker is restarting: every request is answered COORDINATOR_NOT_AVAILABLE; on restart it reloads __transaction_state',
          on: { 'coordinator.restart': { actions: 'restart' }, 'process.up': 'up' },
        },
      },
    },
    txn: {
      description: 'the transactional id’s state (TransactionMetadata), written to __transaction_state at every change',
      initial: 'Empty',
      states: {
        Empty: { description: DESCRIPTIONS.Empty, on: txnMoves('Empty') },
        Ongoing: {
          description: DESCRIPTIONS.Ongoing,
          on: txnMoves('Ongoing'),
          after: { txnTimeout: { actions: 'timeoutCheck' } },
        },
        PrepareCommit: { description: DESCRIPTIONS.PrepareCommit, on: txnMoves('PrepareCommit') },
        PrepareAbort: { description: DESCRIPTIONS.PrepareAbort, on: txnMoves('PrepareAbort') },
        CompleteCommit: { description: DESCRIPTIONS.CompleteCommit, on: txnMoves('CompleteCommit') },
        CompleteAbort: { description: DESCRIPTIONS.CompleteAbort, on: txnMoves('CompleteAbort') },
        PrepareEpochFence: { description: DESCRIPTIONS.PrepareEpochFence, on: txnMoves('PrepareEpochFence') },
        Dead: { description: DESCRIPTIONS.Dead, on: txnMoves('Dead') },
      },
    },
  },
});

/** `__transaction_state` at the end of a run. */
export function txnStateLog(snapshot: { context: Ctx }): PartitionLog {
  return snapshot.context.m.log;
}

import type { ManagerState, TransactionVersion, TxnError, TxnResult } from '../protocol/txn-rules';
import { managerMoveValid, partitionForKey } from '../protocol/txn-rules';
import type { TransactionsConfig, TxnCrashPoint } from '../scenario/schema';
import type { TxnApi, TxnBatchRef, TxnRequestRef } from '../trace/types';
import type { TxnStep } from './txn-effects';
import { INPUT_PARTITION, outputPartition, PARTITIONS_ID } from './partitions.machine';
import { TXN_COORDINATOR_ID } from './txn-coordinator.machine';

export { MANAGER_STATES, type ManagerState } from '../protocol/txn-rules';

/** What the application is doing (the statechart's second region). */
export const APP_PHASES = ['starting', 'fetchingOffsets', 'polling', 'adding', 'producing', 'addingOffsets', 'committingOffsets', 'idling', 'ending', 'paused', 'crashed', 'closed'] as const;
export type AppPhase = (typeof APP_PHASES)[number];

/**
 * Where the application may go from each phase: its loop, as the steps below make it. initTransactions() ends in the
 * first poll (consume-transform-produce: after reading the committed position) or the first transaction (the
 * produce app); a transaction adds its partitions (TV1), produces, sends its offsets and ends, or aborts on an
 * error; a fatal error closes the producer. A crash comes only at the scripted points (after the writes, after the
 * offsets, after EndTxn was sent); a pause (a zombie to be) before or after the writes, and it resumes where it
 * stopped. Crashed and closed are final. A move not listed here is a bug in the lab and throws.
 */
export const APP_MOVES: Readonly<Record<AppPhase, readonly AppPhase[]>> = {
  starting: ['fetchingOffsets', 'adding', 'producing', 'paused', 'closed'],
  fetchingOffsets: ['polling', 'closed'],
  polling: ['adding', 'producing', 'paused', 'closed'],
  adding: ['producing', 'ending', 'closed'],
  producing: ['addingOffsets', 'committingOffsets', 'idling', 'ending', 'paused', 'crashed'],
  addingOffsets: ['committingOffsets', 'ending', 'closed'],
  committingOffsets: ['idling', 'ending', 'crashed', 'closed'],
  idling: ['ending', 'crashed'],
  ending: ['starting', 'fetchingOffsets', 'polling', 'adding', 'producing', 'paused', 'crashed', 'closed'],
  paused: ['adding', 'producing', 'addingOffsets', 'committingOffsets', 'idling', 'ending'],
  crashed: [],
  closed: [],
};

/** What the run's environment provides an application instance: ids, the scripted faults, and restarts. */
export interface TxnAppEnv {
  nextReq(): number;
  nextTxn(): number;
  /** A crash at this point of this transaction: the time until the next instance starts (null: none starts). */
  crashAt(txn: number, point: TxnCrashPoint): { downMs: number | null } | null;
  zombieAt(txn: number, at: 'before-produce' | 'after-produce'): { pauseMs: number; takeoverMs: number } | null;
  abortInstead(txn: number): boolean;
  /** Extra time transaction `txn`'s (first) produce request spends in the network (0: none). */
  delayProduce(txn: number): number;
  idle(txn: number): number;
  /** The process died: the environment retires it and starts the next instance after `downMs` (null: never). */
  crashed(instance: number, downMs: number | null): void;
  /** The process stalled: the environment starts a replacement after `takeoverMs`. */
  takeover(instance: number, takeoverMs: number): void;
  /** Messages the upstream producer writes to the input (the `produce` app: messages it writes itself). */
  total: number;
  /** The `produce` app: how many of its messages are committed (it starts after them), and recording a commit. */
  produced(): number;
  committed(upTo: number): void;
}

export interface TxnAppInput {
  instance: number;
  /** This actor's system id: where answers are sent. */
  self: string;
  cfg: TransactionsConfig;
  tv: TransactionVersion;
  env: TxnAppEnv;
}

/** The request the instance waits for (retried by its API on a retriable answer or a timeout). */
interface Pending {
  ref: TxnRequestRef;
}

export interface TxnAppModel extends TxnAppInput {
  manager: ManagerState;
  phase: AppPhase;
  pid: number;
  epoch: number;
  /** Next sequence number per partition (reset with a new epoch). */
  seqs: Record<string, number>;
  /** The current transaction's number (0 outside one) and the partitions already in it. */
  txn: number;
  inTxn: string[];
  /** The input position (consume-transform-produce). */
  position: number;
  /** The records of the current transaction: input records, or the `produce` app's new messages (offset -1). */
  records: { offset: number; message: number }[];
  pending: Pending | null;
  /** What to do when a stall ends. */
  resume: 'produce' | 'after-produce' | null;
  /** A produce of this transaction failed without an answer: after the abort, the epoch is bumped (KIP-360, TV1). */
  bumpAfterAbort: boolean;
  /** This transaction's produce request has been sent once (a `delay-produce` fault delays only the first). */
  producedOnce: boolean;
  /** The batches of the last Produce request: a retry sends them again with the same sequence numbers. */
  sentBatches: TxnBatchRef[];
}

export function createTxnAppModel(input: TxnAppInput): TxnAppModel {
  return {
    ...input,
    manager: 'UNINITIALIZED',
    phase: 'starting',
    pid: -1,
    epoch: -1,
    seqs: {},
    txn: 0,
    inTxn: [],
    position: 0,
    records: [],
    pending: null,
    resume: null,
    bumpAfterAbort: false,
    producedOnce: false,
    sentBatches: [],
  };
}

/** A step works on a draft copy of the model; it is assigned whole at the end. */
type Draft = TxnAppModel;

/** Moves the transaction manager; a move Kafka does not allow is a bug in the lab, thrown as Kafka throws it. */
function manager(m: Draft, s: TxnStep, to: ManagerState): void {
  if (m.manager === to) return;
  if (!managerMoveValid(m.manager, to)) throw new Error(`Invalid transition attempted from state ${m.manager} to state ${to}`);
  m.manager = to;
  s.fact(`manager.${to}`);
}

function phase(m: Draft, s: TxnStep, to: AppPhase): void {
  if (m.phase === to) return;
  if (!APP_MOVES[m.phase].includes(to)) throw new Error(`the application cannot go from ${m.phase} to ${to}`);
  m.phase = to;
  s.fact(`app.${to}`);
}

const latency = (m: Draft) => m.cfg.requestLatencyMs;

/** Sends a request (recorded), arms its timeout, and remembers how to send it again. */
function request(m: Draft, s: TxnStep, api: TxnApi, to: string, payload: Record<string, unknown>, shown: Record<string, unknown>, extraDelay = 0, timeout = true): void {
  const ref: TxnRequestRef = { req: m.env.nextReq(), api, instance: m.instance, txn: m.txn, pid: m.pid, epoch: m.epoch };
  s.record({ kind: 'txn.request', lane: 'producer', ...ref, ...shown } as never);
  s.send(to, { type: api, ref, ...payload, replyTo: m.self }, latency(m) + extraDelay);
  if (timeout) s.timer(m.cfg['request.timeout.ms'], { type: 'request.timeout', req: ref.req }, `timeout-${ref.req}`);
  m.pending = { ref };
}

function initPid(m: Draft, s: TxnStep): void {
  manager(m, s, 'INITIALIZING');
  phase(m, s, 'starting');
  request(m, s, 'InitProducerId', TXN_COORDINATOR_ID, {}, {});
}

function fetchOffsets(m: Draft, s: TxnStep): void {
  phase(m, s, 'fetchingOffsets');
  request(m, s, 'OffsetFetch', PARTITIONS_ID, { group: m.cfg['group.id'] }, { partitions: [INPUT_PARTITION] });
}

function poll(m: Draft, s: TxnStep): void {
  if (m.position >= m.env.total) return close(m, s, null);
  phase(m, s, 'polling');
  request(
    m,
    s,
    'Fetch',
    PARTITIONS_ID,
    { reader: null, partitions: [{ partition: INPUT_PARTITION, from: m.position }], isolation: 'read_committed', max: m.cfg['records.per.transaction'] },
    { partitions: [INPUT_PARTITION], offset: m.position },
    0,
    false,
  );
}

/** The `produce` app's next transaction: the next messages not yet committed. */
function produceNext(m: Draft, s: TxnStep): void {
  const done = m.env.produced();
  if (done >= m.env.total) return close(m, s, null);
  const n = Math.min(m.cfg['records.per.transaction'], m.env.total - done);
  begin(
    m,
    s,
    Array.from({ length: n }, (_, k) => ({ offset: -1, message: done + k + 1 })),
  );
}

function begin(m: Draft, s: TxnStep, records: { offset: number; message: number }[]): void {
  m.txn = m.env.nextTxn();
  m.records = records;
  m.inTxn = [];
  m.producedOnce = false;
  manager(m, s, 'IN_TRANSACTION');
  s.record({ kind: 'txn.begun', lane: 'producer', instance: m.instance, txn: m.txn, pid: m.pid, epoch: m.epoch, messages: records.map((r) => r.message) });
  const zombie = m.env.zombieAt(m.txn, 'before-produce');
  if (zombie) return pause(m, s, zombie, 'produce');
  produce(m, s);
}

function pause(m: Draft, s: TxnStep, z: { pauseMs: number; takeoverMs: number }, resume: 'produce' | 'after-produce'): void {
  m.resume = resume;
  phase(m, s, 'paused');
  s.record({ kind: 'txn.app.paused', lane: 'producer', instance: m.instance, txn: m.txn, untilT: s.now + z.pauseMs });
  const { env, instance } = m;
  s.env(() => env.takeover(instance, z.takeoverMs));
  s.timer(z.pauseMs, { type: 'resume' });
}

/** The output records by partition: one batch per partition, with that partition's next sequence numbers. */
function batches(m: Draft): TxnBatchRef[] {
  const by = new Map<string, number[]>();
  for (const r of m.records) {
    const p = outputPartition(partitionForKey(String(r.message), m.cfg['output.partitions']));
    const list = by.get(p);
    if (list) list.push(r.message);
    else by.set(p, [r.message]);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([partition, messages]) => ({ partition, baseSeq: m.seqs[partition] ?? 0, messages }));
}

function produce(m: Draft, s: TxnStep): void {
  const bs = batches(m);
  const fresh = bs.map((b) => b.partition).filter((p) => !m.inTxn.includes(p));
  // TV1: every new partition is added first (AddPartitionsToTxn); TV2: the leader adds it on the first write.
  if (m.tv === 1 && fresh.length > 0) {
    phase(m, s, 'adding');
    request(m, s, 'AddPartitionsToTxn', TXN_COORDINATOR_ID, { partitions: fresh }, { partitions: fresh });
    return;
  }
  phase(m, s, 'producing');
  const seqs = { ...m.seqs };
  for (const b of bs) seqs[b.partition] = b.baseSeq + b.messages.length;
  m.seqs = seqs;
  const delay = m.producedOnce ? 0 : m.env.delayProduce(m.txn);
  m.producedOnce = true;
  m.sentBatches = bs;
  request(m, s, 'Produce', PARTITIONS_ID, { batches: bs }, { batches: bs }, delay);
}

/** A retriable answer to a Produce: the same batches again, with the same sequence numbers (the partitions that wrote them recognise them). */
function produceAgain(m: Draft, s: TxnStep): void {
  phase(m, s, 'producing');
  request(m, s, 'Produce', PARTITIONS_ID, { batches: m.sentBatches }, { batches: m.sentBatches });
}

function afterProduce(m: Draft, s: TxnStep): void {
  const crash = m.env.crashAt(m.txn, 'after-produce');
  if (crash) return die(m, s, 'after-produce', crash.downMs);
  const zombie = m.env.zombieAt(m.txn, 'after-produce');
  if (zombie) return pause(m, s, zombie, 'after-produce');
  continueAfterProduce(m, s);
}

function continueAfterProduce(m: Draft, s: TxnStep): void {
  if (m.cfg.app === 'produce') return end(m, s);
  // TV2: no AddOffsetsToTxn; the group coordinator adds __consumer_offsets when TxnOffsetCommit arrives.
  if (m.tv === 2) return commitOffsets(m, s);
  phase(m, s, 'addingOffsets');
  request(m, s, 'AddOffsetsToTxn', TXN_COORDINATOR_ID, { group: m.cfg['group.id'] }, { partitions: ['__consumer_offsets-0'] });
}

const nextPosition = (m: Draft) => m.records[m.records.length - 1]!.offset + 1;

function commitOffsets(m: Draft, s: TxnStep): void {
  phase(m, s, 'committingOffsets');
  const offset = nextPosition(m);
  request(m, s, 'TxnOffsetCommit', PARTITIONS_ID, { group: m.cfg['group.id'], offset }, { partitions: ['__consumer_offsets-0'], offset });
}

function end(m: Draft, s: TxnStep): void {
  const idle = m.env.idle(m.txn);
  if (idle > 0 && m.phase !== 'idling') {
    phase(m, s, 'idling');
    s.timer(idle, { type: 'idle.done' });
    return;
  }
  sendEnd(m, s, m.env.abortInstead(m.txn) ? 'ABORT' : 'COMMIT');
}

function sendEnd(m: Draft, s: TxnStep, result: TxnResult): void {
  manager(m, s, result === 'COMMIT' ? 'COMMITTING_TRANSACTION' : 'ABORTING_TRANSACTION');
  phase(m, s, 'ending');
  request(m, s, 'EndTxn', TXN_COORDINATOR_ID, { result }, { result });
  const crash = m.env.crashAt(m.txn, 'after-end');
  if (crash) die(m, s, 'after-end', crash.downMs);
}

function abortable(m: Draft, s: TxnStep, error: TxnError | 'TIMEOUT'): void {
  manager(m, s, 'ABORTABLE_ERROR');
  s.record({ kind: 'txn.client.error', lane: 'producer', instance: m.instance, txn: m.txn, error, fatal: false });
  sendEnd(m, s, 'ABORT');
}

function fatal(m: Draft, s: TxnStep, error: TxnError): void {
  manager(m, s, 'FATAL_ERROR');
  s.record({ kind: 'txn.client.error', lane: 'producer', instance: m.instance, txn: m.txn, error, fatal: true });
  close(m, s, error);
}

function close(m: Draft, s: TxnStep, error: TxnError | null): void {
  m.pending = null;
  phase(m, s, 'closed');
  s.record({ kind: 'txn.app.closed', lane: 'producer', instance: m.instance, fatal: error });
}

function die(m: Draft, s: TxnStep, point: TxnCrashPoint, downMs: number | null): void {
  m.pending = null;
  phase(m, s, 'crashed');
  s.record({ kind: 'txn.app.crashed', lane: 'producer', instance: m.instance, txn: m.txn, point });
  const { env, instance } = m;
  s.env(() => env.crashed(instance, downMs));
}

function backoff(m: Draft, s: TxnStep): void {
  s.timer(m.cfg['retry.backoff.ms'], { type: 'retry' });
}

/** Sends again what the pending request asked (after a retriable answer or a timeout). */
function retry(m: Draft, s: TxnStep): void {
  const api = m.pending?.ref.api;
  m.pending = null;
  switch (api) {
    case 'InitProducerId':
      return initPid(m, s);
    case 'OffsetFetch':
      return fetchOffsets(m, s);
    case 'AddPartitionsToTxn':
      return produce(m, s);
    case 'Produce':
      return produceAgain(m, s);
    case 'AddOffsetsToTxn':
      return continueAfterProduce(m, s);
    case 'TxnOffsetCommit':
      return commitOffsets(m, s);
    case 'EndTxn':
      return sendEnd(m, s, m.manager === 'COMMITTING_TRANSACTION' ? 'COMMIT' : 'ABORT');
    default:
      return;
  }
}

export type TxnAppResponse = {
  type: 'response';
  ref: TxnRequestRef;
  error: TxnError;
  assigned?: { pid: number; epoch: number };
  offset?: number;
  records?: { offset: number; message: number }[];
  next?: number;
};

const live = (m: TxnAppModel) => m.phase !== 'crashed' && m.phase !== 'closed';

/** The first step: initTransactions(). */
export function start(m0: TxnAppModel, s: TxnStep): TxnAppModel {
  const m = { ...m0 };
  s.record({ kind: 'txn.app.started', lane: 'producer', instance: m.instance, transactionalId: m.cfg['transactional.id'] });
  initPid(m, s);
  return m;
}

export function responded(m0: TxnAppModel, e: TxnAppResponse, s: TxnStep): TxnAppModel {
  if (!live(m0) || m0.pending?.ref.req !== e.ref.req) return m0;
  const m = { ...m0 };
  s.cancel(`timeout-${e.ref.req}`);
  const shown: Record<string, unknown> = {};
  if (e.offset !== undefined) shown.offset = e.offset;
  if (e.records) shown.records = e.records;
  s.record({ kind: 'txn.response', lane: 'producer', ...e.ref, error: e.error, ...shown } as never);
  const api = e.ref.api;
  // Retriable: the same request again after retry.backoff.ms (a coordinator that is not available is looked up again).
  if (e.error === 'CONCURRENT_TRANSACTIONS' || e.error === 'UNSTABLE_OFFSET_COMMIT' || e.error === 'COORDINATOR_NOT_AVAILABLE') {
    backoff(m, s);
    return m;
  }
  m.pending = null;
  switch (api) {
    case 'InitProducerId':
      if (e.error !== 'NONE' || !e.assigned) return fatal(m, s, e.error), m;
      m.pid = e.assigned.pid;
      m.epoch = e.assigned.epoch;
      m.seqs = {};
      m.bumpAfterAbort = false;
      manager(m, s, 'READY');
      if (m.cfg.app === 'produce') produceNext(m, s);
      else fetchOffsets(m, s);
      return m;
    case 'OffsetFetch':
      m.position = Math.max(0, e.offset ?? 0);
      poll(m, s);
      return m;
    case 'Fetch': {
      const records = e.records ?? [];
      if (records.length === 0) poll(m, s);
      else begin(m, s, records);
      return m;
    }
    case 'AddPartitionsToTxn':
      if (e.error === 'NONE') {
        m.inTxn = [...m.inTxn, ...batches(m).map((b) => b.partition).filter((p) => !m.inTxn.includes(p))];
        produce(m, s);
      } else if (e.error === 'PRODUCER_FENCED' || e.error === 'INVALID_PRODUCER_ID_MAPPING') fatal(m, s, e.error);
      else abortable(m, s, e.error);
      return m;
    case 'Produce':
      if (e.error === 'NONE') {
        m.inTxn = [...m.inTxn, ...batches(m).map((b) => b.partition).filter((p) => !m.inTxn.includes(p))];
        afterProduce(m, s);
      } else abortable(m, s, e.error);
      return m;
    case 'AddOffsetsToTxn':
      if (e.error === 'NONE') commitOffsets(m, s);
      else if (e.error === 'PRODUCER_FENCED' || e.error === 'INVALID_PRODUCER_ID_MAPPING') fatal(m, s, e.error);
      else abortable(m, s, e.error);
      return m;
    case 'TxnOffsetCommit':
      if (e.error !== 'NONE') return fatal(m, s, e.error === 'INVALID_PRODUCER_EPOCH' ? 'PRODUCER_FENCED' : e.error), m;
      {
        const crash = m.env.crashAt(m.txn, 'after-offsets');
        if (crash) return die(m, s, 'after-offsets', crash.downMs), m;
      }
      end(m, s);
      return m;
    case 'EndTxn': {
      if (e.error !== 'NONE') return fatal(m, s, e.error), m;
      const committed = m.manager === 'COMMITTING_TRANSACTION';
      if (m.tv === 2 && e.assigned) {
        m.epoch = e.assigned.epoch;
        m.seqs = {};
      }
      // KIP-360 (TV1): a transaction aborted after a write whose fate is unknown bumps the epoch before going on; the
      // manager goes straight from ABORTING_TRANSACTION to INITIALIZING (TransactionManager.completeTransaction).
      const bump = !committed && m.bumpAfterAbort && m.tv === 1;
      if (!bump) manager(m, s, 'READY');
      m.inTxn = [];
      const txnRecords = m.records;
      m.txn = 0;
      m.records = [];
      if (committed) {
        if (m.cfg.app === 'produce') m.env.committed(txnRecords[txnRecords.length - 1]!.message);
        else m.position = txnRecords[txnRecords.length - 1]!.offset + 1;
      }
      if (bump) initPid(m, s);
      else if (m.cfg.app === 'produce') produceNext(m, s);
      else if (committed) poll(m, s);
      else fetchOffsets(m, s);
      return m;
    }
  }
  return m;
}

export function timedOut(m0: TxnAppModel, req: number, s: TxnStep): TxnAppModel {
  if (!live(m0) || m0.pending?.ref.req !== req) return m0;
  const m = { ...m0 };
  const ref = m.pending!.ref;
  s.record({ kind: 'txn.request.timeout', lane: 'producer', ...ref, timeoutMs: m.cfg['request.timeout.ms'] });
  if (ref.api === 'Produce') {
    // The lab does not retry a transactional produce that timed out: the batch fails, the transaction must abort.
    m.pending = null;
    m.bumpAfterAbort = true;
    abortable(m, s, 'TIMEOUT');
    return m;
  }
  retry(m, s);
  return m;
}

export function retried(m0: TxnAppModel, s: TxnStep): TxnAppModel {
  if (!live(m0)) return m0;
  const m = { ...m0 };
  retry(m, s);
  return m;
}

export function resumed(m0: TxnAppModel, s: TxnStep): TxnAppModel {
  if (!live(m0) || m0.resume === null) return m0;
  const m = { ...m0 };
  const what = m.resume;
  m.resume = null;
  s.record({ kind: 'txn.app.resumed', lane: 'producer', instance: m.instance, txn: m.txn });
  if (what === 'produce') produce(m, s);
  else continueAfterProduce(m, s);
  return m;
}

export function idleDone(m0: TxnAppModel, s: TxnStep): TxnAppModel {
  if (!live(m0) || m0.phase !== 'idling') return m0;
  const m = { ...m0 };
  sendEnd(m, s, m.env.abortInstead(m.txn) ? 'ABORT' : 'COMMIT');
  return m;
}

import type { RuleFact } from '../trace/facts';
import { checkAppend, recordAppend } from './broker-rules';
import { SHORT_MAX, type ProducerEntry } from './types';

/**
 * Kafka transactions as pure rules (reference §3; KIP-98, KIP-447, KIP-890): the transaction coordinator's metadata
 * per transactional id (`TransactionMetadata.scala`, `TransactionCoordinator.scala`), and a partition's
 * transactional log: appends, control markers, the last stable offset and what each isolation level reads
 * (`UnifiedLog`, `ProducerStateManager`). The machines in `sim/txn/` call these from their steps.
 */

/** The coordinator's states for one transactional id, with Kafka's names. */
export const TXN_STATES = ['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'PrepareEpochFence', 'Dead'] as const;
export type TxnState = (typeof TXN_STATES)[number];

export type TxnResult = 'COMMIT' | 'ABORT';

/** The producer's transaction manager states, with Kafka's names (TransactionManager.State). */
export const MANAGER_STATES = ['UNINITIALIZED', 'INITIALIZING', 'READY', 'IN_TRANSACTION', 'COMMITTING_TRANSACTION', 'ABORTING_TRANSACTION', 'ABORTABLE_ERROR', 'FATAL_ERROR'] as const;
export type ManagerState = (typeof MANAGER_STATES)[number];

/**
 * The states the producer's transaction manager may enter each state from (`TransactionManager.State
 * .isTransitionValid`); FATAL_ERROR may be entered from any state. Kafka throws IllegalStateException on any other
 * move; so does the lab.
 */
export const MANAGER_ENTERED_FROM: Readonly<Record<Exclude<ManagerState, 'FATAL_ERROR'>, readonly ManagerState[]>> = {
  UNINITIALIZED: ['READY', 'ABORTABLE_ERROR'],
  INITIALIZING: ['UNINITIALIZED', 'ABORTING_TRANSACTION'],
  READY: ['INITIALIZING', 'COMMITTING_TRANSACTION', 'ABORTING_TRANSACTION'],
  IN_TRANSACTION: ['READY'],
  COMMITTING_TRANSACTION: ['IN_TRANSACTION'],
  ABORTING_TRANSACTION: ['IN_TRANSACTION', 'ABORTABLE_ERROR'],
  ABORTABLE_ERROR: ['IN_TRANSACTION', 'COMMITTING_TRANSACTION', 'ABORTABLE_ERROR', 'INITIALIZING'],
};

/** May the transaction manager move from one state to another (Kafka's `isTransitionValid`)? */
export function managerMoveValid(from: ManagerState, to: ManagerState): boolean {
  return to === 'FATAL_ERROR' || MANAGER_ENTERED_FROM[to].includes(from);
}

/**
 * The states the coordinator may enter each state from (`TransactionState.validPreviousStates`). Staying in a state
 * (an epoch bump in Empty, more partitions in Ongoing) is not a move and is left out.
 */
export const TXN_ENTERED_FROM: Readonly<Record<TxnState, readonly TxnState[]>> = {
  Empty: ['CompleteCommit', 'CompleteAbort'],
  Ongoing: ['Empty', 'CompleteCommit', 'CompleteAbort'],
  PrepareCommit: ['Ongoing'],
  PrepareAbort: ['Ongoing', 'PrepareEpochFence'],
  CompleteCommit: ['PrepareCommit'],
  CompleteAbort: ['PrepareAbort'],
  Dead: ['Empty', 'CompleteCommit', 'CompleteAbort'],
  PrepareEpochFence: ['Ongoing'],
};

/**
 * With transaction version 2 (Kafka 4.0) PrepareAbort may also be entered from these: a client unsure of the
 * coordinator's state ends with an abort, which bumps the epoch all the same. Kafka 3.x refuses such an abort with
 * INVALID_TXN_STATE.
 */
export const TXN_TV2_ABORT_FROM: readonly TxnState[] = ['Empty', 'CompleteCommit', 'CompleteAbort'];

/** May the coordinator move from one state to another (Kafka's `validPreviousStates`, for this transaction version)? */
export function txnMoveValid(from: TxnState, to: TxnState, tv: TransactionVersion): boolean {
  return TXN_ENTERED_FROM[to].includes(from) || (tv === 2 && to === 'PrepareAbort' && TXN_TV2_ABORT_FROM.includes(from));
}

/** Errors the transactional APIs answer with, as in Kafka's `Errors`. */
export type TxnError =
  | 'NONE'
  | 'CONCURRENT_TRANSACTIONS'
  | 'PRODUCER_FENCED'
  | 'INVALID_PRODUCER_EPOCH'
  | 'INVALID_PRODUCER_ID_MAPPING'
  | 'INVALID_TXN_STATE'
  | 'UNSTABLE_OFFSET_COMMIT'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'REQUEST_TIMED_OUT'
  /** The transaction coordinator is down or still loading `__transaction_state`: retriable. */
  | 'COORDINATOR_NOT_AVAILABLE';

/** Transaction protocol version: 1 (the epoch is kept across transactions) or 2 (KIP-890 part 2, Kafka 4.0: bumped at every end). */
export type TransactionVersion = 1 | 2;

/** The epoch at which Kafka stops bumping and hands out a new producer id instead (TransactionMetadata.isEpochExhausted). */
export const EPOCH_EXHAUSTED = SHORT_MAX - 1;

/** What the coordinator keeps per transactional id (TransactionMetadata). */
export interface TxnMeta {
  txnId: string;
  pid: number;
  epoch: number;
  /** The epoch before the last bump (TV2 answers a retried EndTxn with it); -1 if none. */
  lastEpoch: number;
  state: TxnState;
  /** The partitions in the current transaction, in the order they were added. */
  partitions: string[];
  /** When the current transaction started (its first AddPartitions): the timeout counts from here. */
  startMs: number;
  timeoutMs: number;
}

/** Which coordinator rule decided a request, with what it compared: each language words it from its catalogue. */
export type TxnRuleFact =
  | { id: 'txn-new-id'; pid: number }
  | { id: 'txn-epoch-bumped'; from: number; to: number }
  | { id: 'txn-new-pid-epoch-exhausted'; pid: number }
  | { id: 'txn-fence-ongoing'; from: number; to: number }
  | { id: 'txn-concurrent'; state: TxnState }
  | { id: 'txn-stale-epoch'; epoch: number; current: number }
  | { id: 'txn-unknown-pid'; pid: number; current: number }
  | { id: 'txn-partitions-added'; partitions: string[] }
  | { id: 'txn-prepare'; result: TxnResult; bumpedTo: number | null }
  | { id: 'txn-end-retry'; result: TxnResult }
  | { id: 'txn-wrong-end'; state: TxnState; result: TxnResult }
  | { id: 'txn-timed-out'; idleMs: number; timeoutMs: number; to: number };

export interface CoordinatorDecision {
  error: TxnError;
  /** The metadata afterwards (the same object when nothing changed). */
  meta: TxnMeta;
  rule: TxnRuleFact;
  /** The coordinator now writes markers for this result to every partition of the transaction. */
  markers?: TxnResult;
}

/** InitProducerId with a transactional id (`prepareInitProducerIdTransit`): a new id, an epoch bump, or fencing an open transaction. */
export function initProducerId(meta: TxnMeta | null, txnId: string, nextPid: () => number, timeoutMs: number): CoordinatorDecision {
  if (meta === null) {
    const pid = nextPid();
    return { error: 'NONE', meta: { txnId, pid, epoch: 0, lastEpoch: -1, state: 'Empty', partitions: [], startMs: -1, timeoutMs }, rule: { id: 'txn-new-id', pid } };
  }
  switch (meta.state) {
    case 'PrepareCommit':
    case 'PrepareAbort':
    case 'PrepareEpochFence':
      return { error: 'CONCURRENT_TRANSACTIONS', meta, rule: { id: 'txn-concurrent', state: meta.state } };
    case 'Ongoing': {
      // The open transaction is aborted first, under an epoch one higher that is never given to a client; the
      // client is told to retry, and its retry bumps once more (typically +2 in all).
      const to = meta.epoch + 1;
      return {
        error: 'CONCURRENT_TRANSACTIONS',
        meta: { ...meta, epoch: to, lastEpoch: meta.epoch, state: 'PrepareAbort' },
        rule: { id: 'txn-fence-ongoing', from: meta.epoch, to },
        markers: 'ABORT',
      };
    }
    case 'Dead':
      return { error: 'CONCURRENT_TRANSACTIONS', meta, rule: { id: 'txn-concurrent', state: meta.state } };
    default: {
      if (meta.epoch >= EPOCH_EXHAUSTED) {
        const pid = nextPid();
        return { error: 'NONE', meta: { ...meta, pid, epoch: 0, lastEpoch: -1, state: 'Empty', partitions: [], timeoutMs }, rule: { id: 'txn-new-pid-epoch-exhausted', pid } };
      }
      const to = meta.epoch + 1;
      return { error: 'NONE', meta: { ...meta, epoch: to, lastEpoch: meta.epoch, state: 'Empty', partitions: [], timeoutMs }, rule: { id: 'txn-epoch-bumped', from: meta.epoch, to } };
    }
  }
}

/** The producer id and epoch a request names, checked against the coordinator's (`TransactionCoordinator`). */
function checkProducer(meta: TxnMeta, pid: number, epoch: number): CoordinatorDecision | null {
  if (pid !== meta.pid) return { error: 'INVALID_PRODUCER_ID_MAPPING', meta, rule: { id: 'txn-unknown-pid', pid, current: meta.pid } };
  if (epoch !== meta.epoch) return { error: 'PRODUCER_FENCED', meta, rule: { id: 'txn-stale-epoch', epoch, current: meta.epoch } };
  return null;
}

/**
 * AddPartitionsToTxn (and AddOffsetsToTxn, which adds the group's `__consumer_offsets` partition): the transaction
 * becomes Ongoing, and its timeout starts with the first partition.
 */
export function addPartitions(meta: TxnMeta, pid: number, epoch: number, partitions: readonly string[], nowMs: number): CoordinatorDecision {
  const refused = checkProducer(meta, pid, epoch);
  if (refused) return refused;
  if (meta.state === 'PrepareCommit' || meta.state === 'PrepareAbort' || meta.state === 'PrepareEpochFence' || meta.state === 'Dead') {
    return { error: 'CONCURRENT_TRANSACTIONS', meta, rule: { id: 'txn-concurrent', state: meta.state } };
  }
  const starting = meta.state !== 'Ongoing';
  const added = partitions.filter((p) => !meta.partitions.includes(p));
  return {
    error: 'NONE',
    meta: { ...meta, state: 'Ongoing', partitions: starting ? [...partitions] : [...meta.partitions, ...added], startMs: starting ? nowMs : meta.startMs },
    rule: { id: 'txn-partitions-added', partitions: [...partitions] },
  };
}

/**
 * EndTxn (`TransactionCoordinator.endTransaction`): from Ongoing to PrepareCommit or PrepareAbort (answered once that
 * is written; the markers follow). A repeat of a finished end is answered NONE; the opposite end INVALID_TXN_STATE;
 * one while markers are still being written CONCURRENT_TRANSACTIONS. With TV2 the epoch is bumped here, and a retry
 * from the epoch before the bump is recognised.
 */
export function endTxn(meta: TxnMeta, pid: number, epoch: number, result: TxnResult, tv: TransactionVersion): CoordinatorDecision {
  const complete = result === 'COMMIT' ? 'CompleteCommit' : 'CompleteAbort';
  const prepare = result === 'COMMIT' ? 'PrepareCommit' : 'PrepareAbort';
  if (tv === 2 && pid === meta.pid && epoch === meta.lastEpoch && epoch !== meta.epoch && (meta.state === complete || meta.state === prepare)) {
    return { error: 'NONE', meta, rule: { id: 'txn-end-retry', result } };
  }
  const refused = checkProducer(meta, pid, epoch);
  if (refused) return refused;
  switch (meta.state) {
    case 'Ongoing': {
      const bumped = tv === 2 ? meta.epoch + 1 : null;
      const next: TxnMeta = bumped === null ? { ...meta, state: prepare } : { ...meta, state: prepare, epoch: bumped, lastEpoch: meta.epoch };
      return { error: 'NONE', meta: next, rule: { id: 'txn-prepare', result, bumpedTo: bumped }, markers: result };
    }
    case 'PrepareCommit':
    case 'PrepareAbort':
      if (meta.state === prepare) return { error: 'CONCURRENT_TRANSACTIONS', meta, rule: { id: 'txn-concurrent', state: meta.state } };
      return { error: 'INVALID_TXN_STATE', meta, rule: { id: 'txn-wrong-end', state: meta.state, result } };
    case 'CompleteCommit':
    case 'CompleteAbort':
    case 'Empty':
      // TV2: an abort with nothing added yet (its writes may still be in flight) bumps the epoch all the same, so
      // that those writes are fenced when they arrive (KIP-890 part 2).
      if (tv === 2 && result === 'ABORT') {
        const bumped = meta.epoch + 1;
        return { error: 'NONE', meta: { ...meta, state: prepare, epoch: bumped, lastEpoch: meta.epoch, partitions: [] }, rule: { id: 'txn-prepare', result, bumpedTo: bumped }, markers: result };
      }
      if (meta.state === complete) return { error: 'NONE', meta, rule: { id: 'txn-end-retry', result } };
      return { error: 'INVALID_TXN_STATE', meta, rule: { id: 'txn-wrong-end', state: meta.state, result } };
    default:
      return { error: 'INVALID_TXN_STATE', meta, rule: { id: 'txn-wrong-end', state: meta.state, result } };
  }
}

/** The markers are written: Prepare* becomes Complete*, and the transaction's partitions are forgotten. */
export function completeTxn(meta: TxnMeta): TxnMeta {
  if (meta.state === 'PrepareCommit') return { ...meta, state: 'CompleteCommit', partitions: [] };
  if (meta.state === 'PrepareAbort') return { ...meta, state: 'CompleteAbort', partitions: [] };
  return meta;
}

/** Has an Ongoing transaction outlived transaction.timeout.ms? */
export function isTxnExpired(meta: TxnMeta, nowMs: number): boolean {
  return meta.state === 'Ongoing' && nowMs - meta.startMs > meta.timeoutMs;
}

/**
 * The coordinator's periodic check (`transaction.abort.timed.out.transaction.cleanup.interval.ms`, 10 s) aborts an
 * expired transaction by fencing: the epoch is bumped, so the producer that let it expire is fenced.
 */
export function abortExpired(meta: TxnMeta, nowMs: number): CoordinatorDecision | null {
  if (!isTxnExpired(meta, nowMs)) return null;
  const to = meta.epoch + 1;
  return {
    error: 'NONE',
    meta: { ...meta, epoch: to, lastEpoch: meta.epoch, state: 'PrepareAbort' },
    rule: { id: 'txn-timed-out', idleMs: nowMs - meta.startMs, timeoutMs: meta.timeoutMs, to },
    markers: 'ABORT',
  };
}

/** The first periodic check at or after `tMs` (checks run at every multiple of the interval). */
export function nextCheckAt(tMs: number, intervalMs: number): number {
  return Math.ceil(tMs / intervalMs) * intervalMs;
}

// ---------------------------------------------------------------------------------------------------------------
// A partition's transactional log.

/** A data record, a consumer offset (in `__consumer_offsets`), a marker, or a transaction's state (in `__transaction_state`). */
export type RecordKind = 'data' | 'offset' | 'control' | 'state';

export interface PartitionRecord {
  offset: number;
  kind: RecordKind;
  /** The message a data record carries; for an offset record, the committed position; -1 for a marker. */
  message: number;
  pid: number;
  epoch: number;
  seq: number;
  /** Written inside a transaction. */
  transactional: boolean;
  /** A marker's result. */
  control: TxnResult | null;
  /** An offset record: the consumer group it is for. */
  group?: string;
  /** A `__transaction_state` record: the transactional id's state it stores. */
  state?: TxnState;
  t: number;
}

/** An aborted transaction's range of offsets for one producer id (the `.txnindex`). */
export interface AbortedRange {
  pid: number;
  first: number;
  last: number;
}

export interface PartitionLog {
  id: string;
  records: PartitionRecord[];
  /** Producer state per producer id (epoch and the five-batch cache). */
  producers: Map<number, ProducerEntry>;
  /** Per producer id with an open transaction here: the offset of its first record. */
  open: Map<number, number>;
  aborted: AbortedRange[];
}

export function createPartitionLog(id: string): PartitionLog {
  return { id, records: [], producers: new Map(), open: new Map(), aborted: [] };
}

export interface DataBatch {
  pid: number;
  epoch: number;
  baseSeq: number;
  /** Data records carry messages; an offset record carries the position being committed. */
  kind: 'data' | 'offset';
  values: number[];
  transactional: boolean;
  group?: string;
}

export type PartitionAppend =
  | { error: 'NONE'; duplicate: boolean; offset: number; rule: RuleFact; written: PartitionRecord[] }
  | { error: 'INVALID_PRODUCER_EPOCH' | 'OUT_OF_ORDER_SEQUENCE_NUMBER'; duplicate: false; offset: -1; rule: RuleFact; written: [] };

/**
 * Appends a producer's batch with the idempotent append check (reference §2), and for a transactional batch opens
 * the producer's transaction on this partition at its first record (what the last stable offset waits for).
 * Mutates `log` (it is the partition leader's own state, replaced as a whole by the machine's `assign`).
 */
export function appendBatch(log: PartitionLog, b: DataBatch, nowMs: number): PartitionAppend {
  const entry = log.producers.get(b.pid);
  if (b.baseSeq < 0) return appendUnsequenced(log, entry, b, nowMs);
  const lastSeq = b.baseSeq + b.values.length - 1;
  const header = { pid: b.pid, epoch: b.epoch, baseSeq: b.baseSeq, recordCount: b.values.length };
  const d = checkAppend(entry, header, lastSeq);
  if (d.verdict === 'duplicate') return { error: 'NONE', duplicate: true, offset: d.original.firstOffset, rule: d.rule, written: [] };
  if (d.verdict !== 'append') {
    const error = d.verdict === 'INVALID_PRODUCER_EPOCH' ? 'INVALID_PRODUCER_EPOCH' : 'OUT_OF_ORDER_SEQUENCE_NUMBER';
    return { error, duplicate: false, offset: -1, rule: d.rule, written: [] };
  }
  const first = log.records.length;
  const written = b.values.map<PartitionRecord>((value, k) => {
    const r: PartitionRecord = { offset: first + k, kind: b.kind, message: value, pid: b.pid, epoch: b.epoch, seq: b.baseSeq + k, transactional: b.transactional, control: null, t: nowMs };
    if (b.group !== undefined) r.group = b.group;
    return r;
  });
  log.records.push(...written);
  log.producers.set(b.pid, recordAppend(entry, header, { firstSeq: b.baseSeq, lastSeq, firstOffset: first, t: nowMs }));
  if (b.transactional && !log.open.has(b.pid)) log.open.set(b.pid, first);
  return { error: 'NONE', duplicate: false, offset: first, rule: d.rule, written };
}

/**
 * A transactional batch without sequence numbers: the group coordinator's record of a TxnOffsetCommit. Only the
 * epoch is checked; it opens the producer's transaction here like any transactional write.
 */
function appendUnsequenced(log: PartitionLog, entry: ProducerEntry | undefined, b: DataBatch, nowMs: number): PartitionAppend {
  if (entry && b.epoch < entry.epoch) {
    return { error: 'INVALID_PRODUCER_EPOCH', duplicate: false, offset: -1, rule: { id: 'stale-epoch', epoch: b.epoch, brokerEpoch: entry.epoch, pid: b.pid }, written: [] };
  }
  const first = log.records.length;
  const written = b.values.map<PartitionRecord>((value, k) => {
    const r: PartitionRecord = { offset: first + k, kind: b.kind, message: value, pid: b.pid, epoch: b.epoch, seq: -1, transactional: b.transactional, control: null, t: nowMs };
    if (b.group !== undefined) r.group = b.group;
    return r;
  });
  log.records.push(...written);
  if (!entry || entry.epoch !== b.epoch) log.producers.set(b.pid, { pid: b.pid, epoch: b.epoch, batches: [], lastTimestamp: nowMs });
  if (b.transactional && !log.open.has(b.pid)) log.open.set(b.pid, first);
  return { error: 'NONE', duplicate: false, offset: first, rule: { id: 'unknown-producer', pid: b.pid }, written };
}

export type MarkerAppend = { error: 'NONE'; record: PartitionRecord; closed: AbortedRange | null } | { error: 'INVALID_PRODUCER_EPOCH'; record: null; closed: null };

/**
 * Writes a COMMIT or ABORT marker (a control batch of one record, which takes an offset). A marker from an epoch
 * older than the partition holds is refused; a newer one raises the producer's epoch here (which is what fences a
 * zombie's next write) and clears the sequence cache. An abort records the aborted range.
 */
export function appendMarker(log: PartitionLog, pid: number, epoch: number, result: TxnResult, nowMs: number): MarkerAppend {
  const entry = log.producers.get(pid);
  if (entry && epoch < entry.epoch) return { error: 'INVALID_PRODUCER_EPOCH', record: null, closed: null };
  const record: PartitionRecord = { offset: log.records.length, kind: 'control', message: -1, pid, epoch, seq: -1, transactional: true, control: result, t: nowMs };
  log.records.push(record);
  if (!entry || entry.epoch !== epoch) log.producers.set(pid, { pid, epoch, batches: [], lastTimestamp: nowMs });
  const first = log.open.get(pid);
  log.open.delete(pid);
  let closed: AbortedRange | null = null;
  if (result === 'ABORT' && first !== undefined) {
    closed = { pid, first, last: record.offset };
    log.aborted.push(closed);
  }
  return { error: 'NONE', record, closed };
}

/** The log end offset (with one replica, also the high watermark). */
export const logEndOffset = (log: PartitionLog): number => log.records.length;

/** The last stable offset: the first offset of the earliest open transaction, or the high watermark (`UnifiedLog.lastStableOffset`). */
export function lastStableOffset(log: PartitionLog): number {
  let lso = logEndOffset(log);
  for (const first of log.open.values()) if (first < lso) lso = first;
  return lso;
}

export type IsolationLevel = 'read_uncommitted' | 'read_committed';

export interface FetchResult {
  /** The data records returned, in offset order (never a marker; with read_committed, nothing of an aborted transaction). */
  records: PartitionRecord[];
  /** The consumer's position afterwards: past everything it may read, markers and aborted records included. */
  next: number;
  /** The bound it read up to: the high watermark, or the last stable offset for read_committed. */
  bound: number;
}

function isAborted(aborted: readonly AbortedRange[], r: PartitionRecord): boolean {
  for (const a of aborted) if (a.pid === r.pid && r.offset >= a.first && r.offset <= a.last) return true;
  return false;
}

/**
 * A fetch from `from` (reference §3, LSO): read_uncommitted reads up to the high watermark; read_committed up to the
 * last stable offset, and drops the records of aborted transactions (the fetch response lists them). Control records
 * are never returned, so positions skip their offsets. Cost: the records read, and the aborted ranges of this partition.
 */
export function fetchRecords(log: PartitionLog, from: number, isolation: IsolationLevel, max = Number.MAX_SAFE_INTEGER): FetchResult {
  const bound = isolation === 'read_committed' ? lastStableOffset(log) : logEndOffset(log);
  const records: PartitionRecord[] = [];
  let next = from;
  const aborted = isolation === 'read_committed' ? log.aborted.filter((a) => a.last >= from) : [];
  while (next < bound && records.length < max) {
    const r = log.records[next]!;
    next += 1;
    if (r.kind === 'control') continue;
    if (aborted.length > 0 && r.transactional && isAborted(aborted, r)) continue;
    records.push(r);
  }
  return { records, next, bound };
}

/**
 * The group's committed position for the input partition, read from `__consumer_offsets` as a fetch with
 * requireStable does (KIP-447): UNSTABLE_OFFSET_COMMIT while a transaction's offset commit for the group is not yet
 * decided; otherwise the newest committed one (an aborted transaction's offsets are discarded), or -1.
 */
export function committedOffset(log: PartitionLog, group: string): { error: 'NONE' | 'UNSTABLE_OFFSET_COMMIT'; offset: number } {
  for (const [pid, first] of log.open) {
    for (let o = first; o < log.records.length; o++) {
      const r = log.records[o]!;
      if (r.pid === pid && r.kind === 'offset' && r.group === group) return { error: 'UNSTABLE_OFFSET_COMMIT', offset: -1 };
    }
  }
  const stable = fetchRecords(log, 0, 'read_committed');
  for (let k = stable.records.length - 1; k >= 0; k--) {
    const r = stable.records[k]!;
    if (r.kind === 'offset' && r.group === group) return { error: 'NONE', offset: r.message };
  }
  return { error: 'NONE', offset: -1 };
}

// ---------------------------------------------------------------------------------------------------------------
// The partitioner.

/** Kafka's murmur2 (`Utils.murmur2`), over the bytes of a UTF-8 key. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const seed = 0x9747b28c;
  const m = 0x5bd1e995;
  const r = 24;
  let h = (seed ^ length) | 0;
  const length4 = length >> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4]! & 0xff) + ((data[i4 + 1]! & 0xff) << 8) + ((data[i4 + 2]! & 0xff) << 16) + ((data[i4 + 3]! & 0xff) << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const rest = length % 4;
  const base = length & ~3;
  if (rest === 3) h ^= (data[base + 2]! & 0xff) << 16;
  if (rest >= 2) h ^= (data[base + 1]! & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[base]! & 0xff;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

const utf8 = new TextEncoder();

/** The default partitioner for a keyed record: `toPositive(murmur2(key)) % partitions` (`BuiltInPartitioner.partitionForKey`). */
export function partitionForKey(key: string, partitions: number): number {
  return (murmur2(utf8.encode(key)) & 0x7fffffff) % partitions;
}

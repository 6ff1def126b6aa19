import type { ProducerConfig } from '../scenario/schema';
import { lastSequenceOf } from '../protocol/sequence';
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, PARTITION } from '../protocol/types';
import type { ProducerSnapshot, RequestRef } from '../trace/types';
import { BatchQueue } from './batch-queue';
import type { Effect, TraceEventInput } from './effects';
import type { ProducerEvent } from './producer-events';

/** A producer batch (ProducerBatch): created in the accumulator, numbered when first drained. */
export interface Batch {
  id: number;
  partition: number;
  /** Grows while the batch is open; never changes once sealed, so trace events share it. */
  messages: number[];
  createdT: number;
  /** createdT + delivery.timeout.ms */
  deadlineT: number;
  baseSeq: number;
  epoch: number;
  attempts: number;
  /** closed: full or lingered, waiting to be drained; open: still taking records. */
  state: 'open' | 'closed' | 'in-flight' | 'backoff' | 'done';
  everSent: boolean;
  /** sequenceHasBeenReset: renumbered by an epoch bump. */
  reset: boolean;
}

/** Per-partition client state (TxnPartitionEntry plus the accumulator's deque). */
export interface PartitionState {
  nextSeq: number;
  lastAckedSeq: number;
  unresolvedSeq: number;
  open: Batch | null;
  /** Closed batches waiting to be sent: retries first, then new batches. */
  queue: BatchQueue;
  /** Numbered batches not yet completed (inflightBatchesBySequence), in sequence order. */
  inflight: Batch[];
}

export interface OpenRequest {
  ref: RequestRef;
  batch: Batch;
  sentT: number;
}

export interface ProducerModel {
  instance: number;
  config: ProducerConfig;
  idempotent: boolean;
  pid: number;
  epoch: number;
  pidRequested: boolean;
  bumpRequested: boolean;
  partitions: PartitionState[];
  /** Open requests on the current connection, in send order. */
  requests: Map<number, OpenRequest>;
  connection: number;
  connected: boolean;
  /** No new connection before this time (reconnect.backoff.ms after a disconnect). */
  reconnectAtT: number;
  nextBatchId: number;
  nextReqId: number;
  now: number;
  out: Effect<ProducerEvent>[];
  /** The last snapshot handed to the trace, reused while nothing it shows has changed. */
  lastSnapshot: ProducerSnapshot | null;
}

export interface ProducerInput {
  instance: number;
  config: ProducerConfig;
  /** Ids continue across producer restarts so that every batch and request in a trace is unique. */
  firstBatchId: number;
  firstReqId: number;
  firstConnection: number;
}

export function createProducerModel(input: ProducerInput): ProducerModel {
  return {
    instance: input.instance,
    config: input.config,
    idempotent: input.config['enable.idempotence'],
    pid: NO_PRODUCER_ID,
    epoch: NO_PRODUCER_EPOCH,
    pidRequested: false,
    bumpRequested: false,
    partitions: [{ nextSeq: 0, lastAckedSeq: NO_SEQUENCE, unresolvedSeq: NO_SEQUENCE, open: null, queue: new BatchQueue(), inflight: [] }],
    requests: new Map(),
    connection: input.firstConnection,
    connected: false,
    reconnectAtT: 0,
    nextBatchId: input.firstBatchId,
    nextReqId: input.firstReqId,
    now: 0,
    out: [],
    lastSnapshot: null,
  };
}

/** Kafka's reconnect.backoff.ms default: wait this long before reconnecting to a broker. */
export const RECONNECT_BACKOFF_MS = 50;

/**
 * Timer keys, so that a request's or batch's timers can be withdrawn once they no longer matter. Request and batch
 * ids are unique for the whole run (they continue across producer restarts), so the keys are too.
 */
export const timerKey = {
  requestTimeout: (req: number) => req * 4,
  delivery: (batch: number) => batch * 4 + 1,
  linger: (batch: number) => batch * 4 + 2,
};

export function partitionOf(m: ProducerModel, batch: Batch): PartitionState {
  return m.partitions[batch.partition]!;
}

type InFlightView = ProducerSnapshot['inFlight'][number];

const viewState = (b: Batch): InFlightView['state'] => (b.state === 'in-flight' ? 'in-flight' : b.state === 'backoff' ? 'backoff' : 'queued');

function sameView(v: InFlightView, b: Batch): boolean {
  return v.batch === b.id && v.baseSeq === b.baseSeq && v.epoch === b.epoch && v.attempts === b.attempts && v.state === viewState(b);
}

/**
 * The in-flight list's views: the previous list itself when nothing in it changed, otherwise a new list that reuses
 * each unchanged view (both lists are in batch order). Plain loops: this runs for every producer event.
 */
function inFlightViews(batches: readonly Batch[], prev: InFlightView[] | undefined): InFlightView[] {
  if (prev && prev.length === batches.length) {
    let same = true;
    for (let i = 0; i < batches.length && same; i++) same = sameView(prev[i]!, batches[i]!);
    if (same) return prev;
  }
  const out: InFlightView[] = [];
  let j = 0;
  for (const b of batches) {
    while (prev && j < prev.length && prev[j]!.batch < b.id) j++;
    const v = prev?.[j];
    out.push(v !== undefined && sameView(v, b) ? v : { batch: b.id, messages: b.messages, baseSeq: b.baseSeq, epoch: b.epoch, attempts: b.attempts, state: viewState(b) });
  }
  return out;
}

/**
 * The inspector's view of the producer. Snapshots are read-only, so an unchanged one is shared with the previous
 * event instead of allocated again (most events change only one or two fields, and long runs have many events).
 */
export function snapshotProducer(m: ProducerModel): ProducerSnapshot {
  const p = m.partitions[PARTITION]!;
  const prev = m.lastSnapshot;
  const inFlight = inFlightViews(p.inflight, prev?.inFlight);
  const queued = p.queue.unsent + (p.open ? 1 : 0);
  const openRequests = m.requests.size;
  const connection = m.connected ? m.connection : -1;
  if (
    prev &&
    inFlight === prev.inFlight &&
    prev.pid === m.pid &&
    prev.epoch === m.epoch &&
    prev.nextSeq === p.nextSeq &&
    prev.lastAckedSeq === p.lastAckedSeq &&
    prev.unresolvedSeq === p.unresolvedSeq &&
    prev.queued === queued &&
    prev.openRequests === openRequests &&
    prev.connection === connection
  ) {
    return prev;
  }
  const next: ProducerSnapshot = {
    instance: m.instance,
    idempotent: m.idempotent,
    pid: m.pid,
    epoch: m.epoch,
    nextSeq: p.nextSeq,
    lastAckedSeq: p.lastAckedSeq,
    unresolvedSeq: p.unresolvedSeq,
    inFlight,
    queued,
    openRequests,
    connection,
  };
  m.lastSnapshot = next;
  return next;
}

/** Records a trace event carrying the producer's state after it. */
export function record(m: ProducerModel, ev: TraceEventInput): void {
  // Assigned rather than spread: object spread is slow on Node 20, and this runs for every producer event.
  ev.producer = snapshotProducer(m);
  m.out.push({ type: 'record', ev });
}

export function requestRef(m: ProducerModel, b: Batch, req: number): RequestRef {
  return {
    req,
    batch: b.id,
    messages: b.messages,
    attempt: b.attempts,
    instance: m.instance,
    pid: m.idempotent ? m.pid : NO_PRODUCER_ID,
    epoch: m.idempotent ? b.epoch : NO_PRODUCER_EPOCH,
    baseSeq: m.idempotent ? b.baseSeq : NO_SEQUENCE,
    lastSeq: m.idempotent ? lastSequenceOf(b.baseSeq, b.messages.length) : NO_SEQUENCE,
    connection: m.connection,
  };
}

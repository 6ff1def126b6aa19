import { kafkaVersionRules, type KafkaVersion, type KafkaVersionRules } from '../protocol/kafka-version';
import { resolveProducerConfig, type EffectiveProducerConfig } from '../protocol/producer-config';
import type { ProducerConfig } from '../scenario/schema';
import { lastSequenceOf } from '../protocol/sequence';
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, PARTITION } from '../protocol/types';
import type { ProducerSnapshot, RequestRef } from '../trace/types';
import { BatchQueue } from './batch-queue';
import { BATCH_TARGET, isFinalBatchPhase, type BatchEvent, type BatchPhase } from './batch.machine';
import type { Effect, TraceEventInput } from './effects';
import type { ProducerEvent } from './producer-events';

/** A producer batch (ProducerBatch): created in the accumulator, numbered when first drained. */
export interface Batch {
  id: number;
  partition: number;
  /** Grows while the batch is open; never changes once sealed, so trace events share it. */
  messages: number[];
  createdT: number;
  /** The CreateTime of its newest record (the batch's max timestamp, sent with it and kept by the broker). */
  maxTimestamp: number;
  /** createdT + delivery.timeout.ms */
  deadlineT: number;
  baseSeq: number;
  /**
   * The producer id the batch was numbered under, or −1 (not numbered yet, or renumbered to go out under the next
   * producer id). It differs from the producer's only after a producer-id reset (Kafka before 2.5).
   */
  pid: number;
  epoch: number;
  attempts: number;
  /** Where it is in its life is the state of its own statechart (batch.machine.ts), not a field here. */
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

/**
 * The producer client's data (the machine's context). Its protocol states (has it a producer id, is it bumping its
 * epoch, is it connected) are the machine's states, not fields here. The accumulator's deque, the in-flight lists and
 * the open requests are containers this actor alone owns; every other field is replaced, never changed in place.
 */
export interface ProducerModel {
  instance: number;
  /** The configuration in effect: Kafka's defaults and its own adjustments applied (resolveProducerConfig). */
  config: EffectiveProducerConfig;
  /** The rules of the Kafka version the client is (kafka-version.ts). */
  rules: KafkaVersionRules;
  idempotent: boolean;
  pid: number;
  epoch: number;
  partitions: PartitionState[];
  /** Open requests on the current connection, in send order. */
  requests: Map<number, OpenRequest>;
  /** The newest connection's id (connections are numbered for the whole run). */
  connection: number;
  /** No new connection before this time (reconnect.backoff.ms after a disconnect). */
  reconnectAtT: number;
  /** Connection attempts that failed in a row since the last ready connection (the reconnect backoff doubles with each). */
  reconnectFailures: number;
  nextBatchId: number;
  nextReqId: number;
  /** The last snapshot handed to the trace, reused while nothing it shows has changed. */
  lastSnapshot: ProducerSnapshot | null;
}

/** The idempotence manager's state (Kafka's TransactionManager.State for an idempotent producer). */
export type IdempotencePhase = 'disabled' | 'uninitialized' | 'initializing' | 'ready' | 'bumpRequired';
/** The connection to the partition leader, as NetworkClient sees it. */
export type ConnectionPhase = 'disconnected' | 'connecting' | 'connected' | 'waitingToReconnect';

/**
 * One step of the producer: its data as the step changes it, the machine's states as the step found them (and as
 * its facts move them), the virtual time, and what the step asks XState to do.
 */
export interface ProducerStep extends ProducerModel {
  now: number;
  idem: IdempotencePhase;
  conn: ConnectionPhase;
  /** Each batch's state as its statechart had it when the step began (undefined once it has finished). */
  readPhase: (batch: number) => BatchPhase | undefined;
  /** Batches this step has moved (or created), with the state it moved them to. */
  phases: Map<number, BatchPhase>;
  out: ProducerEffect[];
}

/**
 * Facts a step raises for the machine's own regions: the idempotence manager's and the connection's transitions.
 * Each names the transition it drives.
 */
export type ProducerFact =
  | { type: 'pid.requested' }
  | { type: 'pid.received' }
  | { type: 'pid.abandoned' }
  | { type: 'pid.reset' }
  | { type: 'bump.required' }
  | { type: 'epoch.bumped' }
  | { type: 'connection.connecting' }
  | { type: 'connection.opened' }
  | { type: 'connection.refused' }
  | { type: 'connection.lost' }
  | { type: 'reconnect.allowed' };

export type ProducerEffect =
  | Effect<ProducerEvent>
  | { type: 'fact'; fact: ProducerFact }
  /** A new batch: its statechart starts as a child actor of the producer. */
  | { type: 'batch.created'; batch: number }
  /** An event for a batch's statechart. */
  | { type: 'batch.event'; batch: number; event: BatchEvent }
  /** NetworkClient.initiateConnect: the network accepts the connection, or refuses it while the broker is down. */
  | { type: 'connect'; connection: number };

export interface ProducerInput {
  instance: number;
  /** The configuration as the user wrote it (settings may be left unset). */
  config: ProducerConfig;
  /** The Kafka version whose client rules apply; default 4.0. */
  kafkaVersion?: KafkaVersion;
  /** Ids continue across producer restarts so that every batch and request in a trace is unique. */
  firstBatchId: number;
  firstReqId: number;
  firstConnection: number;
}

export function createProducerModel(input: ProducerInput, config = resolveProducerConfig(input.config, input.kafkaVersion).config): ProducerModel {
  return {
    instance: input.instance,
    config,
    rules: kafkaVersionRules(input.kafkaVersion),
    idempotent: config['enable.idempotence'],
    pid: NO_PRODUCER_ID,
    epoch: NO_PRODUCER_EPOCH,
    partitions: [{ nextSeq: 0, lastAckedSeq: NO_SEQUENCE, unresolvedSeq: NO_SEQUENCE, open: null, queue: new BatchQueue(), inflight: [] }],
    requests: new Map(),
    connection: input.firstConnection,
    reconnectAtT: 0,
    reconnectFailures: 0,
    nextBatchId: input.firstBatchId,
    nextReqId: input.firstReqId,
    lastSnapshot: null,
  };
}

/** Starts a step: a new object for the data (the old context is left as it was) with the step's scratch. */
export function beginStep(
  m: ProducerModel,
  now: number,
  idem: IdempotencePhase,
  conn: ConnectionPhase,
  readPhase: (batch: number) => BatchPhase | undefined,
): ProducerStep {
  const p = m.partitions[PARTITION]!;
  return {
    instance: m.instance,
    config: m.config,
    rules: m.rules,
    idempotent: m.idempotent,
    pid: m.pid,
    epoch: m.epoch,
    partitions: [{ nextSeq: p.nextSeq, lastAckedSeq: p.lastAckedSeq, unresolvedSeq: p.unresolvedSeq, open: p.open, queue: p.queue, inflight: p.inflight }],
    requests: m.requests,
    connection: m.connection,
    reconnectAtT: m.reconnectAtT,
    reconnectFailures: m.reconnectFailures,
    nextBatchId: m.nextBatchId,
    nextReqId: m.nextReqId,
    lastSnapshot: m.lastSnapshot,
    now,
    idem,
    conn,
    readPhase,
    phases: new Map(),
    out: [],
  };
}

/** The data a step leaves, without its scratch: the machine's next context. */
export function endStep(s: ProducerStep): ProducerModel {
  return {
    instance: s.instance,
    config: s.config,
    rules: s.rules,
    idempotent: s.idempotent,
    pid: s.pid,
    epoch: s.epoch,
    partitions: s.partitions,
    requests: s.requests,
    connection: s.connection,
    reconnectAtT: s.reconnectAtT,
    reconnectFailures: s.reconnectFailures,
    nextBatchId: s.nextBatchId,
    nextReqId: s.nextReqId,
    lastSnapshot: s.lastSnapshot,
  };
}

/** Raises a fact for the machine's regions and keeps the step's own view of them in line. */
export function fact(s: ProducerStep, f: ProducerFact): void {
  s.out.push({ type: 'fact', fact: f });
  switch (f.type) {
    case 'pid.requested':
      s.idem = 'initializing';
      break;
    case 'pid.received':
    case 'epoch.bumped':
      s.idem = 'ready';
      break;
    case 'pid.abandoned':
    case 'pid.reset':
      s.idem = 'uninitialized';
      break;
    case 'bump.required':
      s.idem = 'bumpRequired';
      break;
    case 'connection.connecting':
      s.conn = 'connecting';
      break;
    case 'connection.opened':
      s.conn = 'connected';
      break;
    case 'connection.refused':
    case 'connection.lost':
      s.conn = 'waitingToReconnect';
      break;
    case 'reconnect.allowed':
      s.conn = 'disconnected';
      break;
  }
}

/** Where a batch is in its life: as this step left it, or as its statechart has it. */
export function phaseOf(s: ProducerStep, b: Batch): BatchPhase | undefined {
  return s.phases.get(b.id) ?? s.readPhase(b.id);
}

/** The batch has finished (acknowledged, failed or expired). */
export function isFinished(s: ProducerStep, b: Batch): boolean {
  const phase = phaseOf(s, b);
  return phase === undefined || isFinalBatchPhase(phase);
}

/** Starts a new batch's statechart (in the accumulator). */
export function batchCreated(s: ProducerStep, b: Batch): void {
  s.phases.set(b.id, 'accumulating');
  s.out.push({ type: 'batch.created', batch: b.id });
}

/** Sends a batch's statechart the event that moves it, and keeps the step's own view of it in line. */
export function moveBatch(s: ProducerStep, b: Batch, type: BatchEvent['type']): void {
  s.phases.set(b.id, BATCH_TARGET[type]);
  s.out.push({ type: 'batch.event', batch: b.id, event: { type } });
}

/**
 * Ids of the producer's delayed events, so that a request's or batch's timers can be withdrawn with XState's
 * `cancel` once they no longer matter. Request and batch ids are unique for the whole run.
 */
export const timerId = {
  requestTimeout: (req: number) => `request.timeout:${req}`,
  delivery: (batch: number) => `delivery.timeout:${batch}`,
  linger: (batch: number) => `linger:${batch}`,
  backoff: (batch: number, attempt: number) => `backoff:${batch}:${attempt}`,
  reconnect: (connection: number) => `reconnect:${connection}`,
};

export function partitionOf(m: ProducerStep, batch: Batch): PartitionState {
  return m.partitions[batch.partition]!;
}

type InFlightView = ProducerSnapshot['inFlight'][number];

function viewState(s: ProducerStep, b: Batch): InFlightView['state'] {
  const phase = phaseOf(s, b);
  return phase === 'inFlight' ? 'in-flight' : phase === 'backingOff' ? 'backoff' : 'queued';
}

function sameView(s: ProducerStep, v: InFlightView, b: Batch): boolean {
  return v.batch === b.id && v.baseSeq === b.baseSeq && v.epoch === b.epoch && v.attempts === b.attempts && v.state === viewState(s, b);
}

/**
 * The in-flight list's views: the previous list itself when nothing in it changed, otherwise a new list that reuses
 * each unchanged view (both lists are in batch order). Plain loops: this runs for every producer event.
 */
function inFlightViews(s: ProducerStep, batches: readonly Batch[], prev: InFlightView[] | undefined): InFlightView[] {
  if (prev && prev.length === batches.length) {
    let same = true;
    for (let i = 0; i < batches.length && same; i++) same = sameView(s, prev[i]!, batches[i]!);
    if (same) return prev;
  }
  const out: InFlightView[] = [];
  let j = 0;
  for (const b of batches) {
    while (prev && j < prev.length && prev[j]!.batch < b.id) j++;
    const v = prev?.[j];
    out.push(v !== undefined && sameView(s, v, b) ? v : { batch: b.id, messages: b.messages, baseSeq: b.baseSeq, epoch: b.epoch, attempts: b.attempts, state: viewState(s, b) });
  }
  return out;
}

/**
 * The inspector's view of the producer. Snapshots are read-only, so an unchanged one is shared with the previous
 * event instead of allocated again (most events change only one or two fields, and long runs have many events).
 */
export function snapshotProducer(m: ProducerStep): ProducerSnapshot {
  const p = m.partitions[PARTITION]!;
  const prev = m.lastSnapshot;
  const inFlight = inFlightViews(m, p.inflight, prev?.inFlight);
  const queued = p.queue.unsent + (p.open ? 1 : 0);
  const openRequests = m.requests.size;
  const connection = m.conn === 'connected' ? m.connection : -1;
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
export function record(m: ProducerStep, ev: TraceEventInput): void {
  // Assigned rather than spread: object spread is slow on Node 20, and this runs for every producer event.
  ev.producer = snapshotProducer(m);
  m.out.push({ type: 'record', ev });
}

export function requestRef(m: ProducerStep, b: Batch, req: number): RequestRef {
  return {
    req,
    batch: b.id,
    messages: b.messages,
    attempt: b.attempts,
    instance: m.instance,
    pid: m.idempotent ? (b.pid >= 0 ? b.pid : m.pid) : NO_PRODUCER_ID,
    epoch: m.idempotent ? b.epoch : NO_PRODUCER_EPOCH,
    baseSeq: m.idempotent ? b.baseSeq : NO_SEQUENCE,
    lastSeq: m.idempotent ? lastSequenceOf(b.baseSeq, b.messages.length) : NO_SEQUENCE,
    maxTimestamp: b.maxTimestamp,
    connection: m.connection,
  };
}

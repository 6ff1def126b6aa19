import { deliveryFailure, reactToError, retryBackoffMs, sequenceAfterExpiry, sequenceAfterFailedReply, type SequenceAfterFailure } from '../protocol/producer-rules';
import { lastSequenceOf } from '../protocol/sequence';
import { RETRIABLE_ERRORS, type ErrorName } from '../protocol/types';
import { drain, numberedUnderOldPid } from './producer-drain';
import { maybeResolveSequences, requireBump, resetProducerId, restartSequences } from './producer-epoch';
import { scheduleReconnect } from './producer-connection';
import { fact, isFinished, moveBatch, partitionOf, phaseOf, record, timerId, type Batch, type OpenRequest, type ProducerStep } from './producer-model';
import { refEvent } from './ref-event';

export function pidAssigned(m: ProducerStep, pid: number, epoch: number, connection: number): void {
  if (m.idem !== 'initializing' || connection !== m.connection || m.pid >= 0) return;
  m.pid = pid;
  m.epoch = epoch;
  fact(m, { type: 'pid.received' });
  record(m, { kind: 'pid.assigned', lane: 'producer', pid, epoch, instance: m.instance });
  drain(m);
}

export function responseReceived(m: ProducerStep, req: number, error: ErrorName, offset: number): void {
  const r = m.requests.get(req);
  if (!r) return;
  m.requests.delete(req);
  m.out.push({ type: 'cancel', id: timerId.requestTimeout(req) });
  record(m, refEvent('response.received', 'producer', r.ref, { error, offset }));
  if (!isFinished(m, r.batch)) {
    if (error === 'NONE') completeBatch(m, r.batch, offset);
    else handleError(m, r, error);
  } else if (error === 'NONE') {
    ackedAfterExpiry(m, r);
  }
  maybeResolveSequences(m);
  drain(m);
}

/** request.timeout.ms passed with no answer: the client closes the connection and fails everything on it (§1.5). */
export function requestTimedOut(m: ProducerStep, req: number): void {
  const r = m.requests.get(req);
  if (!r) return;
  record(m, refEvent('request.timeout', 'producer', r.ref, { timeoutMs: m.config['request.timeout.ms'] }));
  failConnection(m, 'request-timeout', 'REQUEST_TIMED_OUT');
}

/** The connection broke under the client: every request on it fails with NETWORK_EXCEPTION. */
export function connectionBroken(m: ProducerStep, connection: number): void {
  if (connection !== m.connection || m.conn !== 'connected') return;
  failConnection(m, 'network', 'NETWORK_EXCEPTION');
}

function failConnection(m: ProducerStep, reason: 'request-timeout' | 'network', error: ErrorName): void {
  const failed = [...m.requests.values()];
  m.requests.clear();
  for (const r of failed) m.out.push({ type: 'cancel', id: timerId.requestTimeout(r.ref.req) });
  fact(m, { type: 'connection.lost' });
  scheduleReconnect(m);
  // An InitProducerId that was on the dead connection is abandoned; the next drain asks again.
  if (m.pid < 0 && m.idem === 'initializing') fact(m, { type: 'pid.abandoned' });
  record(m, { kind: 'connection.closed', lane: 'producer', connection: m.connection, reason, failed: failed.map((r) => r.ref.req) });
  if (reason === 'request-timeout') m.out.push({ type: 'close', connection: m.connection });
  // InFlightRequests.clearAll hands back a dead connection's requests oldest first. Without idempotence each one is
  // put back at the front of the queue (addFirst), so they are retried newest first; with idempotence they are
  // re-inserted in sequence order (§1.3, §1.5).
  for (const r of failed) {
    record(m, refEvent('request.failed', 'producer', r.ref, { error }));
    if (!isFinished(m, r.batch)) handleError(m, r, error);
  }
  maybeResolveSequences(m);
  drain(m);
}

export function backoffElapsed(m: ProducerStep, batchId: number, attempt: number): void {
  const p = m.partitions[0]!;
  const b = p.queue.find(batchId);
  if (!b || phaseOf(m, b) !== 'backingOff' || b.attempts !== attempt) return;
  moveBatch(m, b, 'backoff.over');
  drain(m);
}

/** delivery.timeout.ms passed since the batch was created: the application gets a TimeoutException (§1.5). */
export function deliveryTimedOut(m: ProducerStep, batchId: number): void {
  const p = m.partitions[0]!;
  const b = p.open?.id === batchId ? p.open : (p.queue.find(batchId) ?? p.inflight.find((x) => x.id === batchId));
  if (!b || isFinished(m, b)) return;
  if (p.open === b) p.open = null;
  // Sender.sendProducerData marks an expired batch's sequence unresolved only if it was being retried (inRetry):
  // re-enqueued at least once, whether it is in flight again, backing off, or waiting in the queue.
  const inRetry = b.attempts > 1 || (b.everSent && phaseOf(m, b) !== 'inFlight');
  failBatch(m, b, 'TimeoutException', sequenceAfterExpiry(inRetry));
  maybeResolveSequences(m);
  drain(m);
}

function completeBatch(m: ProducerStep, b: Batch, offset: number): void {
  const p = partitionOf(m, b);
  moveBatch(m, b, 'batch.acked');
  m.out.push({ type: 'cancel', id: timerId.delivery(b.id) });
  removeFrom(p.inflight, b);
  if (m.idempotent && b.epoch === m.epoch && !numberedUnderOldPid(m, b)) {
    const last = lastSequenceOf(b.baseSeq, b.messages.length);
    if (last > p.lastAckedSeq) p.lastAckedSeq = last;
  }
  record(m, { kind: 'delivery.ack', lane: 'producer', batch: b.id, messages: b.messages, offset, instance: m.instance });
}

/**
 * The application already got a TimeoutException for this batch, but the broker did write it: the last
 * acknowledged sequence still moves (TransactionManager.handleCompletedBatch runs for an expired batch too, §1.5).
 */
function ackedAfterExpiry(m: ProducerStep, r: OpenRequest): void {
  const p = partitionOf(m, r.batch);
  if (m.idempotent && r.ref.pid === m.pid && r.ref.epoch === m.epoch && r.ref.lastSeq > p.lastAckedSeq) p.lastAckedSeq = r.ref.lastSeq;
}

function handleError(m: ProducerStep, r: OpenRequest, error: ErrorName): void {
  const b = r.batch;
  const p = partitionOf(m, b);
  const retriesUsed = b.attempts - 1;
  // Sender.canRetry: delivery time and retries left come before the error's own reaction.
  if (m.now >= b.deadlineT || retriesUsed >= m.config.retries) {
    if (error === 'DUPLICATE_SEQUENCE_NUMBER') completeBatch(m, b, -1);
    else failBatch(m, b, error, sequenceAfterFailedReply(error, retriesUsed, m.config.retries));
    return;
  }
  if (m.idempotent && numberedUnderOldPid(m, b)) {
    // Kafka before 2.5, after a producer-id reset: a retriable error fails the batch with OUT_OF_ORDER_SEQUENCE_NUMBER
    // ("the producer id changed … This batch will be dropped"); any other fails it with its own error.
    failBatch(m, b, RETRIABLE_ERRORS.has(error) ? 'OUT_OF_ORDER_SEQUENCE_NUMBER' : error, 'keep');
    return;
  }
  const reaction = reactToError({
    error,
    idempotent: m.idempotent,
    renumberedSince: r.ref.epoch !== b.epoch || r.ref.baseSeq !== b.baseSeq,
    batchBaseSeq: b.baseSeq,
    batchWasReset: b.reset,
    lastAckedSeq: p.lastAckedSeq,
    unresolvedSeq: p.unresolvedSeq,
  }, m.rules);
  if (reaction === 'fail-and-reset') {
    failBatch(m, b, error, 'keep');
    resetProducerId(m);
    return;
  }
  if (reaction === 'fail') {
    failBatch(m, b, error, sequenceAfterFailedReply(error, retriesUsed, m.config.retries));
    return;
  }
  if (reaction === 'success') {
    completeBatch(m, b, -1);
    return;
  }
  if (reaction === 'restart-sequences') restartSequences(m, p);
  const bump = reaction === 'retry-and-bump';
  if (bump) requireBump(m);
  reenqueue(m, b, error, bump);
}

/** Puts a failed batch back for another attempt after the backoff, in sequence order (insertInSequenceOrder). */
function reenqueue(m: ProducerStep, b: Batch, reason: ErrorName, bump: boolean): void {
  const p = partitionOf(m, b);
  // Only a batch in flight gets here, and a batch in flight is never in the queue.
  moveBatch(m, b, 'batch.retry');
  p.queue.insertRetry(b, m.idempotent);
  const backoffMs = retryBackoffMs(b.attempts, m.config['retry.backoff.ms'], m.config['retry.backoff.max.ms']);
  record(m, { kind: 'retry.scheduled', lane: 'producer', batch: b.id, messages: b.messages, attempt: b.attempts + 1, backoffMs, reason, bump });
  m.out.push({ type: 'timer', delayMs: backoffMs, event: { type: 'backoff.elapsed', batch: b.id, attempt: b.attempts }, id: timerId.backoff(b.id, b.attempts) });
}

/**
 * The batch is done with an error. If it was sent, `after` says what becomes of its sequence (§1.5): a bump, an
 * unresolved sequence that holds back new batches until those in flight finish, or nothing.
 */
function failBatch(m: ProducerStep, b: Batch, error: ErrorName | 'TimeoutException', after: SequenceAfterFailure): void {
  const p = partitionOf(m, b);
  const phase = phaseOf(m, b);
  const queued = phase === 'ready' || phase === 'backingOff';
  moveBatch(m, b, error === 'TimeoutException' ? 'batch.expired' : 'batch.failed');
  m.out.push({ type: 'cancel', id: timerId.delivery(b.id) });
  if (queued) p.queue.remove(b);
  removeFrom(p.inflight, b);
  let unresolved = false;
  if (m.idempotent && b.everSent && !numberedUnderOldPid(m, b)) {
    if (after === 'bump') {
      // Before 2.5 only an OUT_OF_ORDER_SEQUENCE_NUMBER resets the producer id; other failures leave the numbering.
      if (m.rules.sequenceGap === 'bump-epoch' || error === 'OUT_OF_ORDER_SEQUENCE_NUMBER') requireBump(m);
    } else if (after === 'unresolved') {
      // Its fate is unknown (it may be in the log), so later batches are not renumbered (§1.7).
      const last = lastSequenceOf(b.baseSeq, b.messages.length);
      if (last > p.unresolvedSeq) p.unresolvedSeq = last;
      unresolved = true;
    }
  }
  record(m, { kind: 'delivery.failed', lane: 'producer', batch: b.id, messages: b.messages, ...deliveryFailure(error, m.now - b.createdT), instance: m.instance, unresolved });
}

function removeFrom(list: Batch[], b: Batch): boolean {
  const i = list.indexOf(b);
  if (i >= 0) list.splice(i, 1);
  return i >= 0;
}

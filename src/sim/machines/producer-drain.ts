import { incrementSequence } from '../protocol/sequence';
import { PARTITION } from '../protocol/types';
import { nodeReady } from './producer-connection';
import { bumpEpoch } from './producer-epoch';
import { batchCreated, fact, moveBatch, phaseOf, record, requestRef, timerId, type Batch, type ProducerStep } from './producer-model';
import { refEvent } from './ref-event';

/**
 * The application calls send(): the record joins the newest batch while it has room (RecordAccumulator.append).
 * linger.ms does not close a batch; it only makes it ready to send. A batch is sealed when it is full or when the
 * sender first drains it, so records keep joining it while the sender is held back (for example while
 * InitProducerId is outstanding).
 */
export function acceptRecord(m: ProducerStep, message: number, resend: boolean): void {
  const p = m.partitions[PARTITION]!;
  let b = p.open;
  if (!b) {
    b = {
      id: m.nextBatchId++,
      partition: PARTITION,
      messages: [],
      createdT: m.now,
      maxTimestamp: m.now,
      deadlineT: m.now + m.config['delivery.timeout.ms'],
      baseSeq: -1,
      pid: -1,
      epoch: -1,
      attempts: 0,
      everSent: false,
      reset: false,
    };
    p.open = b;
    batchCreated(m, b);
    m.out.push({ type: 'timer', delayMs: m.config['delivery.timeout.ms'], event: { type: 'delivery.timeout', batch: b.id }, id: timerId.delivery(b.id) });
    if (m.config['linger.ms'] > 0) {
      m.out.push({ type: 'timer', delayMs: m.config['linger.ms'], event: { type: 'linger.expired', batch: b.id }, id: timerId.linger(b.id) });
    }
  }
  b.messages.push(message);
  b.maxTimestamp = m.now;
  record(m, { kind: 'app.send', lane: 'producer', message, instance: m.instance, resend });
  if (b.messages.length >= m.config['batch.size.records']) sealOpenBatch(m);
  drain(m);
}

/** linger.ms passed: the open batch is now ready to be sent even though it is not full. */
export function lingerExpired(m: ProducerStep, batchId: number): void {
  if (m.partitions[PARTITION]!.open?.id !== batchId) return;
  drain(m);
}

function sealOpenBatch(m: ProducerStep): void {
  const p = m.partitions[PARTITION]!;
  const b = p.open;
  if (!b) return;
  p.open = null;
  moveBatch(m, b, 'batch.sealed');
  p.queue.pushFresh(b);
  if (m.config['linger.ms'] > 0) m.out.push({ type: 'cancel', id: timerId.linger(b.id) });
  record(m, { kind: 'batch.created', lane: 'producer', batch: b.id, messages: b.messages });
}

/** The open batch may go out once linger.ms has passed since its first record. */
function openBatchReady(m: ProducerStep): boolean {
  const b = m.partitions[PARTITION]!.open;
  return b !== null && m.now - b.createdT >= m.config['linger.ms'];
}

/**
 * The Sender's drain: send as many batches as the rules allow (RecordAccumulator.drain and
 * shouldStopDrainBatchesForPartition, reference §1.3–1.4), and only once the connection to the leader is ready
 * (§1.5): until then nothing is sealed or sent, and no attempt is used.
 */
export function drain(m: ProducerStep): void {
  if (m.idem === 'bumpRequired') bumpEpoch(m);
  const p = m.partitions[PARTITION]!;
  if (m.idempotent && m.pid < 0) {
    if (m.idem === 'uninitialized' && (p.queue.size > 0 || p.open) && nodeReady(m)) requestProducerId(m);
    return;
  }
  while (m.requests.size < m.config['max.in.flight.requests.per.connection']) {
    if (p.queue.size === 0 && openBatchReady(m)) {
      if (!nodeReady(m)) return;
      sealOpenBatch(m);
    }
    const head = p.queue.peek();
    if (!head || !mayDrain(m, head) || !nodeReady(m)) return;
    p.queue.shift();
    if (!head.everSent) {
      if (m.idempotent) {
        // The sequence is assigned when the batch is first drained, not at send() (reference §1.2).
        head.baseSeq = p.nextSeq;
        head.pid = m.pid;
        head.epoch = m.epoch;
        p.nextSeq = incrementSequence(p.nextSeq, head.messages.length);
      }
      p.inflight.push(head);
    }
    sendBatch(m, head);
  }
}

function mayDrain(m: ProducerStep, head: Batch): boolean {
  if (phaseOf(m, head) === 'backingOff') return false;
  if (!m.idempotent) return true;
  const p = m.partitions[head.partition]!;
  if (!head.everSent) {
    // No new batch while a batch's fate is unknown (§1.5), or while batches of an older epoch are unfinished.
    if (p.unresolvedSeq >= 0) return false;
    if (p.inflight.some((b) => b.epoch !== m.epoch || numberedUnderOldPid(m, b))) return false;
    return true;
  }
  // A retry goes out only when it is the oldest unacknowledged batch, so retries leave in sequence order and the
  // partition is effectively at one in flight while they do (§1.4).
  return p.inflight[0] === head;
}

/**
 * The batch was numbered under a producer id the producer has since reset (Kafka before 2.5): it keeps its numbers
 * and goes out under that id, and it is failed rather than retried if it meets an error.
 */
export function numberedUnderOldPid(m: ProducerStep, b: Batch): boolean {
  return b.pid >= 0 && b.pid !== m.pid;
}

/** Requests go out only on a ready connection (the drain checks nodeReady first). */
function ensureConnection(m: ProducerStep): void {
  if (m.conn !== 'connected') throw new Error(`producer ${m.instance}: a request would go out while ${m.conn}`);
}

function requestProducerId(m: ProducerStep): void {
  ensureConnection(m);
  fact(m, { type: 'pid.requested' });
  record(m, { kind: 'pid.requested', lane: 'producer', instance: m.instance });
  m.out.push({ type: 'send', packet: { kind: 'init-pid', instance: m.instance, connection: m.connection } });
}

function sendBatch(m: ProducerStep, b: Batch): void {
  ensureConnection(m);
  b.attempts += 1;
  b.everSent = true;
  moveBatch(m, b, 'batch.sent');
  const req = m.nextReqId++;
  const ref = requestRef(m, b, req);
  m.requests.set(req, { ref, batch: b, sentT: m.now });
  record(m, refEvent('request.sent', 'producer', ref, {}));
  m.out.push({ type: 'send', packet: { kind: 'produce', ref, acks: m.config.acks, idempotent: m.idempotent, timeoutMs: m.config['request.timeout.ms'] } });
  if (m.config.acks === '0') {
    // acks=0: no response will come; the batch counts as sent with offset −1 (reference §2.6).
    m.requests.delete(req);
    moveBatch(m, b, 'batch.acked');
    m.out.push({ type: 'cancel', id: timerId.delivery(b.id) });
    const p = m.partitions[b.partition]!;
    p.inflight.splice(p.inflight.indexOf(b), 1);
    record(m, { kind: 'delivery.ack', lane: 'producer', batch: b.id, messages: b.messages, offset: -1, instance: m.instance });
    return;
  }
  m.out.push({ type: 'timer', delayMs: m.config['request.timeout.ms'], event: { type: 'request.timeout', req }, id: timerId.requestTimeout(req) });
}

import { SEQUENCE_GAP } from '../protocol/producer-rules';
import { incrementSequence, isNextSequence } from '../protocol/sequence';
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, SHORT_MAX } from '../protocol/types';
import { fact, record, type ProducerStep } from './producer-model';

/**
 * KIP-360's local epoch bump for the idempotent producer (bumpIdempotentProducerEpoch): epoch + 1 with no
 * request to any broker, and the partition's unfinished batches renumbered from sequence 0.
 * At Short.MAX the client asks for a new producer id instead.
 */
export function bumpEpoch(m: ProducerStep): void {
  if (m.epoch >= SHORT_MAX) {
    m.pid = NO_PRODUCER_ID;
    m.epoch = NO_PRODUCER_EPOCH;
    fact(m, { type: 'pid.reset' });
    for (const p of m.partitions) resetPartition(p, -1);
    return;
  }
  m.epoch += 1;
  fact(m, { type: 'epoch.bumped' });
  const renumbered: { batch: number; fromSeq: number; toSeq: number }[] = [];
  for (const p of m.partitions) {
    for (const r of resetPartition(p, m.epoch)) renumbered.push(r);
  }
  record(m, {
    kind: 'epoch.bumped',
    lane: 'producer',
    pid: m.pid,
    epoch: m.epoch,
    renumbered,
    reason: SEQUENCE_GAP,
  });
}

function resetPartition(p: ProducerStep['partitions'][number], epoch: number) {
  const renumbered: { batch: number; fromSeq: number; toSeq: number }[] = [];
  let seq = 0;
  for (const b of p.inflight) {
    renumbered.push({ batch: b.id, fromSeq: b.baseSeq, toSeq: seq });
    b.baseSeq = seq;
    b.epoch = epoch;
    // Renumbered for the next producer id (Short.MAX reached): it goes out under whichever id the producer has then.
    if (epoch < 0) b.pid = NO_PRODUCER_ID;
    b.reset = true;
    seq = incrementSequence(seq, b.messages.length);
  }
  p.nextSeq = seq;
  p.lastAckedSeq = NO_SEQUENCE;
  p.unresolvedSeq = NO_SEQUENCE;
  return renumbered;
}

/**
 * TransactionManager.startSequencesAtBeginning (Kafka 1.0–2.4, after UNKNOWN_PRODUCER_ID): the partition's unfinished
 * batches are renumbered from sequence 0 under the same producer id and epoch.
 */
export function restartSequences(m: ProducerStep, p: ProducerStep['partitions'][number]): void {
  const renumbered = resetPartition(p, m.epoch);
  record(m, { kind: 'sequences.restarted', lane: 'producer', pid: m.pid, epoch: m.epoch, renumbered });
}

/**
 * maybeResolveSequences: once nothing is in flight, an unresolved batch either turned out fine (every later
 * sequence was acknowledged) or left a gap, which only a new epoch can close.
 */
export function maybeResolveSequences(m: ProducerStep): void {
  for (const p of m.partitions) {
    if (p.unresolvedSeq < 0 || p.inflight.length > 0) continue;
    if (!isNextSequence(p.lastAckedSeq, p.nextSeq)) requireBump(m);
    p.unresolvedSeq = NO_SEQUENCE;
  }
}

/**
 * The producer must start a new epoch before it sends again (TransactionManager's epochBumpRequired). Before
 * Kafka 2.5 there was no epoch bump for the idempotent producer: it discarded its producer id instead.
 */
export function requireBump(m: ProducerStep): void {
  if (m.rules.sequenceGap === 'reset-producer-id') resetProducerId(m);
  else if (m.idem === 'ready') fact(m, { type: 'bump.required' });
}

/**
 * TransactionManager.resetProducerId (Kafka 0.11–2.4, reference §1.7): the producer id, epoch and every
 * partition's sequence numbers are dropped and a new producer id is requested before anything new is sent.
 * Batches already numbered keep their producer id and numbers: one that meets an error afterwards is failed
 * (Sender: "the producer id changed … This batch will be dropped"), one that succeeds is simply done.
 */
export function resetProducerId(m: ProducerStep): void {
  if (m.idem !== 'ready' && m.idem !== 'bumpRequired') return;
  record(m, { kind: 'pid.reset', lane: 'producer', pid: m.pid, epoch: m.epoch, instance: m.instance });
  m.pid = NO_PRODUCER_ID;
  m.epoch = NO_PRODUCER_EPOCH;
  fact(m, { type: 'pid.reset' });
  for (const p of m.partitions) {
    p.nextSeq = 0;
    p.lastAckedSeq = NO_SEQUENCE;
    p.unresolvedSeq = NO_SEQUENCE;
  }
}

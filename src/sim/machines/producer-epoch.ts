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
    b.reset = true;
    seq = incrementSequence(seq, b.messages.length);
  }
  p.nextSeq = seq;
  p.lastAckedSeq = NO_SEQUENCE;
  p.unresolvedSeq = NO_SEQUENCE;
  return renumbered;
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

/** The producer must start a new epoch before it sends again (TransactionManager's epochBumpRequired). */
export function requireBump(m: ProducerStep): void {
  if (m.idem === 'ready') fact(m, { type: 'bump.required' });
}

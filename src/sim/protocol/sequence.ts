import { INT_MAX } from '../scenario/schema';
import { NO_SEQUENCE } from './types';

/**
 * Adds to a sequence number, wrapping from Int.MAX to 0 (DefaultRecordBatch.incrementSequence).
 * @example incrementSequence(2147483647, 1) // → 0
 */
export function incrementSequence(seq: number, increment: number): number {
  if (seq > INT_MAX - increment) return increment - (INT_MAX - seq) - 1;
  return seq + increment;
}

/** Last sequence of a batch: baseSeq + count − 1, wrapping. */
export function lastSequenceOf(baseSeq: number, recordCount: number): number {
  if (baseSeq === NO_SEQUENCE) return NO_SEQUENCE;
  return incrementSequence(baseSeq, recordCount - 1);
}

/**
 * The broker's "is this the next batch?" test (ProducerAppendInfo.inSequence): the first sequence must follow the
 * last one, and 0 follows Int.MAX.
 */
export function inSequence(lastSeq: number, nextFirstSeq: number): boolean {
  return nextFirstSeq === lastSeq + 1 || (nextFirstSeq === 0 && lastSeq === INT_MAX);
}

/**
 * The client's test (TransactionManager.isNextSequence): is `seq` the one right after the last acknowledged
 * sequence? With nothing acknowledged (−1) the next is 0.
 */
export function isNextSequence(lastAckedSeq: number, seq: number): boolean {
  return seq - lastAckedSeq === 1;
}

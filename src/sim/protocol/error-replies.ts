import { BROKER_ERROR_FAULTS, type BrokerErrorFault } from '../scenario/schema';

type Acks = 'all' | '1' | '0';

/**
 * Errors that only acks=all can produce (reference §1.7): the in-sync replica check runs only when
 * requiredAcks == -1 (Partition.appendRecordsToLeader), and NOT_ENOUGH_REPLICAS_AFTER_APPEND and a broker-side
 * REQUEST_TIMED_OUT come only from DelayedProduce, which waits for followers and exists only for acks=all.
 */
export const ACKS_ALL_ONLY_ERRORS: ReadonlySet<BrokerErrorFault> = new Set<BrokerErrorFault>([
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
]);

/**
 * Can a broker answer a produce request sent with these acks with this error?
 * @example errorReplyPossible('NOT_ENOUGH_REPLICAS', '1') // → false
 */
export function errorReplyPossible(error: BrokerErrorFault, acks: Acks): boolean {
  return acks === 'all' || !ACKS_ALL_ONLY_ERRORS.has(error);
}

const POSSIBLE: Record<Acks, readonly BrokerErrorFault[]> = {
  all: BROKER_ERROR_FAULTS,
  '1': BROKER_ERROR_FAULTS.filter((e) => errorReplyPossible(e, '1')),
  '0': BROKER_ERROR_FAULTS.filter((e) => errorReplyPossible(e, '0')),
};

/**
 * The error replies a request with these acks can get, in a fixed order (random error replies are drawn from it).
 * @example possibleErrorReplies('1') // → ['NOT_LEADER_OR_FOLLOWER']
 */
export function possibleErrorReplies(acks: Acks): readonly BrokerErrorFault[] {
  return POSSIBLE[acks];
}

import { describe, expect, test } from 'vitest';
import { BROKER_ERROR_FAULTS } from '../scenario/schema';
import { errorReplyPossible, possibleErrorReplies } from './error-replies';

describe('error replies and acks (§1.7)', () => {
  test('NOT_ENOUGH_REPLICAS, …_AFTER_APPEND and a broker-side REQUEST_TIMED_OUT exist only with acks=all', () => {
    for (const acks of ['1', '0'] as const) {
      expect(errorReplyPossible('NOT_ENOUGH_REPLICAS', acks)).toBe(false);
      expect(errorReplyPossible('NOT_ENOUGH_REPLICAS_AFTER_APPEND', acks)).toBe(false);
      expect(errorReplyPossible('REQUEST_TIMED_OUT', acks)).toBe(false);
      expect(errorReplyPossible('NOT_LEADER_OR_FOLLOWER', acks)).toBe(true);
      expect(possibleErrorReplies(acks)).toEqual(['NOT_LEADER_OR_FOLLOWER']);
    }
  });
  test('with acks=all every error reply can happen, in the fault list’s own order', () => {
    for (const e of BROKER_ERROR_FAULTS) expect(errorReplyPossible(e, 'all')).toBe(true);
    expect(possibleErrorReplies('all')).toEqual(BROKER_ERROR_FAULTS);
  });
});

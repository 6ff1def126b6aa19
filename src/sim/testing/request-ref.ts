import type { RequestRef } from '../trace/types';

let nextReq = 1;

/**
 * A request's identity for tests: one message per batch (batch id = message), producer 1000 epoch 0, sequence
 * message − 1, first attempt of instance 1 on connection 1, and a request id unique in the test run; `over`
 * changes any of it.
 */
export function testRef(message: number, over: Partial<RequestRef> = {}): RequestRef {
  return {
    req: nextReq++,
    batch: message,
    messages: [message],
    attempt: 1,
    instance: 1,
    pid: 1000,
    epoch: 0,
    baseSeq: message - 1,
    lastSeq: message - 1,
    maxTimestamp: 0,
    connection: 1,
    ...over,
  };
}

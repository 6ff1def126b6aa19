import type { RequestRef } from './types';

/** "message 3" or "messages 3, 4 and 5". */
export function formatMessages(messages: readonly number[]): string {
  if (messages.length === 1) return `message ${messages[0]}`;
  if (messages.length <= 4) return `messages ${messages.slice(0, -1).join(', ')} and ${messages[messages.length - 1]}`;
  return `messages ${messages[0]}–${messages[messages.length - 1]}`;
}

/** The batch header as the timeline labels it: "P1000 e0 seq 0–0", or "no PID" with idempotence off. */
export function formatHeader(r: Pick<RequestRef, 'pid' | 'epoch' | 'baseSeq' | 'lastSeq'>): string {
  if (r.pid < 0) return 'no PID';
  const seq = r.baseSeq === r.lastSeq ? `seq ${r.baseSeq}` : `seq ${r.baseSeq}–${r.lastSeq}`;
  return `P${r.pid} e${r.epoch} ${seq}`;
}

export function formatAttempt(attempt: number): string {
  return attempt === 1 ? 'attempt 1' : `attempt ${attempt} (retry)`;
}

export function formatT(t: number): string {
  return `t=${t} ms`;
}

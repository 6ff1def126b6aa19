import type { LogRecord, Trace } from '../trace/types';

/**
 * KAFKA-15591 (reference §5 vector 7): a broker that does not know a producer id accepts any first sequence, so if
 * the first batch of a new producer fails before it is written while a later batch gets through, the log starts
 * mid-sequence. Exactly-once and order are then not guaranteed by Kafka 2.5–4.x either. Returns the producer ids
 * whose first record in the log does not carry sequence 0.
 */
export function producersStartedMidSequence(trace: Trace): number[] {
  const first = new Map<number, LogRecord>();
  for (const r of trace.log) if (r.pid >= 0 && !first.has(r.pid)) first.set(r.pid, r);
  return [...first.values()].filter((r) => r.seq !== 0).map((r) => r.pid);
}

/** NoDuplicateAppend: per (pid, epoch), no sequence number appears twice in the log. */
export function duplicateSequences(trace: Trace): { pid: number; epoch: number; seq: number }[] {
  const seen = new Set<string>();
  const dups: { pid: number; epoch: number; seq: number }[] = [];
  for (const r of trace.log) {
    if (r.pid < 0) continue;
    const k = `${r.pid}:${r.epoch}:${r.seq}`;
    if (seen.has(k)) dups.push({ pid: r.pid, epoch: r.epoch, seq: r.seq });
    seen.add(k);
  }
  return dups;
}

/** Per (pid, epoch), the log's sequences in offset order (one entry per record). */
export function sequencesByProducerEpoch(trace: Trace): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of trace.log) {
    if (r.pid < 0) continue;
    const k = `${r.pid}:${r.epoch}`;
    const list = out.get(k) ?? [];
    list.push(r.seq);
    out.set(k, list);
  }
  return out;
}

/** How many copies of each message the log holds. */
export function copiesByMessage(trace: Trace): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of trace.log) out.set(r.message, (out.get(r.message) ?? 0) + 1);
  return out;
}

/**
 * A retry the broker could no longer recognise (reference §5 vector 9): it answered OUT_OF_ORDER_SEQUENCE_NUMBER to
 * a batch whose sequence range it had already written in the same epoch, because five later batches had pushed
 * it out of the cache. The client then retries without a bump until delivery.timeout.ms, as Kafka does.
 * Returns the indexes of those broker.handled events.
 */
export function retriesBeyondDedupWindow(trace: Trace): number[] {
  const written = new Set<string>();
  const out: number[] = [];
  let r = 0;
  for (const ev of trace.events) {
    while (r < trace.log.length && trace.log[r]!.event < ev.i) {
      const rec = trace.log[r++]!;
      written.add(`${rec.pid}:${rec.epoch}:${rec.seq}`);
    }
    if (ev.kind !== 'broker.handled' || ev.verdict !== 'OUT_OF_ORDER_SEQUENCE_NUMBER' || ev.deadSocket) continue;
    if (written.has(`${ev.pid}:${ev.epoch}:${ev.baseSeq}`)) out.push(ev.i);
  }
  return out;
}

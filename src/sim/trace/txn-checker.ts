import { fetchRecords, type PartitionLog } from '../protocol/txn-rules';
import type { ConsumerOutcome, Outcome, TransactionsOutcome, TxnAnomaly } from './outcome-types';
import type { PartitionView, Trace } from './types';

/** A final partition as the rules read it (the view keeps what `fetchRecords` needs). */
function asLog(p: PartitionView): PartitionLog {
  return { id: p.id, records: p.records, producers: new Map(), open: new Map(p.open.map((o) => [o.pid, o.first])), aborted: p.aborted };
}

const topicOf = (partition: string) => partition.slice(0, partition.lastIndexOf('-'));
const numberOf = (partition: string) => Number(partition.slice(partition.lastIndexOf('-') + 1));

/**
 * Judges a transactional run from its trace: which transactions committed and aborted, which are left hanging,
 * and exactly-once across the loop: every message whose transaction committed is visible to a read_committed
 * consumer of the output exactly once, and nothing else is. One pass over the events and the final partitions.
 */
export function checkTransactions(trace: Trace): { transactions: TransactionsOutcome; consumers: ConsumerOutcome[] } {
  const partitions = trace.partitions ?? [];
  const outputs = partitions.filter((p) => p.id.startsWith('output-'));
  const begun = new Map<number, { messages: number[]; event: number }>();
  const commitDecided = new Set<number>();
  let committed = 0;
  let aborted = 0;
  const writers = new Map<string, number>();
  const consumers = new Map<string, ConsumerOutcome>();
  for (const ev of trace.events) {
    if (ev.kind === 'txn.begun') begun.set(ev.txn, { messages: ev.messages, event: ev.i });
    else if (ev.kind === 'txn.handled' && ev.api === 'EndTxn' && ev.error === 'NONE' && ev.rule && ev.rule.id === 'txn-prepare' && ev.rule.result === 'COMMIT') commitDecided.add(ev.txn);
    else if (ev.kind === 'txn.state' && ev.to === 'CompleteCommit') committed++;
    else if (ev.kind === 'txn.state' && ev.to === 'CompleteAbort') aborted++;
    else if (ev.kind === 'txn.handled' && ev.api === 'Produce') {
      for (const r of ev.results ?? []) if (r.error === 'NONE' && !r.duplicate) writers.set(`${r.partition}@${r.offset}`, ev.i);
    } else if (ev.kind === 'reader.fetched') {
      let c = consumers.get(ev.reader);
      if (!c) consumers.set(ev.reader, (c = { id: ev.reader, isolation: ev.isolation, records: [] }));
      for (const r of ev.records) c.records.push({ topic: topicOf(ev.partition), partition: numberOf(ev.partition), offset: r.offset, message: r.message });
    }
  }
  const expected = new Map<number, number>();
  for (const txn of commitDecided) for (const m of begun.get(txn)?.messages ?? []) expected.set(m, begun.get(txn)!.event);

  // What read_committed sees in the end, message by message.
  const visible = new Map<number, { partition: string; offset: number }[]>();
  for (const p of outputs) {
    for (const r of fetchRecords(asLog(p), 0, 'read_committed').records) {
      const list = visible.get(r.message);
      if (list) list.push({ partition: p.id, offset: r.offset });
      else visible.set(r.message, [{ partition: p.id, offset: r.offset }]);
    }
  }
  const anomalies: TxnAnomaly[] = [];
  let duplicates = 0;
  for (const [message, copies] of visible) {
    if (copies.length < 2) continue;
    duplicates += copies.length - 1;
    const events = copies.map((c) => writers.get(`${c.partition}@${c.offset}`) ?? -1).filter((i) => i >= 0);
    anomalies.push({ kind: 'duplicate-output', message, copies: copies.length, partitions: copies.map((c) => c.partition), offsets: copies.map((c) => c.offset), events });
  }
  let lost = 0;
  for (const [message, event] of expected) {
    if (visible.has(message)) continue;
    lost++;
    anomalies.push({ kind: 'lost-output', message, events: [event] });
  }
  const hanging: TransactionsOutcome['hanging'] = [];
  for (const p of partitions) {
    for (const o of p.open) {
      hanging.push({ partition: p.id, pid: o.pid, firstOffset: o.first, lso: p.lso });
      const writer = writers.get(`${p.id}@${o.first}`);
      anomalies.push({ kind: 'hanging-transaction', partition: p.id, pid: o.pid, firstOffset: o.first, lso: p.lso, leo: p.leo, events: writer === undefined ? [] : [writer] });
    }
  }
  let leaked = 0;
  for (const [message, copies] of visible) {
    if (expected.has(message)) continue;
    leaked++;
    const c = copies[0]!;
    const writer = writers.get(`${c.partition}@${c.offset}`);
    anomalies.push({ kind: 'aborted-visible', message, partition: c.partition, offset: c.offset, events: writer === undefined ? [] : [writer] });
  }
  anomalies.sort((a, b) => (a.events[0] ?? 0) - (b.events[0] ?? 0));
  const transactions: TransactionsOutcome = {
    committed,
    aborted,
    hanging,
    processed: expected.size,
    duplicates,
    lost,
    leaked,
    exactlyOnce: duplicates === 0 && lost === 0 && leaked === 0,
    anomalies,
  };
  const readers = (trace.scenario.transactions?.readers ?? []).map((r, k): ConsumerOutcome => consumers.get(`reader-${k + 1}`) ?? { id: `reader-${k + 1}`, isolation: r['isolation.level'], records: [] });
  return { transactions, consumers: readers };
}

/** The whole outcome of a transactional run: the producer-side counts are read from the output as read_committed sees it. */
export function transactionalOutcome(trace: Trace): Outcome {
  const { transactions, consumers } = checkTransactions(trace);
  const written = (trace.partitions ?? []).filter((p) => p.id.startsWith('output-')).reduce((n, p) => n + p.records.filter((r) => r.kind === 'data').length, 0);
  return {
    duplicates: transactions.duplicates,
    lost: transactions.lost,
    reordered: 0,
    exactlyOnce: transactions.exactlyOnce && trace.configError === null,
    inOrder: true,
    sent: transactions.processed,
    written,
    acknowledged: transactions.processed,
    anomalies: [],
    summary: { configError: trace.configError, recognisedRetries: 0, truncated: trace.truncated },
    transactions,
    consumers,
  };
}

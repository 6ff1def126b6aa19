import type { TransactionsOutcome, TxnAnomaly } from '../sim/trace/outcome-types';
import type { Lang } from './lang';
import { counted, plural, sentences, t } from './t';

/** One transactional anomaly in a sentence, with its witness events. */
export function explainTxnAnomaly(lang: Lang, a: TxnAnomaly): string {
  const sep = t(lang, 'fmt.listSep');
  const events = a.events.map((i) => `#${i}`).join(sep) || '—';
  switch (a.kind) {
    case 'duplicate-output':
      return t(lang, 'txn.anomaly.duplicate', { message: a.message, copies: a.copies, where: a.partitions.map((p, k) => `${p}@${a.offsets[k]}`).join(sep), events });
    case 'aborted-visible':
      return t(lang, 'txn.anomaly.leaked', { message: a.message, partition: a.partition, offset: a.offset, events });
    case 'lost-output':
      return t(lang, 'txn.anomaly.lost', { message: a.message, events });
    case 'hanging-transaction':
      return t(lang, 'txn.anomaly.hanging', { partition: a.partition, pid: a.pid, first: a.firstOffset, lso: a.lso, leo: a.leo, events });
  }
}

/** A transactional run's verdict in sentences: the transactions, then exactly-once as read_committed sees it. */
export function summariseTransactions(lang: Lang, o: TransactionsOutcome): string {
  const counts = t(lang, 'txn.summary.counts', { committed: o.committed, aborted: o.aborted });
  const verdict = o.exactlyOnce
    ? t(lang, o.processed === 0 ? 'txn.summary.none' : 'txn.summary.held', { n: o.processed })
    : t(lang, 'txn.summary.notHeld', { bad: counted(lang, 'txn.summary', { duplicates: o.duplicates, leaked: o.leaked, lost: o.lost }) });
  const hanging = o.hanging.length > 0 ? plural(lang, 'txn.summary.hanging', o.hanging.length) : '';
  return sentences(lang, [counts, verdict, hanging]);
}

import { explainTxnAnomaly, summariseTransactions } from '../../i18n/explain-txn';
import type { Lang } from '../../i18n/lang';
import { translator, type Params } from '../../i18n/t';
import type { ConsumerOutcome, TransactionsOutcome, TxnAnomaly } from '../../sim/trace/outcome-types';
import { AnomalyList, AnomalyRow } from './anomaly-list';

const anomalyParams = (a: TxnAnomaly): Params => (a.kind === 'hanging-transaction' ? { partition: a.partition } : { m: a.message });

/**
 * A transactional run's verdict: exactly-once across the loop as read_committed sees it, the transactions, each
 * anomaly with a button to its first witness, and what each downstream reader returned.
 */
export function TxnOutcomeView({ outcome, consumers, onGoTo, lang = 'en' }: { outcome: TransactionsOutcome; consumers: readonly ConsumerOutcome[]; onGoTo: (event: number) => void; lang?: Lang }) {
  const t = translator(lang);
  const o = outcome;
  return (
    <>
      <ul className="outcome-counts">
        <li className={o.exactlyOnce ? 'good verdict' : 'bad verdict'}>
          {t('txnOutcome.exactlyOnce', { answer: t(o.exactlyOnce ? 'outcome.yes' : 'outcome.no') })}
          <span aria-hidden="true">{o.exactlyOnce ? ' ✔' : ' ✘'}</span>
        </li>
        {/* As read_committed sees the output: extra copies, committed messages it cannot see, aborted ones it can. */}
        <li className={o.duplicates ? 'bad' : 'good'}>{t('outcome.duplicates', { n: o.duplicates })}</li>
        <li className={o.lost ? 'bad' : 'good'}>{t('outcome.lost', { n: o.lost })}</li>
        <li className={o.leaked ? 'bad' : 'good'}>{t('txnOutcome.leaked', { n: o.leaked })}</li>
        <li className={o.hanging.length ? 'bad' : 'good'}>{t('txnOutcome.counts', { committed: o.committed, aborted: o.aborted, hanging: o.hanging.length })}</li>
      </ul>
      <p className="outcome-explanation">{summariseTransactions(lang, o)}</p>
      {o.anomalies.length > 0 && (
        <AnomalyList
          items={o.anomalies}
          label={t('outcome.anomalies')}
          lang={lang}
          render={(a) => <AnomalyRow events={a.events} label={t(`txnOutcome.anomaly.${a.kind}`, anomalyParams(a))} text={explainTxnAnomaly(lang, a)} onGoTo={onGoTo} />}
        />
      )}
      <h3 className="sub">{t('txnOutcome.readers')}</h3>
      <ul className="txn-readers">
        {consumers.map((c) => (
          <li key={c.id} data-reader={c.id}>
            {t('txnOutcome.reader', {
              id: c.id,
              isolation: c.isolation,
              records: c.records.length ? c.records.map((r) => `m${r.message} (${r.topic}-${r.partition}@${r.offset})`).join(t('fmt.listSep')) : t('txnOutcome.nothing'),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

import { explainAnomaly, summarise } from '../../i18n/explain';
import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';
import type { Outcome } from '../../sim/trace/outcome-types';
import { AnomalyList, AnomalyRow } from './anomaly-list';

/** The checker's verdict, its summary and every anomaly's explanation, worded from the checker's facts in `lang`. */
export function OutcomeView({ outcome, onGoTo, lang = 'en' }: { outcome: Outcome; onGoTo: (event: number) => void; lang?: Lang }) {
  const o = outcome;
  const t = translator(lang);
  const yesNo = (b: boolean) => (b ? t('outcome.yes') : t('outcome.no'));
  const explanation = summarise(lang, o);
  return (
    <>
      <ul className="outcome-counts">
        <li className={o.duplicates ? 'bad' : 'good'}>{t('outcome.duplicates', { n: o.duplicates })}</li>
        <li className={o.lost ? 'bad' : 'good'}>{t('outcome.lost', { n: o.lost })}</li>
        <li className={o.reordered ? 'bad' : 'good'}>{t('outcome.reordered', { n: o.reordered })}</li>
        <li className={o.exactlyOnce ? 'good verdict' : 'bad verdict'}>
          {t('outcome.exactlyOnce', { answer: yesNo(o.exactlyOnce) })}
          <span aria-hidden="true">{o.exactlyOnce ? ' ✔' : ' ✘'}</span>
        </li>
        <li className={o.inOrder ? 'good' : 'bad'}>{t('outcome.inOrder', { answer: yesNo(o.inOrder) })}</li>
      </ul>
      <p className="outcome-tally">{t('outcome.tally', { sent: o.sent, written: o.written, acked: o.acknowledged })}</p>
      {explanation && <p className="outcome-explanation">{explanation}</p>}
      {o.anomalies.length > 0 && (
        <AnomalyList
          items={o.anomalies}
          label={t('outcome.anomalies')}
          lang={lang}
          render={(a) => <AnomalyRow events={a.events} label={t('outcome.show', { kind: t(`anomaly.${a.kind}`), m: a.message })} text={explainAnomaly(lang, a)} onGoTo={onGoTo} />}
        />
      )}
    </>
  );
}

import { explainAnomalyZh, summariseZh } from '../../i18n/explain-zh';
import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';
import type { Outcome } from '../../sim/trace/outcome-types';
import type { Trace } from '../../sim/trace/types';

/**
 * The checker's verdict. English shows the core's explanations; Chinese builds them from the structured
 * anomalies and the trace (so `trace` is needed only for Chinese).
 */
export function OutcomeView({ outcome, onGoTo, lang = 'en', trace }: { outcome: Outcome; onGoTo: (event: number) => void; lang?: Lang; trace?: Trace }) {
  const o = outcome;
  const t = translator(lang);
  const zh = lang === 'zh' && trace !== undefined;
  const yesNo = (b: boolean) => (b ? t('outcome.yes') : t('outcome.no'));
  const explanation = zh ? summariseZh(trace, o) : o.explanation;
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
        <ul className="anomalies" aria-label={t('outcome.anomalies')}>
          {o.anomalies.map((a, k) => {
            const first = a.events[0];
            const id = `anomaly-${k}`;
            return (
              <li key={k}>
                <button type="button" disabled={first === undefined} aria-describedby={id} onClick={() => first !== undefined && onGoTo(first)}>
                  {t('outcome.show', { kind: t(`anomaly.${a.kind}`), m: a.message })}
                </button>
                <p id={id} className="anomaly-text">
                  {zh ? explainAnomalyZh(a, trace) : a.explanation}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

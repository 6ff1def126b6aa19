import { explainEffectAnomaly, summariseEffects } from '../../i18n/explain-effects';
import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';
import type { EffectsOutcome } from '../../sim/trace/outcome-types';
import { AnomalyList, AnomalyRow } from './anomaly-list';

/**
 * The end-to-end verdict of a run with a consumer, beside the log's: the business effects in the database per
 * message id (duplicated, lost, exactly once), each anomaly with its cause in words and its witness events as buttons.
 */
export function EffectsView({ effects: e, onGoTo, lang = 'en' }: { effects: EffectsOutcome; onGoTo: (event: number) => void; lang?: Lang }) {
  const t = translator(lang);
  const yesNo = (b: boolean) => (b ? t('outcome.yes') : t('outcome.no'));
  return (
    <div className="effects-verdict">
      <h3>{t('effects.title')}</h3>
      <ul className="outcome-counts">
        <li className={e.duplicates ? 'bad' : 'good'}>{t('effects.duplicates', { n: e.duplicates })}</li>
        <li className={e.lost ? 'bad' : 'good'}>{t('effects.lost', { n: e.lost })}</li>
        <li className={e.exactlyOnce ? 'good verdict' : 'bad verdict'}>
          {t('effects.exactlyOnce', { answer: yesNo(e.exactlyOnce) })}
          <span aria-hidden="true">{e.exactlyOnce ? ' ✔' : ' ✘'}</span>
        </li>
      </ul>
      <p className="outcome-tally">{t('effects.tally', { applied: e.applied, rows: e.rows })}</p>
      <p className="outcome-explanation">{summariseEffects(lang, e)}</p>
      {e.anomalies.length > 0 && (
        <AnomalyList
          items={e.anomalies}
          label={t('effects.anomalies')}
          lang={lang}
          render={(a) => (
            <AnomalyRow
              events={a.events}
              label={t('outcome.show', { kind: t(a.kind === 'duplicate-effect' ? 'effects.kind.duplicate' : 'effects.kind.lost'), m: a.message })}
              text={explainEffectAnomaly(lang, a)}
              onGoTo={onGoTo}
              witnesses={{ label: t('effects.witnesses'), step: (ev) => t('effects.step', { k: ev + 1 }) }}
            />
          )}
        />
      )}
    </div>
  );
}

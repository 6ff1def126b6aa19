import { outcomeFor, selectQuestionOpen } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { OutcomeView } from './outcome-view';
import { lazy, Suspense } from 'react';
import { LazyEffectsView } from './consumer-panels';
import { useLang, useT } from '../../i18n/use-t';

/** Only a transactional run has this verdict: its view is loaded when one is first shown. */
const TxnOutcomeView = lazy(() => import('./txn-outcome-view').then((m) => ({ default: m.TxnOutcomeView })));

/** What the checker concludes over the whole run (not just up to the cursor). */
export function OutcomePanel() {
  const trace = useLab((s) => s.trace);
  const setCursor = useLab((s) => s.setCursor);
  const setPlaying = useLab((s) => s.setPlaying);
  const questionOpen = useLab(selectQuestionOpen);
  const t = useT();
  const lang = useLang();
  const goTo = (i: number) => {
    setPlaying(false);
    setCursor(i);
  };
  return (
    <section className="panel outcome" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t('outcome.title')}</h2>
      {/* The other inspectors follow the cursor; this one does not, and says so. */}
      <p className="hint outcome-scope">{t('outcome.scope')}</p>
      {questionOpen ? (
        <p className="hint">{t('outcome.hidden')}</p>
      ) : (
        <>
          {/* A transactional run: its own verdict (the producer's log view has nothing to say). */}
          {outcomeFor(trace).transactions ? (
            <Suspense fallback={null}>
              <TxnOutcomeView outcome={outcomeFor(trace).transactions!} consumers={outcomeFor(trace).consumers ?? []} lang={lang} onGoTo={goTo} />
            </Suspense>
          ) : (
            <OutcomeView outcome={outcomeFor(trace)} lang={lang} onGoTo={goTo} />
          )}
          {/* A run with a consumer: the verdict on the database's effects, beside the log's. */}
          {outcomeFor(trace).effects && (
            <Suspense fallback={null}>
              <LazyEffectsView effects={outcomeFor(trace).effects!} lang={lang} onGoTo={goTo} />
            </Suspense>
          )}
        </>
      )}
    </section>
  );
}

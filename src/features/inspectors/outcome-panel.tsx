import { outcomeFor, selectQuestionOpen } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { OutcomeView } from './outcome-view';

/** What the checker concludes over the whole run (not just up to the cursor). */
export function OutcomePanel() {
  const trace = useLab((s) => s.trace);
  const setCursor = useLab((s) => s.setCursor);
  const setPlaying = useLab((s) => s.setPlaying);
  const questionOpen = useLab(selectQuestionOpen);
  return (
    <section className="panel outcome" aria-labelledby="outcome-title">
      <h2 id="outcome-title">Outcome</h2>
      {questionOpen ? (
        <p className="hint">Hidden until the lesson&apos;s question is answered.</p>
      ) : (
        <OutcomeView
          outcome={outcomeFor(trace)}
          onGoTo={(i) => {
            setPlaying(false);
            setCursor(i);
          }}
        />
      )}
    </section>
  );
}

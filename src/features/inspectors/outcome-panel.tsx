import { outcomeFor } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { OutcomeView } from './outcome-view';

/** What the checker concludes over the whole run (not just up to the cursor). */
export function OutcomePanel() {
  const trace = useLab((s) => s.trace);
  const setCursor = useLab((s) => s.setCursor);
  const setPlaying = useLab((s) => s.setPlaying);
  return (
    <section className="panel outcome" aria-labelledby="outcome-title">
      <h2 id="outcome-title">Outcome</h2>
      <OutcomeView
        outcome={outcomeFor(trace)}
        onGoTo={(i) => {
          setPlaying(false);
          setCursor(i);
        }}
      />
    </section>
  );
}

import type { Anomaly, Outcome } from '../../sim/trace/outcome-types';

const KIND_TEXT: Record<Anomaly['kind'], string> = { duplicate: 'Duplicate', lost: 'Lost', reordered: 'Reordered' };

export function OutcomeView({ outcome, onGoTo }: { outcome: Outcome; onGoTo: (event: number) => void }) {
  const o = outcome;
  return (
    <>
      <ul className="outcome-counts">
        <li className={o.duplicates ? 'bad' : 'good'}>Duplicates: {o.duplicates}</li>
        <li className={o.lost ? 'bad' : 'good'}>Lost: {o.lost}</li>
        <li className={o.reordered ? 'bad' : 'good'}>Reordered: {o.reordered}</li>
        <li className={o.exactlyOnce ? 'good verdict' : 'bad verdict'}>
          Exactly-once: {o.exactlyOnce ? 'yes' : 'no'}
          <span aria-hidden="true">{o.exactlyOnce ? ' ✔' : ' ✘'}</span>
        </li>
        <li className={o.inOrder ? 'good' : 'bad'}>In order: {o.inOrder ? 'yes' : 'no'}</li>
      </ul>
      <p className="outcome-tally">
        Sent {o.sent} · written {o.written} · acknowledged {o.acknowledged}
      </p>
      {o.explanation && <p className="outcome-explanation">{o.explanation}</p>}
      {o.anomalies.length > 0 && (
        <ul className="anomalies" aria-label="Anomalies">
          {o.anomalies.map((a, k) => {
            const first = a.events[0];
            const id = `anomaly-${k}`;
            return (
              <li key={k}>
                <button type="button" disabled={first === undefined} aria-describedby={id} onClick={() => first !== undefined && onGoTo(first)}>
                  {KIND_TEXT[a.kind]}: message {a.message} — show
                </button>
                <p id={id} className="anomaly-text">
                  {a.explanation}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

import { describeEvent } from '../../sim/trace/describe';
import { selectQuestionOpen } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';

/** The current event in one plain sentence. */
export function Narration() {
  const ev = useLab((s) => s.trace.events[s.cursor]);
  const count = useLab((s) => s.trace.events.length);
  const cursor = useLab((s) => s.cursor);
  const questionOpen = useLab(selectQuestionOpen);
  return (
    <p className="narration" data-step={cursor}>
      {ev ? (
        <>
          <span className="narration-meta">
            Step {cursor + 1} of {count} · t={ev.t} ms · {ev.lane}
          </span>{' '}
          <span className="narration-text">{questionOpen ? 'What happens next? Answer the question in the lesson panel.' : describeEvent(ev)}</span>
        </>
      ) : (
        <span className="narration-text">This run has no events yet.</span>
      )}
    </p>
  );
}

import { describeEvent } from '../../sim/trace/describe';
import { useLab } from '../../store/lab-store-context';

/** The current event in one plain sentence. */
export function Narration() {
  const ev = useLab((s) => s.trace.events[s.cursor]);
  const count = useLab((s) => s.trace.events.length);
  const cursor = useLab((s) => s.cursor);
  return (
    <p className="narration" data-step={cursor}>
      {ev ? (
        <>
          <span className="narration-meta">
            Step {cursor + 1} of {count} · t={ev.t} ms · {ev.lane}
          </span>{' '}
          <span className="narration-text">{describeEvent(ev)}</span>
        </>
      ) : (
        <span className="narration-text">This run has no events yet.</span>
      )}
    </p>
  );
}

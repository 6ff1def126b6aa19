import type { TraceEvent } from '../../sim/trace/types';

/** The current event in words, for screen readers (the canvas itself is only a picture). */
export function EventMirror({ event, index, total, describe }: { event: TraceEvent | undefined; index: number; total: number; describe: (ev: TraceEvent) => string }) {
  return (
    <p id="timeline-mirror" className="visually-hidden" aria-live="polite" aria-atomic="true">
      {event ? `Step ${index + 1} of ${total}, t=${event.t} ms, ${event.lane} lane: ${describe(event)}` : 'No events in this run.'}
    </p>
  );
}

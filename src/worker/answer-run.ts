import { runSimulation } from '../sim/run-simulation';
import { checkOutcome } from '../store/check-outcome';
import { CHUNK_EVENTS, type RunReply, type RunRequest } from './protocol';

/**
 * Answers one run request, as the worker does: the trace's events in pieces, then the rest of the trace with the
 * checker's verdict. The checker runs after the pieces are posted, so the page receives (and indexes) them while
 * the verdict is computed.
 */
export function answerRun({ id, scenario }: RunRequest, post: (reply: RunReply) => void): void {
  try {
    const trace = runSimulation(scenario);
    const events = trace.events;
    let from = 0;
    while (events.length - from > CHUNK_EVENTS) {
      post({ id, type: 'chunk', events: events.slice(from, from + CHUNK_EVENTS), total: events.length });
      from += CHUNK_EVENTS;
    }
    const outcome = checkOutcome(trace);
    post({ id, type: 'done', trace: { ...trace, events: from === 0 ? events : events.slice(from) }, outcome });
  } catch (err) {
    post({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

/// <reference lib="webworker" />
import { runSimulation } from '../sim/run-simulation';
import { CHUNK_EVENTS, type RunReply, type RunRequest } from './protocol';

/** Runs one simulation per request, off the page's main thread, and posts the trace back in pieces. */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(reply: RunReply): void {
  scope.postMessage(reply);
}

scope.onmessage = (e: MessageEvent<RunRequest>) => {
  const { id, scenario } = e.data;
  try {
    const trace = runSimulation(scenario);
    const events = trace.events;
    let from = 0;
    while (events.length - from > CHUNK_EVENTS) {
      post({ id, type: 'chunk', events: events.slice(from, from + CHUNK_EVENTS) });
      from += CHUNK_EVENTS;
    }
    post({ id, type: 'done', trace: { ...trace, events: from === 0 ? events : events.slice(from) } });
  } catch (err) {
    post({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

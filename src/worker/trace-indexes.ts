import { createLayoutBuilder, primeLayout } from '../features/timeline/layout';
import { createInspectorBuilder } from '../sim/trace/inspect';
import { inspectorFor, outcomeFor } from '../store/derived';
import type { TraceReceiver } from './sim-client';

/**
 * The page's receiver for a run: builds the timeline layout and the inspector's lookups piece by piece as the
 * trace arrives (each piece in the task that received it), then remembers them, with the worker's verdict, for
 * the finished trace. Showing the run then computes nothing over the whole trace.
 */
export function createTraceIndexer(): TraceReceiver {
  let layout: ReturnType<typeof createLayoutBuilder> | null = null;
  let inspector: ReturnType<typeof createInspectorBuilder> | null = null;
  return {
    events(events, total) {
      layout ??= createLayoutBuilder(total);
      inspector ??= createInspectorBuilder(total);
      layout.add(events);
      inspector.add(events);
    },
    done(trace, outcome) {
      outcomeFor.prime(trace, outcome);
      if (!layout || !inspector) return;
      primeLayout(trace, layout.finish(trace));
      inspectorFor.prime(trace, inspector.finish(trace));
    },
  };
}

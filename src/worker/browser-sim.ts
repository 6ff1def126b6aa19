import SimWorker from './sim.worker?worker';
import { createWorkerClient, type SimClient } from './sim-client';
import { createTraceIndexer } from './trace-indexes';

/**
 * The page's simulation client: a dedicated worker. The hosted build loads it from its own file; the single-file
 * build inlines it (see vite.singlefile.config.ts), since a page opened from file:// may not load a second file.
 * Each run's trace is indexed as it arrives (see createTraceIndexer).
 */
export function createBrowserSimClient(): SimClient {
  return createWorkerClient(() => new SimWorker() as unknown as ReturnType<Parameters<typeof createWorkerClient>[0]>, { receive: createTraceIndexer });
}

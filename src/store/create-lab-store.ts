import { makeLabStore, type LabStore } from './lab-store';
import { mainThreadClient } from './main-thread-client';
import type { SimClient } from '../worker/sim-client';

export type { LabStore } from './lab-store';

export interface LabStoreOptions {
  /** Where simulations run. Default: this thread, for tests and jsdom (the page passes its worker). */
  sim?: SimClient;
}

/**
 * The lab's store with simulations on this thread unless told otherwise: for tests, jsdom and tools. The page uses
 * `makeLabStore` with its worker, so that the simulation's code stays out of the first page's scripts.
 */
export function createLabStore(storage: Storage | null = null, options: LabStoreOptions = {}): LabStore {
  return makeLabStore(storage, options.sim ?? mainThreadClient);
}

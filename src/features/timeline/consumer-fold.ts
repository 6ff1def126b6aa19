import { create } from 'zustand';

/**
 * Whether the timeline folds the consumer side's lanes away (a run with a consumer only): the producer side then
 * has the whole height, as in a run without one. A view choice, not an input: it is not saved or shared.
 */
export const useConsumerFold = create<{ folded: boolean; setFolded(folded: boolean): void }>()((set) => ({
  folded: false,
  setFolded: (folded) => set({ folded }),
}));

/** Whether the timeline draws the consumer side's lanes now: the run has a consumer, and they are not folded away. */
export function consumerLanesShown(hasConsumer: boolean, folded: boolean): boolean {
  return hasConsumer && !folded;
}

import { create } from 'zustand';

/**
 * Whether the timeline folds the consumer side's lanes away (a run with a consumer only): the producer side then
 * has the whole height, as in a run without one. A view choice, not an input: it is not saved or shared.
 */
export const useConsumerFold = create<{ folded: boolean; setFolded(folded: boolean): void }>()((set) => ({
  folded: false,
  setFolded: (folded) => set({ folded }),
}));

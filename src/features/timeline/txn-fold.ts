import { create } from 'zustand';

/**
 * Whether the timeline folds a transactional run's partitions onto one lane (with five output partitions the lanes
 * get thin). A view choice, not an input: it is not saved or shared.
 */
export const useTxnFold = create<{ folded: boolean; setFolded(folded: boolean): void }>()((set) => ({
  folded: false,
  setFolded: (folded) => set({ folded }),
}));

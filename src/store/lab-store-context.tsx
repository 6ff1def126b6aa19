import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LabState } from './lab-state';
import type { LabStore } from './create-lab-store';

const LabStoreContext = createContext<LabStore | null>(null);

export function LabStoreProvider({ store, children }: { store: LabStore; children: ReactNode }) {
  return <LabStoreContext.Provider value={store}>{children}</LabStoreContext.Provider>;
}

export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab must be used inside <LabStoreProvider>');
  return store;
}

/** Subscribe to one slice of the lab state. Selectors must return stable values (primitives or stored objects). */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

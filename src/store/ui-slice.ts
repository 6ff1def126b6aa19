import type { StateCreator } from 'zustand';
import { THEMES, type LabState, type UiSlice } from './lab-state';

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  theme: 'light',
  notice: null,
  forkTarget: null,
  setTheme: (theme) => set({ theme: THEMES.includes(theme) ? theme : 'light' }),
  dismissNotice: () => set({ notice: null }),
  openFork: (target) => set({ forkTarget: target, playing: false }),
  closeFork: () => set({ forkTarget: null }),
});

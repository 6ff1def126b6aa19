import type { StateCreator } from 'zustand';
import { LANGS } from '../i18n/lang';
import { THEMES, type LabState, type UiSlice } from './lab-state';

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  theme: 'light',
  language: 'en',
  motion: true,
  notices: [],
  heldSave: null,
  forkTarget: null,
  pendingLink: null,
  setTheme: (theme) => set({ theme: THEMES.includes(theme) ? theme : 'light' }),
  setLanguage: (language) => set({ language: LANGS.includes(language) ? language : 'en' }),
  setMotion: (motion) => set({ motion }),
  dismissNotice: () => set({ notices: [] }),
  releaseHeldSave: () => set({ heldSave: null }),
  openFork: (target) => set({ forkTarget: target, playing: false }),
  closeFork: () => set({ forkTarget: null }),
});

import type { StateCreator } from 'zustand';
import type { LabState, PlaybackSlice } from './lab-state';
import { clampCursor } from './simulate';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 16, 64, 256] as const;

/** Cursor over the existing trace: moving it (even backwards) never re-simulates. */
export const createPlaybackSlice: StateCreator<LabState, [], [], PlaybackSlice> = (set) => ({
  cursor: 0,
  playing: false,
  speed: 1,
  setCursor: (i) => set((s) => ({ cursor: clampCursor(i, s.trace) })),
  stepForward: () => set((s) => ({ cursor: clampCursor(s.cursor + 1, s.trace), playing: false })),
  stepBack: () => set((s) => ({ cursor: clampCursor(s.cursor - 1, s.trace), playing: false })),
  jumpToStart: () => set({ cursor: 0, playing: false }),
  jumpToEnd: () => set((s) => ({ cursor: clampCursor(s.trace.events.length - 1, s.trace), playing: false })),
  togglePlay: () =>
    set((s) => {
      if (s.playing) return { playing: false };
      const last = s.trace.events.length - 1;
      // Playing from the end starts over, like a media player.
      return { playing: last > 0, cursor: s.cursor >= last ? 0 : s.cursor };
    }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed: SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? speed : 1 }),
});

import type { StateCreator } from 'zustand';
import type { LabState, PlaybackSlice } from './lab-state';
import { selectCursorLimit, selectQuestionOpen } from './derived';
import { clampCursor } from './simulate';
import { clearStep, markStep } from './step-cue';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 16, 64, 256] as const;

/** A cursor position within the trace and not past a waiting lesson question (see selectCursorLimit). */
const within = (i: number, s: LabState) => Math.min(clampCursor(i, s.trace), selectCursorLimit(s));

/** Cursor over the existing trace: moving it (even backwards) never re-simulates. */
export const createPlaybackSlice: StateCreator<LabState, [], [], PlaybackSlice> = (set) => ({
  cursor: 0,
  playing: false,
  speed: 1,
  setCursor: (i) => {
    clearStep();
    set((s) => ({ cursor: within(i, s) }));
  },
  stepForward: () =>
    set((s) => {
      const cursor = within(s.cursor + 1, s);
      if (cursor === s.cursor + 1) markStep(cursor);
      return { cursor, playing: false };
    }),
  stepBack: () => set((s) => ({ cursor: within(s.cursor - 1, s), playing: false })),
  jumpToStart: () => set({ cursor: 0, playing: false }),
  jumpToEnd: () => set((s) => ({ cursor: within(s.trace.events.length - 1, s), playing: false })),
  togglePlay: () =>
    set((s) => {
      if (s.playing) return { playing: false };
      const last = selectCursorLimit(s);
      // A waiting question: play up to it, and no further until it is revealed.
      if (selectQuestionOpen(s)) return s.cursor >= last ? {} : { playing: true };
      // Playing from the end starts over, like a media player.
      return { playing: last > 0, cursor: s.cursor >= last ? 0 : s.cursor };
    }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed: SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? speed : 1 }),
});

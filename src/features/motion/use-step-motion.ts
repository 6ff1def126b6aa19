import { useLayoutEffect, useRef } from 'react';
import type { LabState } from '../../store/lab-state';
import { useLabStore } from '../../store/lab-store-context';
import { stepTo } from '../../store/step-cue';
import { BASE_RATE } from '../playback/use-playback';

export type MotionModule = typeof import('./motion');

let loading: Promise<MotionModule> | null = null;
/** The motion code is fetched on the first step that animates, not with the first page. */
const loadMotion = () => (loading ??= import('./motion'));

/** How long this step's motion may last (ms): within the step, never for faster playback, never when turned off. */
function motionMs(s: LabState): number {
  if (!s.motion || typeof Element.prototype.animate !== 'function' || window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return 0;
  const ms = s.playing ? Math.min(280, 850 / (BASE_RATE * s.speed)) : 280;
  return ms >= 90 ? ms : 0;
}

/** After the render that moved the cursor by one step forward, plays that event's motion (and only then). */
export function useStepMotion(cursor: number, play: (m: MotionModule, ms: number) => void) {
  const store = useLabStore();
  const seen = useRef<number | null>(null);
  useLayoutEffect(() => {
    const id = stepTo(cursor);
    // A step taken before this part of the page was shown is not played again when it appears.
    if (seen.current === null) seen.current = id;
    if (!id || id === seen.current) return;
    seen.current = id;
    const ms = motionMs(store.getState());
    if (ms) void loadMotion().then((m) => stepTo(store.getState().cursor) === id && play(m, ms));
  }, [cursor, play, store]);
}

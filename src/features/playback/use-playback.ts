import { useEffect } from 'react';
import { isFollowingHost } from '../../app/view-mode';
import { selectCursorLimit } from '../../store/derived';
import { useLab, useLabStore } from '../../store/lab-store-context';
import { markStep } from '../../store/step-cue';

/** Events per second at speed 1×. */
export const BASE_RATE = 4;

/** The one animation loop of the app: advances the cursor while playing, then stops at the end (or at a waiting question). */
export function usePlayback() {
  const store = useLabStore();
  const playing = useLab((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      const s = store.getState();
      // An audience window shows its presenter's cursor as it plays, and does not play on its own.
      if (!s.playing || isFollowingHost()) return;
      carry += ((now - last) / 1000) * BASE_RATE * s.speed;
      last = now;
      const steps = Math.floor(carry);
      if (steps > 0) {
        carry -= steps;
        const lastIndex = selectCursorLimit(s);
        const next = Math.min(lastIndex, s.cursor + steps);
        if (next >= lastIndex) {
          store.setState({ cursor: Math.max(0, lastIndex), playing: false });
          if (steps === 1 && lastIndex === s.cursor + 1) markStep(lastIndex);
          return;
        }
        s.setCursor(next);
        // One event per tick: it gets its motion (faster playback only moves the cursor).
        if (steps === 1) markStep(next);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, store]);
}

/** A window of virtual time in ms, [from, to], that both runs of the comparison show. */
export type TimeWindow = readonly [number, number];

/** The narrowest window: a few ms, so that zooming in never collapses the axis. */
export const MIN_SPAN_MS = 2;

/** The whole run: the window *Fit* shows. */
export function fitWindow(endT: number): TimeWindow {
  return [0, Math.max(1, endT)];
}

/**
 * Zooms by `factor` (2 shows half as much time) keeping `at` where it is on screen, clamped to the whole run
 * `[0, endT]` when given.
 */
export function zoomWindow(w: TimeWindow, factor: number, at = (w[0] + w[1]) / 2, endT?: number): TimeWindow {
  const span = Math.max(MIN_SPAN_MS, (w[1] - w[0]) / factor);
  const share = w[1] > w[0] ? (at - w[0]) / (w[1] - w[0]) : 0.5;
  const from = at - span * share;
  return clamp([from, from + span], endT);
}

/** Moves the window by `deltaMs` of virtual time (positive: later), clamped to the whole run when `endT` is given. */
export function panWindow(w: TimeWindow, deltaMs: number, endT?: number): TimeWindow {
  return clamp([w[0] + deltaMs, w[1] + deltaMs], endT);
}

function clamp(w: TimeWindow, endT?: number): TimeWindow {
  if (endT === undefined) return w;
  const whole = fitWindow(endT);
  const span = Math.min(w[1] - w[0], whole[1] - whole[0]);
  const from = Math.min(Math.max(w[0], whole[0]), whole[1] - span);
  return [from, from + span];
}

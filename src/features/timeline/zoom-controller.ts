/** The timeline registers its zoom here so buttons and keyboard shortcuts elsewhere can drive it. */
export interface ZoomApi {
  zoomBy(factor: number): void;
  fit(): void;
  /** Shows the time window [t0, t1] (used by tests and the benchmark). */
  showWindow(t0: number, t1: number): void;
  /** Viewport point of an arrow's middle, for tests that click on the canvas. */
  arrowPoint(eventIndex: number, part: 'request' | 'response'): { x: number; y: number } | null;
  /** The boxes of the labels drawn in the last frame, in viewport pixels (tests check that none overlap). */
  labelBoxes(): { x: number; y: number; w: number; h: number; text: string }[];
  /** The drawing area in viewport pixels. */
  drawingArea(): { left: number; top: number; right: number; bottom: number } | null;
  /** The window of virtual time on screen, [t0, t1] in ms. */
  visibleWindow(): [number, number];
}

let current: ZoomApi | null = null;

export const zoomController = {
  register(api: ZoomApi | null) {
    current = api;
  },
  get(): ZoomApi | null {
    return current;
  },
};

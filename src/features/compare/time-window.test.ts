import { describe, expect, it } from 'vitest';
import { fitWindow, MIN_SPAN_MS, panWindow, zoomWindow } from './time-window';

describe('the comparison window of time', () => {
  it('zooms around a moment that stays where it was on screen', () => {
    const w = zoomWindow([0, 200], 2, 50);
    expect(w).toEqual([25, 125]);
    // 50 ms was a quarter of the way across, and still is.
    expect((50 - w[0]) / (w[1] - w[0])).toBeCloseTo(0.25);
  });

  it('never narrows below a few ms, and zooming out stops at the whole run', () => {
    let w = fitWindow(200);
    for (let i = 0; i < 20; i++) w = zoomWindow(w, 2, 100, 200);
    expect(w[1] - w[0]).toBe(MIN_SPAN_MS);
    for (let i = 0; i < 20; i++) w = zoomWindow(w, 0.5, 100, 200);
    expect(w).toEqual([0, 200]);
  });

  it('pans within the run', () => {
    expect(panWindow([20, 70], 30, 200)).toEqual([50, 100]);
    expect(panWindow([20, 70], -100, 200)).toEqual([0, 50]);
    expect(panWindow([20, 70], 500, 200)).toEqual([150, 200]);
    expect(panWindow([20, 70], 500)).toEqual([520, 570]);
  });

  it('fits a run that has not started yet', () => {
    expect(fitWindow(0)).toEqual([0, 1]);
  });
});

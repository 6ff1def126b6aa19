import type { Theme } from '../../store/lab-state';

/** Canvas colours per theme (the page's CSS custom properties use the same values). */
export interface Palette {
  bg: string;
  laneA: string;
  laneB: string;
  grid: string;
  text: string;
  muted: string;
  request: string;
  response: string;
  error: string;
  ok: string;
  /** A message written a second time: its own fill, with `dupText` on it. */
  dup: string;
  dupText: string;
  cursor: string;
  focus: string;
  fontFamily: string;
  fontSize: number;
  lineWidth: number;
  futureAlpha: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

export const PALETTES: Record<Theme, Palette> = {
  light: {
    bg: '#ffffff',
    laneA: '#f3f6fb',
    laneB: '#e8edf5',
    grid: '#b9c2d0',
    text: '#1b2330',
    muted: '#4f5b6e',
    request: '#1f57b0',
    response: '#17673f',
    error: '#b3261e',
    ok: '#17673f',
    dup: '#a3007d',
    dupText: '#ffffff',
    cursor: '#6b2fc0',
    focus: '#c25e00',
    fontFamily: FONT,
    fontSize: 12,
    lineWidth: 1.6,
    futureAlpha: 0.16,
  },
  dark: {
    bg: '#151a22',
    laneA: '#1c2330',
    laneB: '#222b3a',
    grid: '#47536a',
    text: '#e7ecf3',
    muted: '#a9b4c6',
    request: '#7fb0ff',
    response: '#6fd39b',
    error: '#ff8a80',
    ok: '#6fd39b',
    dup: '#ff8fd8',
    dupText: '#151a22',
    cursor: '#c9a2ff',
    focus: '#ffb347',
    fontFamily: FONT,
    fontSize: 12,
    lineWidth: 1.6,
    futureAlpha: 0.2,
  },
  projector: {
    bg: '#ffffff',
    laneA: '#ffffff',
    laneB: '#eeeeee',
    grid: '#555555',
    text: '#000000',
    muted: '#222222',
    request: '#0033aa',
    response: '#005522',
    error: '#aa0000',
    ok: '#005522',
    dup: '#8a005c',
    dupText: '#ffffff',
    cursor: '#5a00b5',
    focus: '#c04a00',
    fontFamily: FONT,
    // 20 px: the smallest words on the canvas (labels at 0.92) stay at 18 px or more for the back of the room.
    fontSize: 20,
    lineWidth: 2.6,
    futureAlpha: 0.22,
  },
};

import { scaleLinear } from 'd3-scale';
import type { Trace } from '../../sim/trace/types';
import type { Theme } from '../../store/lab-state';
import type { Lang } from '../../i18n/lang';
import { scenarioName } from '../../i18n/localize';
import { t } from '../../i18n/t';
import { drawTimeline } from '../timeline/draw';
import { laneGeometry } from '../timeline/geometry';
import { layoutFor } from '../timeline/layout';
import { PALETTES } from '../timeline/palette';
import { approximateMeasure, SvgContext } from './svg-context';

export interface PictureOptions {
  trace: Trace;
  cursor: number;
  theme: Theme;
  width: number;
  /** Time window to show; the whole run by default. */
  window?: [number, number];
  /** Language of the words in the picture (English when left out). */
  lang?: Lang;
}

function setup({ trace, theme, width, window: win }: PictureOptions) {
  const layout = layoutFor(trace);
  const palette = PALETTES[theme];
  // A run with a consumer: its lanes are in the picture too.
  const g = laneGeometry(width, palette.fontSize, 0, layout.slots.length > 3 ? layout.slots : undefined);
  const [t0, t1] = win ?? [0, Math.max(1, layout.endT)];
  const x = scaleLinear().domain([t0, Math.max(t0 + 1, t1)]).range([g.plotLeft, g.plotRight]);
  return { layout, palette, g, x };
}

/** The timeline as an SVG document, drawn by the same code as the screen. */
export function timelineSvg(opts: PictureOptions, measure = browserMeasure()): string {
  const { layout, palette, g, x } = setup(opts);
  const ctx = new SvgContext(measure);
  drawTimeline({ ctx: ctx as unknown as CanvasRenderingContext2D, width: opts.width, g, x, layout, cursor: opts.cursor, palette, hoverArrow: -1, hoverMark: -1, lang: opts.lang });
  const s = opts.trace.scenario;
  const lang = opts.lang ?? 'en';
  return ctx.toSvg(opts.width, g.height, t(lang, 'picture.title', { name: scenarioName(s.id, s.name, lang), seed: s.seed, k: opts.cursor }));
}

/** The timeline drawn on a fresh canvas at `scale` device pixels per CSS pixel. */
export function timelineCanvas(opts: PictureOptions, scale = 2): HTMLCanvasElement | null {
  const { layout, palette, g, x } = setup(opts);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(opts.width * scale);
  canvas.height = Math.round(g.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  drawTimeline({ ctx, width: opts.width, g, x, layout, cursor: opts.cursor, palette, hoverArrow: -1, hoverMark: -1, lang: opts.lang });
  return canvas;
}

/** Text widths from a real canvas when there is one, so labels are placed as on screen. */
function browserMeasure(): (text: string, font: string) => number {
  const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!ctx) return approximateMeasure;
  return (text, font) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

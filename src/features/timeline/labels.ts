import type { ScaleLinear } from 'd3-scale';
import type { Lang } from '../../i18n/lang';
import { arrowPoints, laneCenter, markPoint, type LaneGeometry } from './geometry';
import { arrowLabel, BADGE_SHAPES, LANE_INDEX, localMarkText, type Arrow, type Mark, type TimelineLayout } from './layout';

/**
 * Where the timeline's words go: every label and badge gets a box in a row of its lane, and no two boxes overlap or
 * leave the drawing area. Pure (text widths come from `measure`), so a test can check the boxes of every preset.
 */

export interface LabelBox {
  kind: 'arrow' | 'mark';
  /** Index into layout.arrows or layout.marks. */
  index: number;
  x: number;
  /** Centre line of the box. */
  y: number;
  w: number;
  h: number;
  /** The words drawn in the box (an icon first for badges that are not plain writes). */
  text: string;
}

/** Width in CSS pixels of `text` in the timeline's font (bold for badges and retries). */
export type Measure = (text: string, bold: boolean) => number;

export interface PlaceInput {
  layout: TimelineLayout;
  x: ScaleLinear<number, number>;
  g: LaneGeometry;
  /** Right edge of the drawing area. */
  right: number;
  lang: Lang;
  measure: Measure;
  /** Index ranges of the arrows and marks in the visible window. */
  arrows: readonly [number, number];
  marks: readonly [number, number];
  /** The marks to label, when not a range (the key marks of a zoomed-out run). */
  markList?: readonly number[];
  /** Whether arrows get labels (not when they are too dense to read). */
  arrowLabels: boolean;
  /** Whether a mark gets its words. */
  markText: (m: Mark) => boolean;
}

export interface Placement {
  boxes: LabelBox[];
  arrowBox: Map<number, LabelBox>;
  markBox: Map<number, LabelBox>;
}

/** Arrow suffixes (the fate is part of the box from the start, so the layout does not move as the cursor does). */
const ARROW_WORDS: Record<Lang, { delayed: string; lost: string; dead: string }> = {
  en: { delayed: ' · delayed', lost: ' · lost', dead: ' · dead socket' },
  zh: { delayed: ' · 已延迟', lost: ' · 已丢失', dead: ' · 连接已关闭' },
};

/** An arrow's label; `withFate` false leaves out how it ends (not known yet at the cursor). */
export function arrowText(a: Arrow, lang: Lang, withFate = true): string {
  const words = ARROW_WORDS[lang];
  const label = arrowLabel(a, lang);
  if (a.kind === 'request') return `${label}${a.delayed ? words.delayed : ''}`;
  const fate = !withFate ? '' : a.end === 'lost' ? words.lost : a.end === 'dead-socket' ? words.dead : '';
  return `↩ ${label}${fate}`;
}

/** Icons that tell the badges apart without colour: a duplicate write, a recognised retry, an error. */
export const BADGE_ICON: Partial<Record<Mark['shape'], string>> = { duplicate: '⚠ ', recognised: '↺ ', error: '✖ ' };

export function markText(m: Mark, lang: Lang): string {
  const text = localMarkText(m, lang);
  return text ? `${BADGE_ICON[m.shape] ?? ''}${text}` : '';
}

/** Rows of one half-lane, nearest the centre line first. */
function rows(g: LaneGeometry, lane: number, side: 'up' | 'down'): number[] {
  const c = laneCenter(g, lane);
  const top = g.top + lane * g.laneHeight + 2;
  const bottom = top + g.laneHeight - 4;
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const off = g.centreGap + g.rowHeight * (k + 0.5);
    const y = side === 'up' ? c - off : c + off;
    if (y - g.rowHeight / 2 < top || y + g.rowHeight / 2 > bottom) break;
    out.push(y);
  }
  return out;
}

class Zone {
  private ends: number[];
  constructor(
    private ys: number[],
    private left: number,
    private right: number,
  ) {
    this.ends = ys.map(() => -Infinity);
  }
  /** A box of width w as near `anchor` as the rows allow, or null if there is no room. */
  place(anchor: number, w: number, h: number, maxShift: number): { x: number; y: number } | null {
    if (anchor < this.left || anchor > this.right || !this.ys.length) return null;
    const x = Math.max(this.left, Math.min(anchor, this.right - w));
    if (x + w > this.right) return null;
    const gap = 4;
    for (let r = 0; r < this.ys.length; r++) {
      if (this.ends[r]! <= x) {
        this.ends[r] = x + w + gap;
        return { x, y: this.ys[r]! };
      }
    }
    // Every row is taken here: the row that frees up first, a little to the right, if that is close enough.
    let best = 0;
    for (let r = 1; r < this.ys.length; r++) if (this.ends[r]! < this.ends[best]!) best = r;
    const nx = this.ends[best]!;
    if (nx - anchor > maxShift || nx + w > this.right) return null;
    this.ends[best] = nx + w + gap;
    void h;
    return { x: nx, y: this.ys[best]! };
  }
}

/** Places the labels of the visible arrows and marks; those that find no room are left out (and not drawn). */
export function placeLabels(p: PlaceInput): Placement {
  const { layout, x, g, lang, measure } = p;
  const left = g.plotLeft;
  const right = p.right;
  const fs = g.rowHeight / 1.55;
  const h = Math.round(fs * 1.45);
  const maxShift = fs * 6;
  const zone = (lane: number, side: 'up' | 'down') => new Zone(rows(g, lane, side), left, right);
  // Producer: its marks above the centre line, request labels below. Broker: response labels above, marks below.
  const requestZone = zone(0, 'down');
  const responseZone = zone(2, 'up');
  const markZones = [zone(0, 'up'), new Zone([...rows(g, 1, 'up'), ...rows(g, 1, 'down')], left, right), zone(2, 'down')];
  const boxes: LabelBox[] = [];
  const arrowBox = new Map<number, LabelBox>();
  const markBox = new Map<number, LabelBox>();
  if (p.arrowLabels) {
    for (let k = p.arrows[0]; k < p.arrows[1]; k++) {
      const a = layout.arrows[k]!;
      const text = arrowText(a, lang);
      const w = measure(text, a.ref.attempt > 1) + 6;
      const at = (a.kind === 'request' ? requestZone : responseZone).place(arrowPoints(a, x, g).x0 + 2, w, h, maxShift);
      if (!at) continue;
      const box: LabelBox = { kind: 'arrow', index: k, x: at.x, y: at.y, w, h, text };
      boxes.push(box);
      arrowBox.set(k, box);
    }
  }
  const markIndexes = p.markList ?? range(p.marks[0], p.marks[1]);
  for (const k of markIndexes) {
    const m = layout.marks[k]!;
    if (!p.markText(m)) continue;
    const text = markText(m, lang);
    if (!text) continue;
    const badge = BADGE_SHAPES.has(m.shape);
    const w = measure(text, badge || m.major) + (badge ? 12 : 6);
    const px = markPoint(m, x, g).x;
    const anchor = badge ? px - 2 : m.shape === 'band' ? px + 4 : m.shape === 'dot' ? px + 7 : px + 12;
    const at = markZones[LANE_INDEX[m.lane] ?? 0]!.place(anchor, w, h, maxShift);
    if (!at) continue;
    const box: LabelBox = { kind: 'mark', index: k, x: at.x, y: at.y, w, h, text };
    boxes.push(box);
    markBox.set(k, box);
  }
  return { boxes, arrowBox, markBox };
}

function* range(lo: number, hi: number) {
  for (let k = lo; k < hi; k++) yield k;
}

/** Pairs of boxes that overlap (for tests): none, when placement works. */
export function overlaps(boxes: readonly LabelBox[]): [LabelBox, LabelBox][] {
  const out: [LabelBox, LabelBox][] = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y - a.h / 2 < b.y + b.h / 2 && b.y - b.h / 2 < a.y + a.h / 2) out.push([a, b]);
    }
  }
  return out;
}

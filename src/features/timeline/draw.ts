import type { ScaleLinear } from 'd3-scale';
import { arrowPoints, laneCenter, markPoint, markSlot, slotRow, type LaneGeometry } from './geometry';
import { isBrokerSlot, PRODUCER_SLOTS, REPLICA_SLOT_BASE, slotTitle } from './consumer-lanes';
import { BADGE_SHAPES, lowerBound, visibleRange, type Arrow, type Mark, type TimelineLayout } from './layout';
import { ABORTED_ICON, arrowText, placeLabels, type LabelBox } from './labels';
import type { Palette } from './palette';
import type { Lang } from '../../i18n/lang';
import { t } from '../../i18n/t';

export interface DrawInput {
  ctx: CanvasRenderingContext2D;
  width: number;
  g: LaneGeometry;
  x: ScaleLinear<number, number>;
  layout: TimelineLayout;
  cursor: number;
  palette: Palette;
  hoverArrow: number;
  hoverMark: number;
  /** Language of the words on the canvas (English when left out). */
  lang?: Lang;
}

export interface DrawStats {
  mode: 'detail' | 'density';
  arrows: number;
  marks: number;
  /** Every label and badge drawn, where it was drawn. */
  labels: LabelBox[];
}

/** Dash pattern by attempt and delay: meaning by shape, not colour alone. */
export function dashFor(a: Arrow): number[] {
  if (a.delayed) return [9, 6];
  if (a.ref.attempt >= 3) return [2, 4];
  if (a.ref.attempt === 2) return [10, 4, 2, 4];
  return [];
}

function font(p: Palette, scale = 1, weight = '') {
  return `${weight} ${Math.round(p.fontSize * scale)}px ${p.fontFamily}`.trim();
}

/** Every label and badge on the canvas is this size. */
export const LABEL_SCALE = 0.92;

function drawLanes({ ctx, width, g, palette: p, lang = 'en' }: DrawInput) {
  // Backgrounds cover each pixel once (software canvases pay per pixel).
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, g.top);
  ctx.fillRect(0, g.axisY, width, g.height - g.axisY);
  const slots = g.slots ?? PRODUCER_SLOTS;
  const replicated = slots.some((slot) => slot >= REPLICA_SLOT_BASE);
  for (let i = 0; i < slots.length; i++) {
    ctx.fillStyle = i % 2 ? p.laneB : p.laneA;
    ctx.fillRect(0, g.top + i * g.laneHeight, width, g.laneHeight);
    const title = slotTitle(slots[i]!, replicated);
    laneTitle(ctx, g, p, i, 'code' in title ? title.code : t(lang, title.key, title.params), 'sub' in title ? title.sub : undefined);
  }
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(g.plotLeft - 4, g.top);
  ctx.lineTo(g.plotLeft - 4, g.axisY);
  ctx.stroke();
}

/** The scale each lane title was fitted at, by font, text, room and lane height: titles change far less often than frames. */
const titleScales = new Map<string, number>();

/** The largest scale (1.05 down to 0.55, in steps of 0.05) at which a lane's title fits its room and its lane. */
function titleScale(ctx: CanvasRenderingContext2D, p: Palette, lines: readonly string[], sub: string | undefined, room: number, laneHeight: number): number {
  const key = `${font(p, 1, '600')}|${lines.join('\n')}|${sub ?? ''}|${room}|${laneHeight}`;
  const known = titleScales.get(key);
  if (known !== undefined) return known;
  if (titleScales.size > 500) titleScales.clear();
  let scale = 1.05;
  const fit = () => {
    ctx.font = font(p, scale, '600');
    let w = Math.max(...lines.map((l) => ctx.measureText(l).width));
    if (sub) {
      ctx.font = font(p, scale * 0.72);
      w = Math.max(w, ctx.measureText(sub).width);
    }
    return w <= room && p.fontSize * scale * (lines.length + (sub ? 0.8 : 0)) * 1.1 <= laneHeight - 2;
  };
  while (scale > 0.55 && !fit()) scale -= 0.05;
  titleScales.set(key, scale);
  return scale;
}

/**
 * A lane's name left of the plot: one line, or two where the catalogue breaks it, and a smaller second line (a
 * reader's isolation level). A name too wide or too tall for its place is drawn smaller, never cut.
 */
function laneTitle(ctx: CanvasRenderingContext2D, g: LaneGeometry, p: Palette, row: number, text: string, sub?: string) {
  const lines = text.split('\n');
  const room = g.plotLeft - 14;
  const scale = titleScale(ctx, p, lines, sub, room, g.laneHeight);
  const lh = p.fontSize * scale * 1.1;
  const subH = sub ? lh * 0.75 : 0;
  let y = laneCenter(g, row) - (lh * lines.length + subH) / 2 + lh / 2;
  ctx.fillStyle = p.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.font = font(p, scale, '600');
  for (const line of lines) {
    ctx.fillText(line, 8, y);
    y += lh;
  }
  if (sub) {
    ctx.font = font(p, scale * 0.72);
    ctx.fillStyle = p.muted;
    ctx.fillText(sub, 8, y - lh / 2 + subH / 2);
  }
}

function drawAxis({ ctx, g, x, palette: p }: DrawInput) {
  // At least 110 px apart, more with a large font ("1200 ms" must not touch its neighbour on a projector).
  const ticks = x.ticks(Math.max(2, Math.floor((g.plotRight - g.plotLeft) / Math.max(110, p.fontSize * 7))));
  ctx.font = font(p, 0.95);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks) {
    const px = x(t);
    if (px < g.plotLeft || px > g.plotRight) continue;
    ctx.strokeStyle = p.grid;
    ctx.lineWidth = 1;
    ctx.setLineDash([1, 3]);
    ctx.beginPath();
    ctx.moveTo(px, g.top);
    ctx.lineTo(px, g.axisY + 4);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = p.muted;
    ctx.fillText(`${Number.isInteger(t) ? t : t.toFixed(1)} ms`, px, g.axisY + 6);
  }
}

function arrowHead(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, size: number) {
  const ang = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - size * Math.cos(ang - 0.45), y1 - size * Math.sin(ang - 0.45));
  ctx.lineTo(x1 - size * Math.cos(ang + 0.45), y1 - size * Math.sin(ang + 0.45));
  ctx.closePath();
  ctx.fill();
}

function cross(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number) {
  ctx.beginPath();
  ctx.moveTo(cx - r, cy - r);
  ctx.lineTo(cx + r, cy + r);
  ctx.moveTo(cx + r, cy - r);
  ctx.lineTo(cx - r, cy + r);
  ctx.stroke();
}

function deadSocket(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number) {
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.moveTo(cx - r * 0.7, cy + r * 0.7);
  ctx.lineTo(cx + r * 0.7, cy - r * 0.7);
  ctx.stroke();
}

function drawArrowLine(d: DrawInput, a: Arrow, index: number) {
  const { ctx, x, g, palette: p, cursor, layout } = d;
  const { x0, y0, x1, y1 } = arrowPoints(a, x, g);
  const colour = a.kind === 'request' ? p.request : p.response;
  const future = a.startEvent > cursor;
  const done = a.endEvent !== -1 && a.endEvent <= cursor;
  const hovered = index === d.hoverArrow;
  const lw = p.lineWidth * (hovered ? 2.2 : 1) * (a.kind === 'response' ? 0.9 : 1);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = lw;
  ctx.setLineDash(dashFor(a));
  // Progress of the arrow at the cursor: solid up to the cursor's time, faded after.
  let f = 1;
  if (future) f = 0;
  else if (!done) {
    const ct = layout.times[cursor] ?? 0;
    f = a.t1 > a.t0 ? Math.max(0.04, Math.min(1, (ct - a.t0) / (a.t1 - a.t0))) : 0.04;
  }
  const xm = x0 + (x1 - x0) * f;
  const ym = y0 + (y1 - y0) * f;
  if (f > 0) {
    ctx.globalAlpha = 1;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(xm, ym);
    ctx.stroke();
  }
  if (f < 1) {
    ctx.globalAlpha = p.futureAlpha;
    ctx.beginPath();
    ctx.moveTo(xm, ym);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = done ? 1 : p.futureAlpha;
  const head = 6 + p.lineWidth * 2;
  if (a.end === 'broker' || a.end === 'producer') arrowHead(ctx, x0, y0, x1, y1, head);
  if (!done && !future && f < 1) {
    ctx.globalAlpha = 1;
    arrowHead(ctx, x0, y0, xm, ym, head);
  }
  ctx.globalAlpha = done ? 1 : p.futureAlpha;
  if (a.end === 'lost') {
    ctx.strokeStyle = p.error;
    ctx.lineWidth = p.lineWidth * 2;
    cross(ctx, x1, y1, 7 + p.lineWidth);
  } else if (a.end === 'dead-socket') {
    ctx.strokeStyle = p.error;
    ctx.lineWidth = p.lineWidth * 1.5;
    deadSocket(ctx, x1, y1, 7 + p.lineWidth);
  }
  ctx.globalAlpha = 1;
}

/** A box behind a label, in its lane's colour, so no line or arrowhead crosses the words. */
function labelGround(d: DrawInput, box: LabelBox) {
  const { ctx, g, palette: p } = d;
  const lane = Math.floor((box.y - g.top) / g.laneHeight);
  ctx.fillStyle = lane % 2 ? p.laneB : p.laneA;
  ctx.fillRect(box.x, box.y - box.h / 2, box.w, box.h);
}

/** An arrow's label in its box; how the arrow ends is only written once the cursor has reached it. */
function drawArrowLabel(d: DrawInput, a: Arrow, box: LabelBox) {
  const { ctx, palette: p, cursor, lang = 'en' } = d;
  const future = a.startEvent > cursor;
  const ended = a.endEvent !== -1 && a.endEvent <= cursor;
  ctx.globalAlpha = future ? p.futureAlpha : 1;
  labelGround(d, box);
  ctx.font = font(p, LABEL_SCALE, a.ref.attempt > 1 ? '600' : '');
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = a.kind === 'request' ? p.request : p.response;
  ctx.fillText(future || ended ? box.text : arrowText(a, lang, false), box.x + 3, box.y + 1);
  ctx.globalAlpha = 1;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/** The mark itself, without its words: a tick for badges, a flag, a crash, a restart, a band or a dot. */
function drawMarkGlyph(d: DrawInput, m: Mark, index: number) {
  const { ctx, x, g, palette: p, cursor } = d;
  const { x: px, y } = markPoint(m, x, g);
  ctx.globalAlpha = m.event > cursor ? p.futureAlpha : 1;
  const hovered = index === d.hoverMark;
  const laneIdx = slotRow(g, markSlot(m));
  if (laneIdx < 0) return;
  const top = g.top + laneIdx * g.laneHeight;
  ctx.lineWidth = p.lineWidth * (hovered ? 2 : 1);
  ctx.setLineDash([]);
  switch (m.shape) {
    case 'badge':
    case 'recognised':
    case 'duplicate':
    case 'error':
      ctx.fillStyle = m.shape === 'error' || aborted(m, cursor) ? p.error : m.shape === 'duplicate' ? p.dup : p.ok;
      ctx.fillRect(px - 3, y - 3, 6, 6);
      break;
    case 'commit':
    case 'abort':
      // A marker takes an offset like a record: a diamond on the line, filled for COMMIT, hollow for ABORT.
      ctx.fillStyle = m.shape === 'commit' ? p.ok : p.bg;
      ctx.strokeStyle = m.shape === 'commit' ? p.ok : p.error;
      ctx.beginPath();
      ctx.moveTo(px, y - 6);
      ctx.lineTo(px + 6, y);
      ctx.lineTo(px, y + 6);
      ctx.lineTo(px - 6, y);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      break;
    case 'flag':
      ctx.strokeStyle = p.text;
      ctx.beginPath();
      ctx.moveTo(px, top + 3);
      ctx.lineTo(px, top + g.laneHeight - 3);
      ctx.stroke();
      ctx.fillStyle = p.text;
      ctx.beginPath();
      ctx.moveTo(px, top + 3);
      ctx.lineTo(px + 9, top + 7);
      ctx.lineTo(px, top + 11);
      ctx.fill();
      break;
    case 'crash':
      ctx.strokeStyle = p.error;
      ctx.lineWidth = p.lineWidth * 2.5;
      ctx.beginPath();
      ctx.moveTo(px, top + 2);
      ctx.lineTo(px, top + g.laneHeight - 2);
      ctx.stroke();
      cross(ctx, px, y, 8);
      break;
    case 'restart':
      ctx.strokeStyle = p.ok;
      ctx.lineWidth = p.lineWidth * 2;
      ctx.beginPath();
      ctx.arc(px, y, 7, 0.3, Math.PI * 1.8);
      ctx.stroke();
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, top + 2);
      ctx.lineTo(px, top + g.laneHeight - 2);
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    case 'band': {
      const x1 = Math.max(px + 4, x(m.t1));
      ctx.fillStyle = p.error;
      ctx.globalAlpha *= 0.12;
      ctx.fillRect(px, top + 4, x1 - px, g.laneHeight - 8);
      ctx.globalAlpha = m.event > cursor ? p.futureAlpha : 1;
      ctx.strokeStyle = p.error;
      ctx.setLineDash([5, 4]);
      ctx.strokeRect(px, top + 4, x1 - px, g.laneHeight - 8);
      ctx.setLineDash([]);
      break;
    }
    default:
      ctx.fillStyle = p.muted;
      ctx.beginPath();
      ctx.arc(px, y, hovered ? 4.5 : 3, 0, Math.PI * 2);
      ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/**
 * A mark's words in its box. Badges are framed, each kind its own way besides its colour: a write has a round
 * frame, a recognised retry a dashed one and ↺, a duplicate write is filled and says ⚠ duplicate, an error has a
 * square heavy frame and ✖.
 */
function drawMarkLabel(d: DrawInput, m: Mark, index: number, box: LabelBox) {
  const { ctx, palette: p, cursor } = d;
  ctx.globalAlpha = m.event > cursor ? p.futureAlpha : 1;
  const hovered = index === d.hoverMark;
  const { x: bx, y, w, h } = box;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const anchor = markPoint(m, d.x, d.g);
  if (Math.abs(bx - anchor.x) > 8 || Math.abs(y - anchor.y) > 1) {
    // Moved away from its time by a crowd of labels: a thin line leads back to it.
    ctx.strokeStyle = d.palette.muted;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 2]);
    ctx.beginPath();
    ctx.moveTo(anchor.x, anchor.y);
    ctx.lineTo(bx, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (m.shape === 'commit' || m.shape === 'abort') {
    markerTag(d, m, index, box);
  } else if (BADGE_SHAPES.has(m.shape)) {
    const error = m.shape === 'error';
    const dup = m.shape === 'duplicate';
    roundRect(ctx, bx, y - h / 2, w, h, error ? 0 : h / 2);
    ctx.fillStyle = dup ? p.dup : p.bg;
    ctx.fill();
    ctx.strokeStyle = error ? p.error : dup ? p.dup : p.ok;
    ctx.lineWidth = p.lineWidth * (error || dup ? 2 : 1) * (hovered ? 1.8 : 1);
    ctx.setLineDash(m.shape === 'recognised' ? [4, 3] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = font(p, LABEL_SCALE, '600');
    ctx.fillStyle = error ? p.error : dup ? p.dupText : m.shape === 'recognised' ? p.ok : p.text;
    if (aborted(m, cursor)) {
      // Records an ABORT marker aborted: struck through, with ⊘, in the error colour.
      ctx.fillStyle = p.error;
      const text = `${ABORTED_ICON}${box.text}`;
      ctx.fillText(text, bx + 6, y + 1);
      ctx.strokeStyle = p.error;
      ctx.lineWidth = Math.max(1.5, p.lineWidth);
      ctx.beginPath();
      ctx.moveTo(bx + 4, y + 1);
      ctx.lineTo(bx + w - 4, y + 1);
      ctx.stroke();
    } else ctx.fillText(box.text, bx + 6, y + 1);
  } else {
    labelGround(d, box);
    ctx.font = font(p, LABEL_SCALE, m.major ? '600' : '');
    ctx.fillStyle = m.shape === 'crash' || m.shape === 'band' ? p.error : p.text;
    ctx.fillText(box.text, bx + 3, y + 1);
  }
  ctx.globalAlpha = 1;
}

/** Whether a mark's records were aborted by an ABORT marker at or before the cursor. */
const aborted = (m: Mark, cursor: number) => m.abortedAt !== undefined && m.abortedAt <= cursor;

/** A transaction marker's words in a tag (pointed at both ends): solid for COMMIT, dashed for ABORT. */
function markerTag(d: DrawInput, m: Mark, index: number, box: LabelBox) {
  const { ctx, palette: p } = d;
  const { x: bx, y, w, h } = box;
  const commit = m.shape === 'commit';
  const tip = h / 2.5;
  ctx.beginPath();
  ctx.moveTo(bx, y);
  ctx.lineTo(bx + tip, y - h / 2);
  ctx.lineTo(bx + w - tip, y - h / 2);
  ctx.lineTo(bx + w, y);
  ctx.lineTo(bx + w - tip, y + h / 2);
  ctx.lineTo(bx + tip, y + h / 2);
  ctx.closePath();
  ctx.fillStyle = p.bg;
  ctx.fill();
  ctx.strokeStyle = commit ? p.ok : p.error;
  ctx.lineWidth = p.lineWidth * 2 * (index === d.hoverMark ? 1.8 : 1);
  ctx.setLineDash(commit ? [] : [4, 3]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = font(p, LABEL_SCALE, '600');
  ctx.fillStyle = commit ? p.text : p.error;
  ctx.fillText(box.text, bx + tip + 2, y + 1);
}

/** A window's density columns: each column's first event, and each lane's count in each column. */
interface DensityColumns {
  key: string;
  bounds: Int32Array;
  totals: Float32Array;
  max: number;
}

/** The columns last counted, by layout: moving the cursor redraws the same window without counting it again. */
const densityColumns = new WeakMap<TimelineLayout, DensityColumns>();

function countDensity(d: DrawInput, cols: number, bucketPx: number): DensityColumns {
  const { g, x, layout } = d;
  const [d0, d1] = x.domain() as [number, number];
  const key = `${d0}|${d1}|${g.plotLeft}|${g.plotRight}|${bucketPx}`;
  const known = densityColumns.get(layout);
  if (known?.key === key) return known;
  // Column boundaries by binary search; lane counts from prefix sums: cost grows with the width, not the run.
  const bounds = new Int32Array(cols + 1);
  for (let c = 0; c <= cols; c++) bounds[c] = lowerBound(layout.times, x.invert(g.plotLeft + c * bucketPx));
  const lanes = layout.lanePrefix.length;
  const totals = new Float32Array(cols * lanes);
  let max = 1;
  for (let c = 0; c < cols; c++) {
    for (let lane = 0; lane < lanes; lane++) {
      const pre = layout.lanePrefix[lane]!;
      const v = pre[bounds[c + 1]!]! - pre[bounds[c]!]!;
      totals[c * lanes + lane] = v;
      if (v > max) max = v;
    }
  }
  const counted = { key, bounds, totals, max };
  densityColumns.set(layout, counted);
  return counted;
}

function drawDensity(d: DrawInput) {
  const { ctx, g, palette: p, cursor, layout } = d;
  const bucketPx = 2;
  const cols = Math.ceil((g.plotRight - g.plotLeft) / bucketPx);
  const { bounds, totals, max } = countDensity(d, cols, bucketPx);
  const lanes = layout.lanePrefix.length;
  const norm = (g.laneHeight - 10) / Math.log1p(max);
  const upto = cursor + 1;
  for (let c = 0; c < cols; c++) {
    const px = g.plotLeft + c * bucketPx;
    for (let lane = 0; lane < lanes; lane++) {
      const total = totals[c * lanes + lane]!;
      if (!total) continue;
      const pre = layout.lanePrefix[lane]!;
      const lo = bounds[c]!;
      const hi = bounds[c + 1]!;
      const past = upto <= lo ? 0 : upto >= hi ? total : pre[upto]! - pre[lo]!;
      // `lanePrefix` follows the run's slots; a folded lane is not drawn.
      const slot = layout.slots[lane] ?? 0;
      const row = slotRow(g, slot);
      if (row < 0) continue;
      const h = Math.log1p(total) * norm;
      const y = laneCenter(g, row) + h / 2;
      const hp = (h * past) / total;
      ctx.fillStyle = isBrokerSlot(slot) ? p.response : p.request;
      ctx.globalAlpha = 1;
      if (hp > 0) ctx.fillRect(px, y - hp, bucketPx - 0.5, hp);
      ctx.globalAlpha = p.futureAlpha * 1.5;
      if (h - hp > 0) ctx.fillRect(px, y - h, bucketPx - 0.5, h - hp);
    }
  }
  ctx.globalAlpha = 1;
}

function drawCursor(d: DrawInput) {
  const { ctx, g, x, palette: p, cursor, layout } = d;
  if (!layout.times.length) return;
  const t = layout.times[cursor] ?? 0;
  const px = x(t);
  if (px < g.plotLeft - 1 || px > g.plotRight + 1) return;
  ctx.strokeStyle = p.cursor;
  ctx.lineWidth = 2;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(px, g.top);
  ctx.lineTo(px, g.axisY);
  ctx.stroke();
  ctx.fillStyle = p.cursor;
  ctx.beginPath();
  ctx.moveTo(px - 6, g.top);
  ctx.lineTo(px + 6, g.top);
  ctx.lineTo(px, g.top + 8);
  ctx.fill();
  // Ring the current event.
  const arrow = layout.arrowOfEvent[cursor] ?? -1;
  const mark = layout.markOfEvent[cursor] ?? -1;
  let cx = px;
  const row = slotRow(g, layout.laneOf[cursor] ?? 0);
  let cy = laneCenter(g, Math.max(0, row));
  if (row < 0) {
    // The current event's lane is folded: the cursor line alone shows where it is.
  } else if (mark >= 0) {
    const m = markPoint(layout.marks[mark]!, x, g);
    cx = m.x;
    cy = m.y;
  } else if (arrow >= 0) {
    const a = layout.arrows[arrow]!;
    const pts = arrowPoints(a, x, g);
    const atStart = a.startEvent === cursor;
    cx = atStart ? pts.x0 : pts.x1;
    cy = atStart ? pts.y0 : pts.y1;
  }
  ctx.strokeStyle = p.focus;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.arc(cx, cy, 9, 0, Math.PI * 2);
  ctx.stroke();
}

/** Each character's advance, by font: measured once, then reused by every label that has it. */
const advances = new Map<string, Map<string, number>>();

/**
 * A label's width: the sum of its characters' advances. Placing labels measures every candidate on every frame, and
 * while zooming and panning most are texts not seen before; measuring a new text shapes it, which is what made those
 * frames slow. Labels are short and use no ligatures; kerning is left out (a pixel at most).
 */
function labelWidth(ctx: CanvasRenderingContext2D, f: string, text: string): number {
  let byChar = advances.get(f);
  if (!byChar) advances.set(f, (byChar = new Map()));
  let w = 0;
  for (const ch of text) {
    let a = byChar.get(ch);
    if (a === undefined) {
      if (ctx.font !== f) ctx.font = f;
      a = ctx.measureText(ch).width;
      byChar.set(ch, a);
    }
    w += a;
  }
  return w;
}

/** Draws one frame: only what is inside the visible window; aggregated when there is more than one event per pixel. */
export function drawTimeline(d: DrawInput): DrawStats {
  const { ctx, g, x, layout } = d;
  drawLanes(d);
  drawAxis(d);
  const ta = x.invert(g.plotLeft);
  const tb = x.invert(g.plotRight);
  const first = lowerBound(layout.times, ta);
  const last = lowerBound(layout.times, tb + 1e-9);
  const visibleEvents = last - first;
  const density = visibleEvents > (g.plotRight - g.plotLeft) * 0.5;
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.plotLeft - 2, 0, d.width - g.plotLeft + 2, g.height);
  ctx.clip();
  let arrows = 0;
  let marks = 0;
  const measure = (text: string, bold: boolean) => labelWidth(ctx, font(d.palette, LABEL_SCALE, bold ? '600' : ''), text);
  const place = { layout, x, g, right: d.width - 2, lang: d.lang ?? 'en', measure };
  let labels: LabelBox[];
  if (density) {
    drawDensity(d);
    const keys = layout.keyMarks.filter((k) => layout.marks[k]!.t1 >= ta && layout.marks[k]!.t <= tb);
    const placed = placeLabels({ ...place, arrows: [0, 0], marks: [0, 0], markList: keys, arrowLabels: false, markText: () => true });
    for (const k of keys) drawMarkGlyph(d, layout.marks[k]!, k);
    for (const box of placed.boxes) drawMarkLabel(d, layout.marks[box.index]!, box.index, box);
    marks = keys.length;
    labels = placed.boxes;
  } else {
    const [mlo, mhi] = visibleRange(layout.marks, (m) => m.t, ta, tb, layout.maxSpan);
    const [alo, ahi] = visibleRange(layout.arrows, (a) => a.t0, ta, tb, layout.maxSpan);
    const withLabels = ahi - alo < (g.plotRight - g.plotLeft) / 6;
    const withText = mhi - mlo < (g.plotRight - g.plotLeft) / 8;
    for (let k = alo; k < ahi; k++) {
      const a = layout.arrows[k]!;
      if (a.t1 < ta) continue;
      drawArrowLine(d, a, k);
      arrows++;
    }
    for (let k = mlo; k < mhi; k++) {
      const m = layout.marks[k]!;
      if (m.t1 < ta) continue;
      drawMarkGlyph(d, m, k);
      marks++;
    }
    // Words last, each on its own ground: no line or arrowhead is drawn over them.
    const hideFuture = d.palette.futureAlpha === 0;
    const placed = placeLabels({ ...place, arrows: [alo, ahi], marks: [mlo, mhi], arrowLabels: withLabels, markText: (m) => withText || m.major, until: hideFuture ? d.cursor : undefined });
    // With the future hidden (a question waits) its labels are not drawn at all.
    const shown = !hideFuture ? placed.boxes : placed.boxes.filter((b) => (b.kind === 'arrow' ? layout.arrows[b.index]!.startEvent : layout.marks[b.index]!.event) <= d.cursor);
    for (const box of shown) {
      if (box.kind === 'arrow') drawArrowLabel(d, layout.arrows[box.index]!, box);
      else drawMarkLabel(d, layout.marks[box.index]!, box.index, box);
    }
    labels = shown;
  }
  drawCursor(d);
  ctx.restore();
  return { mode: density ? 'density' : 'detail', arrows, marks, labels };
}

/** The overview's columns (the whole run, so they change only with the run and the width), by layout. */
const minimapCounts = new WeakMap<TimelineLayout, { cols: number; counts: Float32Array; max: number }>();

function minimapColumns(layout: TimelineLayout, cols: number): { counts: Float32Array; max: number } {
  const known = minimapCounts.get(layout);
  if (known?.cols === cols) return known;
  const endT = layout.endT || 1;
  const counts = new Float32Array(cols);
  let max = 1;
  let prev = 0;
  for (let c = 0; c < cols; c++) {
    const next = lowerBound(layout.times, ((c + 1) / cols) * endT + (c === cols - 1 ? 1 : 0));
    counts[c] = next - prev;
    prev = next;
    if (counts[c]! > max) max = counts[c]!;
  }
  const counted = { cols, counts, max };
  minimapCounts.set(layout, counted);
  return counted;
}

/** The overview strip: density of the whole run, the viewport and the cursor. */
export function drawMinimap(ctx: CanvasRenderingContext2D, width: number, height: number, layout: TimelineLayout, cursor: number, p: Palette, view: [number, number]) {
  ctx.fillStyle = p.laneA;
  ctx.fillRect(0, 0, width, height);
  const endT = layout.endT || 1;
  const cols = Math.max(1, Math.floor(width / 2));
  const { counts, max } = minimapColumns(layout, cols);
  const cursorT = layout.times[cursor] ?? 0;
  for (let c = 0; c < cols; c++) {
    if (!counts[c]) continue;
    const h = (Math.log1p(counts[c]!) / Math.log1p(max)) * (height - 6);
    ctx.fillStyle = p.request;
    ctx.globalAlpha = (c / cols) * endT <= cursorT ? 0.9 : 0.3;
    ctx.fillRect(c * 2, height - 3 - h, 1.6, h);
  }
  ctx.globalAlpha = 1;
  const vx0 = (view[0] / endT) * width;
  const vx1 = (view[1] / endT) * width;
  ctx.strokeStyle = p.text;
  ctx.lineWidth = 2;
  ctx.strokeRect(Math.max(1, vx0), 1, Math.max(4, Math.min(width - 1, vx1) - Math.max(1, vx0)), height - 2);
  ctx.strokeStyle = p.cursor;
  ctx.beginPath();
  const cx = (cursorT / endT) * width;
  ctx.moveTo(cx, 0);
  ctx.lineTo(cx, height);
  ctx.stroke();
}

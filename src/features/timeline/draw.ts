import type { ScaleLinear } from 'd3-scale';
import { arrowPoints, laneCenter, markPoint, type LaneGeometry } from './geometry';
import { LANES, localMarkText, lowerBound, visibleRange, type Arrow, type Mark, type TimelineLayout } from './layout';
import type { Palette } from './palette';
import type { Lang } from '../../i18n/lang';
import { localLabel } from '../../i18n/labels';
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
}

/** Dash pattern by attempt and delay: meaning by shape, not colour alone. */
export function dashFor(a: Arrow): number[] {
  if (a.delayed) return [9, 6];
  if (a.ref.attempt >= 3) return [2, 4];
  if (a.ref.attempt === 2) return [10, 4, 2, 4];
  return [];
}

const LANE_KEYS = ['canvas.producer', 'canvas.network', 'canvas.broker'] as const;

/** Arrow suffixes on the canvas. */
const ARROW_WORDS: Record<Lang, { delayed: string; lost: string; dead: string }> = {
  en: { delayed: ' · delayed', lost: ' · lost', dead: ' · dead socket' },
  zh: { delayed: ' · 已延迟', lost: ' · 已丢失', dead: ' · 连接已关闭' },
};

function font(p: Palette, scale = 1, weight = '') {
  return `${weight} ${Math.round(p.fontSize * scale)}px ${p.fontFamily}`.trim();
}

function drawLanes({ ctx, width, g, palette: p, lang = 'en' }: DrawInput) {
  // Backgrounds cover each pixel once (software canvases pay per pixel).
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, g.top);
  ctx.fillRect(0, g.axisY, width, g.height - g.axisY);
  for (let i = 0; i < LANES.length; i++) {
    ctx.fillStyle = i % 2 ? p.laneB : p.laneA;
    ctx.fillRect(0, g.top + i * g.laneHeight, width, g.laneHeight);
    ctx.fillStyle = p.text;
    ctx.font = font(p, 1.05, '600');
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(t(lang, LANE_KEYS[i]!), 8, laneCenter(g, i));
  }
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(g.plotLeft - 4, g.top);
  ctx.lineTo(g.plotLeft - 4, g.axisY);
  ctx.stroke();
}

function drawAxis({ ctx, g, x, palette: p }: DrawInput) {
  const ticks = x.ticks(Math.max(2, Math.floor((g.plotRight - g.plotLeft) / 110)));
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

/**
 * An arrow's label, near its start, in a row that avoids the previous label. Labels are drawn after every arrow,
 * with a halo of the lane's colour, so that no later arrow crosses out an earlier label.
 */
function drawArrowLabel(d: DrawInput, a: Arrow, labelRows: number[]) {
  const { ctx, x, g, palette: p, cursor, lang = 'en' } = d;
  const { x0, y0 } = arrowPoints(a, x, g);
  const colour = a.kind === 'request' ? p.request : p.response;
  const future = a.startEvent > cursor;
  const words = ARROW_WORDS[lang];
  const label = localLabel(a.label, lang);
  const text = a.kind === 'request' ? `${label}${a.delayed ? words.delayed : ''}` : `↩ ${label}${a.end === 'lost' ? words.lost : a.end === 'dead-socket' ? words.dead : ''}`;
  ctx.font = font(p, 0.92, a.ref.attempt > 1 ? '600' : '');
  const w = ctx.measureText(text).width;
  const rowBase = a.kind === 'request' ? 0 : 2;
  for (let r = 0; r < 2; r++) {
    const slot = rowBase + r;
    if (x0 + 4 >= labelRows[slot]!) {
      const ty = a.kind === 'request' ? y0 + p.fontSize * (0.9 + r * 1.25) : y0 - p.fontSize * (0.9 + r * 1.25);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.globalAlpha = future ? p.futureAlpha : 1;
      const lane = Math.floor((ty - g.top) / g.laneHeight);
      ctx.strokeStyle = lane % 2 ? p.laneB : p.laneA;
      ctx.lineWidth = 3;
      ctx.lineJoin = 'round';
      ctx.setLineDash([]);
      ctx.strokeText(text, x0 + 4, ty);
      ctx.fillStyle = colour;
      ctx.fillText(text, x0 + 4, ty);
      labelRows[slot] = x0 + 4 + w + 8;
      break;
    }
  }
  ctx.globalAlpha = 1;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function drawMark(d: DrawInput, m: Mark, index: number, textEnd: number[], withText: boolean) {
  const { ctx, x, g, palette: p, cursor } = d;
  const markText = localMarkText(m, d.lang ?? 'en');
  const { x: px, y } = markPoint(m, x, g);
  const future = m.event > cursor;
  ctx.globalAlpha = future ? p.futureAlpha : 1;
  const hovered = index === d.hoverMark;
  const fs = p.fontSize;
  const laneIdx = m.lane === 'producer' ? 0 : m.lane === 'network' ? 1 : 2;
  const top = g.top + laneIdx * g.laneHeight;
  ctx.lineWidth = p.lineWidth * (hovered ? 2 : 1);
  ctx.setLineDash([]);
  let textX = px + 8;
  let textColour = p.text;
  switch (m.shape) {
    case 'badge':
    case 'error': {
      ctx.font = font(p, 0.92, '600');
      const w = ctx.measureText(markText).width + 10;
      const h = fs * 1.5;
      const bx = px - 2;
      const isError = m.shape === 'error';
      if (!withText || bx < textEnd[laneIdx]!) {
        ctx.fillStyle = isError ? p.error : p.ok;
        ctx.fillRect(px - 3, y - 3, 6, 6);
        break;
      }
      roundRect(ctx, bx, y - h / 2, w, h, isError ? 0 : h / 2);
      ctx.fillStyle = p.bg;
      ctx.fill();
      ctx.strokeStyle = isError ? p.error : p.ok;
      ctx.lineWidth = p.lineWidth * (isError ? 2 : 1) * (hovered ? 1.8 : 1);
      ctx.stroke();
      ctx.fillStyle = isError ? p.error : p.text;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(markText, bx + 5, y + 1);
      textEnd[laneIdx] = bx + w + 6;
      return;
    }
    case 'flag': {
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
      textX = px + 12;
      break;
    }
    case 'crash': {
      ctx.strokeStyle = p.error;
      ctx.lineWidth = p.lineWidth * 2.5;
      ctx.beginPath();
      ctx.moveTo(px, top + 2);
      ctx.lineTo(px, top + g.laneHeight - 2);
      ctx.stroke();
      cross(ctx, px, y, 8);
      textColour = p.error;
      textX = px + 12;
      break;
    }
    case 'restart': {
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
      textX = px + 12;
      break;
    }
    case 'band': {
      const x1 = Math.max(px + 4, x(m.t1));
      ctx.fillStyle = p.error;
      ctx.globalAlpha *= 0.12;
      ctx.fillRect(px, top + 4, x1 - px, g.laneHeight - 8);
      ctx.globalAlpha = future ? p.futureAlpha : 1;
      ctx.strokeStyle = p.error;
      ctx.setLineDash([5, 4]);
      ctx.strokeRect(px, top + 4, x1 - px, g.laneHeight - 8);
      ctx.setLineDash([]);
      textColour = p.error;
      textX = px + 4;
      break;
    }
    default: {
      ctx.fillStyle = p.muted;
      ctx.beginPath();
      ctx.arc(px, y, hovered ? 4.5 : 3, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  if (withText && markText && textX >= textEnd[laneIdx]!) {
    ctx.font = font(p, 0.9, m.major ? '600' : '');
    ctx.fillStyle = textColour;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const ty = m.shape === 'band' ? top + fs : m.shape === 'flag' ? top + 8 : y;
    ctx.fillText(markText, textX, ty);
    textEnd[laneIdx] = textX + ctx.measureText(markText).width + 8;
  }
  ctx.globalAlpha = 1;
}

function drawDensity(d: DrawInput) {
  const { ctx, g, x, palette: p, cursor, layout } = d;
  const bucketPx = 2;
  const cols = Math.ceil((g.plotRight - g.plotLeft) / bucketPx);
  // Column boundaries by binary search; lane counts from prefix sums: cost grows with the width, not the run.
  const bounds = new Int32Array(cols + 1);
  for (let c = 0; c <= cols; c++) bounds[c] = lowerBound(layout.times, x.invert(g.plotLeft + c * bucketPx));
  const totals = new Float32Array(cols * 3);
  let max = 1;
  for (let c = 0; c < cols; c++) {
    for (let lane = 0; lane < 3; lane++) {
      const pre = layout.lanePrefix[lane]!;
      const v = pre[bounds[c + 1]!]! - pre[bounds[c]!]!;
      totals[c * 3 + lane] = v;
      if (v > max) max = v;
    }
  }
  const norm = (g.laneHeight - 10) / Math.log1p(max);
  const upto = cursor + 1;
  for (let c = 0; c < cols; c++) {
    const px = g.plotLeft + c * bucketPx;
    for (let lane = 0; lane < 3; lane++) {
      const total = totals[c * 3 + lane]!;
      if (!total) continue;
      const pre = layout.lanePrefix[lane]!;
      const lo = bounds[c]!;
      const hi = bounds[c + 1]!;
      const past = upto <= lo ? 0 : upto >= hi ? total : pre[upto]! - pre[lo]!;
      const h = Math.log1p(total) * norm;
      const y = laneCenter(g, lane) + h / 2;
      const hp = (h * past) / total;
      ctx.fillStyle = lane === 2 ? p.response : p.request;
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
  let cy = laneCenter(g, layout.laneOf[cursor] ?? 0);
  if (mark >= 0) {
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
  if (density) {
    drawDensity(d);
    const textEnd = [-Infinity, -Infinity, -Infinity];
    for (const k of layout.keyMarks) {
      const m = layout.marks[k]!;
      if (m.t1 < ta || m.t > tb) continue;
      drawMark(d, m, k, textEnd, true);
      marks++;
    }
  } else {
    const [mlo, mhi] = visibleRange(layout.marks, (m) => m.t, ta, tb, layout.maxSpan);
    const [alo, ahi] = visibleRange(layout.arrows, (a) => a.t0, ta, tb, layout.maxSpan);
    const labelRows = [-Infinity, -Infinity, -Infinity, -Infinity];
    const withLabels = ahi - alo < (g.plotRight - g.plotLeft) / 6;
    if (!withLabels) labelRows.fill(Infinity);
    for (let k = alo; k < ahi; k++) {
      const a = layout.arrows[k]!;
      if (a.t1 < ta) continue;
      drawArrowLine(d, a, k);
      arrows++;
    }
    for (let k = alo; k < ahi; k++) {
      const a = layout.arrows[k]!;
      if (a.t1 >= ta) drawArrowLabel(d, a, labelRows);
    }
    const textEnd = [-Infinity, -Infinity, -Infinity];
    const withText = mhi - mlo < (g.plotRight - g.plotLeft) / 8;
    for (let k = mlo; k < mhi; k++) {
      const m = layout.marks[k]!;
      if (m.t1 < ta) continue;
      drawMark(d, m, k, textEnd, withText || m.major);
      marks++;
    }
  }
  drawCursor(d);
  ctx.restore();
  return { mode: density ? 'density' : 'detail', arrows, marks };
}

/** The overview strip: density of the whole run, the viewport and the cursor. */
export function drawMinimap(ctx: CanvasRenderingContext2D, width: number, height: number, layout: TimelineLayout, cursor: number, p: Palette, view: [number, number]) {
  ctx.fillStyle = p.laneA;
  ctx.fillRect(0, 0, width, height);
  const endT = layout.endT || 1;
  const cols = Math.max(1, Math.floor(width / 2));
  const counts = new Float32Array(cols);
  let max = 1;
  let prev = 0;
  for (let c = 0; c < cols; c++) {
    const next = lowerBound(layout.times, ((c + 1) / cols) * endT + (c === cols - 1 ? 1 : 0));
    counts[c] = next - prev;
    prev = next;
    if (counts[c]! > max) max = counts[c]!;
  }
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

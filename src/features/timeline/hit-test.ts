import { quadtree, type Quadtree } from 'd3-quadtree';
import type { ScaleLinear } from 'd3-scale';
import { arrowPoints, markPoint, markSlot, slotRow, type LaneGeometry } from './geometry';
import { BADGE_SHAPES, visibleRange, type TimelineLayout } from './layout';

export interface Hit {
  kind: 'arrow' | 'mark';
  index: number;
}

interface HitPoint {
  x: number;
  y: number;
  hit: Hit;
}

/**
 * Screen-space index of what is drawn in the visible window. Built lazily per zoom state (culled to the window),
 * so hovering a 50,000-event run only indexes what is on screen.
 */
export function buildHitIndex(layout: TimelineLayout, x: ScaleLinear<number, number>, g: LaneGeometry): Quadtree<HitPoint> {
  const ta = x.invert(g.plotLeft);
  const tb = x.invert(g.plotRight);
  const pts: HitPoint[] = [];
  const [alo, ahi] = visibleRange(layout.arrows, (a) => a.t0, ta, tb, layout.maxSpan);
  const cap = 20000;
  for (let k = alo; k < ahi && pts.length < cap; k++) {
    const a = layout.arrows[k]!;
    if (a.t1 < ta) continue;
    const { x0, y0, x1, y1 } = arrowPoints(a, x, g);
    const len = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(2, Math.min(60, Math.ceil(len / 8)));
    // Skip the very ends so a click on the lane badge finds the badge, not the arrow.
    for (let s = 1; s < steps; s++) {
      const f = s / steps;
      pts.push({ x: x0 + (x1 - x0) * f, y: y0 + (y1 - y0) * f, hit: { kind: 'arrow', index: k } });
    }
  }
  const [mlo, mhi] = visibleRange(layout.marks, (m) => m.t, ta, tb, layout.maxSpan);
  for (let k = mlo; k < mhi && pts.length < cap * 2; k++) {
    const m = layout.marks[k]!;
    if (slotRow(g, markSlot(m)) < 0) continue;
    const p = markPoint(m, x, g);
    pts.push({ x: p.x + (BADGE_SHAPES.has(m.shape) ? 12 : 0), y: p.y, hit: { kind: 'mark', index: k } });
  }
  return quadtree<HitPoint>()
    .x((p) => p.x)
    .y((p) => p.y)
    .addAll(pts);
}

export function hitAt(index: Quadtree<HitPoint>, px: number, py: number, radius = 12): Hit | null {
  return index.find(px, py, radius)?.hit ?? null;
}

/** A point on an arrow that is safe to click (its middle), for tests and keyboard menus. */
export function arrowMidpoint(layout: TimelineLayout, arrow: number, x: ScaleLinear<number, number>, g: LaneGeometry) {
  const a = layout.arrows[arrow];
  if (!a) return null;
  const { x0, y0, x1, y1 } = arrowPoints(a, x, g);
  return { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
}

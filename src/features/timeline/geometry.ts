import type { ScaleLinear } from 'd3-scale';
import type { Arrow, Mark } from './layout';
import { LANE_INDEX } from './layout';

/** Vertical layout of the lanes, in CSS pixels. */
export interface LaneGeometry {
  top: number;
  laneHeight: number;
  plotLeft: number;
  plotRight: number;
  height: number;
  axisY: number;
}

export function laneGeometry(width: number, fontSize: number): LaneGeometry {
  const laneHeight = Math.round(fontSize * 9);
  const top = Math.round(fontSize * 0.8);
  const plotLeft = Math.round(fontSize * 7.5);
  const axisY = top + laneHeight * 3;
  // Room on the right for the labels and badges of the run's last events, which are drawn to the right of (or
  // centred on) their time.
  const plotRight = Math.max(plotLeft + 10, width - Math.round(fontSize * 10));
  return { top, laneHeight, plotLeft, plotRight, height: axisY + Math.round(fontSize * 2.2), axisY };
}

export function laneCenter(g: LaneGeometry, lane: number): number {
  return g.top + g.laneHeight * (lane + 0.5);
}

const MIN_STUB = 28;

/** Screen coordinates of an arrow; requests run producer→broker, responses broker→producer. */
export function arrowPoints(a: Arrow, x: ScaleLinear<number, number>, g: LaneGeometry) {
  const yP = laneCenter(g, 0);
  const yN = laneCenter(g, 1);
  const yB = laneCenter(g, 2);
  const x0 = x(a.t0);
  let x1 = x(a.t1);
  const y0 = a.kind === 'request' ? yP : yB;
  let y1 = a.kind === 'request' ? yB : yP;
  if (a.end === 'lost' || a.end === 'dead-socket') {
    y1 = yN;
    if (x1 - x0 < MIN_STUB) x1 = x0 + MIN_STUB;
  } else if (x1 - x0 < 2 && a.end !== 'open') {
    // Same virtual instant: give it a visible slant.
    x1 = x0 + 6;
  }
  return { x0, y0, x1, y1 };
}

/** Where a mark's glyph sits. */
export function markPoint(m: Mark, x: ScaleLinear<number, number>, g: LaneGeometry) {
  const lane = LANE_INDEX[m.lane] ?? 0;
  const c = laneCenter(g, lane);
  const dy = m.lane === 'broker' ? g.laneHeight * 0.22 : m.lane === 'producer' ? -g.laneHeight * 0.22 : 0;
  return { x: x(m.t), y: c + dy };
}

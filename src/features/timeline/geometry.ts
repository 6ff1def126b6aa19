import type { ScaleLinear } from 'd3-scale';
import type { Arrow, Mark } from './layout';
import { isBrokerSlot, isConsumerSlot, laneSlot, PRODUCER_SLOTS } from './consumer-lanes';
import { isTxnSlot } from './txn-lanes';

/** Vertical layout of the lanes, in CSS pixels. */
export interface LaneGeometry {
  top: number;
  laneHeight: number;
  plotLeft: number;
  plotRight: number;
  height: number;
  axisY: number;
  /** Height of one row of labels, and the gap kept clear around a lane's centre line (arrows start and end there). */
  rowHeight: number;
  centreGap: number;
  /** The lane slots drawn, top to bottom (the producer side's three when left out). */
  slots?: readonly number[];
  /** Slots drawn in another's lane (a transactional run's partitions, folded onto one). */
  alias?: ReadonlyMap<number, number>;
}

/**
 * The lanes in `width` × `height` CSS pixels. Without a height (exports, the side-by-side view) each lane is nine
 * lines of text tall; with one, the lanes share it, between four and ten lines each.
 */
export function laneGeometry(width: number, fontSize: number, height = 0, slots: readonly number[] = PRODUCER_SLOTS): LaneGeometry {
  const top = Math.round(fontSize * 0.8);
  const lanes = slots.length;
  // With the consumer side's lanes too, rows of labels are packed closer, so that each lane keeps a row on either
  // side of its centre line in a third less height and the whole timeline still fits a projector's 720 px.
  // When even that is too tall (a lesson's text above the stage), a lane shrinks to one row of labels on its centre line.
  // With replication (a lane per broker) each lane keeps room for a row of labels on either side of its centre.
  const packed = slots.some(isConsumerSlot) || slots.some(isTxnSlot);
  const bottom = Math.round(fontSize * (packed ? 1.7 : 2.2));
  const minLane = packed ? Math.round(fontSize * 1.3) + 4 : fontSize * 4;
  const laneHeight = height > 0 ? Math.round(Math.min(fontSize * 10, Math.max(minLane, (height - top - bottom) / lanes))) : Math.round(fontSize * (lanes > PRODUCER_SLOTS.length ? 7 : 9));
  const plotLeft = Math.round(fontSize * 7.5);
  const axisY = top + laneHeight * lanes;
  // Room on the right for the labels and badges of the run's last events, which are drawn to the right of (or
  // centred on) their time.
  const plotRight = Math.max(plotLeft + 10, width - Math.round(fontSize * 10));
  const rowHeight = Math.round(fontSize * (packed ? 1.3 : 1.55));
  const g: LaneGeometry = { top, laneHeight, plotLeft, plotRight, height: axisY + bottom, axisY, rowHeight, centreGap: Math.round(fontSize * (packed ? 0.15 : 0.3)) };
  if (slots !== PRODUCER_SLOTS) g.slots = slots;
  return g;
}

/** The row (0 at the top) a lane slot is drawn in, or -1 when it is not drawn (the consumer side folded or absent). */
export function slotRow(g: LaneGeometry, slot: number): number {
  if (!g.slots) return slot < PRODUCER_SLOTS.length ? slot : -1;
  return g.slots.indexOf(g.alias?.get(slot) ?? slot);
}

/** Whether a lane has a row of labels on either side of its centre line (otherwise one row on the line itself). */
export function hasSideRows(g: LaneGeometry): boolean {
  return g.laneHeight / 2 - 2 >= g.centreGap + g.rowHeight;
}

/** The lane slot of a mark. */
export function markSlot(m: Mark): number {
  return m.slot ?? laneSlot(m.lane);
}

export function laneCenter(g: LaneGeometry, lane: number): number {
  return g.top + g.laneHeight * (lane + 0.5);
}

const MIN_STUB = 28;

/** Screen coordinates of an arrow; requests run producer→broker, responses broker→producer. */
export function arrowPoints(a: Arrow, x: ScaleLinear<number, number>, g: LaneGeometry) {
  const yP = laneCenter(g, 0);
  const yB = laneCenter(g, slotRow(g, a.brokerLane ?? 2));
  const x0 = x(a.t0);
  let x1 = x(a.t1);
  const y0 = a.kind === 'request' ? yP : yB;
  let y1 = a.kind === 'request' ? yB : yP;
  if (a.end === 'lost' || a.end === 'dead-socket') {
    // On the network's lane; a run without one (a transactional run) ends it half way.
    const network = slotRow(g, 1);
    y1 = network >= 0 ? laneCenter(g, network) : (y0 + y1) / 2;
    if (x1 - x0 < MIN_STUB) x1 = x0 + MIN_STUB;
  } else if (x1 - x0 < 2 && a.end !== 'open') {
    // Same virtual instant: give it a visible slant.
    x1 = x0 + 6;
  }
  return { x0, y0, x1, y1 };
}

/** Where a mark's glyph sits. */
export function markPoint(m: Mark, x: ScaleLinear<number, number>, g: LaneGeometry) {
  const slot = markSlot(m);
  const c = laneCenter(g, slotRow(g, slot));
  // On the first row of labels beside the centre line: above it for the producer, below it for the brokers.
  const row = g.centreGap + g.rowHeight / 2;
  const dy = !hasSideRows(g) ? 0 : isBrokerSlot(slot) ? row : m.lane === 'producer' ? -row : 0;
  return { x: x(m.t), y: c + dy };
}

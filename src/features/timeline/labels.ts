import type { ScaleLinear } from 'd3-scale';
import type { Lang } from '../../i18n/lang';
import { isBrokerSlot } from './consumer-lanes';
import { isTxnSlot } from './txn-lanes';
import { arrowPoints, hasSideRows, laneCenter, markPoint, markSlot, slotRow, type LaneGeometry } from './geometry';
import { arrowLabel, BADGE_SHAPES, localMarkText, type Arrow, type Mark, type TimelineLayout } from './layout';

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
  /** When the future is hidden: the last event shown (later labels take no room). */
  until?: number;
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
export const BADGE_ICON: Partial<Record<Mark['shape'], string>> = { duplicate: '⚠ ', recognised: '↺ ', error: '✖ ', commit: '◆ ', abort: '⊘ ' };

/** Put before a record's words once an ABORT marker has aborted it (its box keeps room for it from the start). */
export const ABORTED_ICON = '⊘ ';

export function markText(m: Mark, lang: Lang): string {
  const text = localMarkText(m, lang);
  return text ? `${BADGE_ICON[m.shape] ?? ''}${text}` : '';
}

/**
 * Rows of one half-lane, nearest the centre line first. A lane too low for rows beside its centre line has one row
 * on the line, shared by both halves (`centre` keeps it for the placement under way).
 */
function rows(g: LaneGeometry, lane: number, side: 'up' | 'down', centre?: Map<number, Row[]>): Row[] {
  const c = laneCenter(g, lane);
  if (centre && !hasSideRows(g)) {
    let one = centre.get(lane);
    if (!one) {
      one = g.laneHeight >= g.rowHeight + 4 ? [{ y: c, taken: [] }] : [];
      centre.set(lane, one);
    }
    return one;
  }
  const top = g.top + lane * g.laneHeight + 2;
  const bottom = top + g.laneHeight - 4;
  const out: Row[] = [];
  for (let k = 0; ; k++) {
    const off = g.centreGap + g.rowHeight * (k + 0.5);
    const y = side === 'up' ? c - off : c + off;
    if (y - g.rowHeight / 2 < top || y + g.rowHeight / 2 > bottom) break;
    out.push({ y, taken: [] });
  }
  return out;
}

const GAP = 4;

/** One row of labels: its centre line and the spans its boxes already take. */
interface Row {
  y: number;
  taken: [number, number][];
}

/** Rows a kind of label may use, in order of preference (rows can be shared between zones). */
class Zone {
  private ys: number[];
  private taken: [number, number][][];
  constructor(
    rows: Row[],
    private left: number,
    private right: number,
  ) {
    this.ys = rows.map((r) => r.y);
    this.taken = rows.map((r) => r.taken);
  }
  private free(r: number, x: number, w: number): boolean {
    for (const [a, b] of this.taken[r]!) if (x < b + GAP && a < x + w + GAP) return false;
    return true;
  }
  /**
   * A box of width w at `anchor`, in the first row with room; otherwise as near `anchor` as a row allows, within
   * `maxShift` (and only to the right when `leftToo` is false), or null if there is no room.
   */
  place(anchor: number, w: number, maxShift: number, leftToo: boolean): { x: number; y: number } | null {
    if (anchor < this.left || anchor > this.right || !this.ys.length || w > this.right - this.left) return null;
    const x0 = Math.max(this.left, Math.min(anchor, this.right - w));
    let best: { r: number; x: number; d: number } | null = null;
    for (let r = 0; r < this.ys.length; r++) {
      if (this.free(r, x0, w)) {
        best = { r, x: x0, d: Math.abs(x0 - anchor) };
        break;
      }
    }
    if (!best) {
      for (let r = 0; r < this.ys.length; r++) {
        for (const [a, b] of this.taken[r]!) {
          for (const x of [b + GAP, a - GAP - w]) {
            if (x < this.left || x + w > this.right || (!leftToo && x < x0)) continue;
            const d = Math.abs(x - anchor);
            if (d > maxShift || (best && d >= best.d) || !this.free(r, x, w)) continue;
            best = { r, x, d };
          }
        }
      }
    }
    if (!best) return null;
    this.taken[best.r]!.push([best.x, best.x + w]);
    return { x: best.x, y: this.ys[best.r]! };
  }
}

/** Places the labels of the visible arrows and marks; those that find no room are left out (and not drawn). */
export function placeLabels(p: PlaceInput): Placement {
  const { layout, x, g, lang, measure } = p;
  const left = g.plotLeft;
  const right = p.right;
  const fs = g.rowHeight / 1.55;
  const h = Math.round(fs * 1.45);
  // A label may move right of its time when every row there is taken: a little for most, further for the marks
  // that tell the story (errors, duplicates), which then get a leader line back to their time.
  const maxShift = fs * 6;
  const majorShift = fs * 30;
  // Producer: its marks above the centre line, request labels below. Broker: response labels above, marks below.
  // When its own half is full a mark may use the other half: the marks (verdicts, errors) are placed first.
  // Only lanes packed with the consumer side's may fall back to one row on the centre line.
  const centre = g.slots && g.slots.length > 3 ? new Map<number, Row[]>() : undefined;
  // A transactional run: every lane has its own rows (marks of the coordinator and the partitions below the centre
  // line first, where requests arrive); request labels go below the application's line, responses have none.
  const txn = g.slots?.some(isTxnSlot) ?? false;
  const [pUp, pDown, nUp, nDown, bUp, bDown] = [rows(g, 0, 'up', centre), rows(g, 0, 'down', centre), rows(g, 1, 'up', centre), rows(g, 1, 'down', centre), rows(g, 2, 'up', centre), rows(g, 2, 'down', centre)];
  const requestZone = new Zone(pDown, left, right);
  const responseZone = new Zone(txn ? [] : bUp, left, right);
  const markZones = txn ? [] : [new Zone([...pUp, ...pDown], left, right), new Zone([...nUp, ...nDown], left, right), new Zone([...bDown, ...bUp], left, right)];
  // Words beside a flag, crash or restart may also use the network lane's rows when their own lane is full.
  const textZones = txn ? [] : [new Zone([...pUp, ...pDown, ...nUp, ...nDown], left, right), markZones[1]!, new Zone([...bDown, ...bUp, ...nDown, ...nUp], left, right)];
  // The lanes below broker 1's (rows 3 and on, when drawn): the consumer side's (marks above and below the centre
  // line) or, with replication, brokers 2, 3… (below it first, where their requests arrive).
  for (let r = txn ? 0 : 3; r < (g.slots?.length ?? 3); r++) {
    const up = r === 0 ? pUp : rows(g, r, 'up', centre);
    const down = r === 0 ? pDown : rows(g, r, 'down', centre);
    const zone = new Zone(up === down ? up : isBrokerSlot(g.slots![r]!) ? [...down, ...up] : [...up, ...down], left, right);
    markZones.push(zone);
    textZones.push(zone);
  }
  const boxes: LabelBox[] = [];
  const arrowBox = new Map<number, LabelBox>();
  const markBox = new Map<number, LabelBox>();
  // The broker's verdicts first (errors, duplicates, then writes), at their own time; then crashes, restarts and
  // flags; then the arrows' labels; then the remaining words (acks, retries scheduled).
  const until = p.until ?? Infinity;
  const markIndexes = [...(p.markList ?? range(p.marks[0], p.marks[1]))].filter((k) => layout.marks[k]!.event <= until);
  const rank = (m: Mark) => (BADGE_SHAPES.has(m.shape) ? (m.major ? 0 : 1) : m.major ? 2 : 3);
  const placeMarks = (r: number) => {
    for (const k of markIndexes) {
      const m = layout.marks[k]!;
      if (rank(m) !== r || !p.markText(m)) continue;
      const text = markText(m, lang);
      if (!text) continue;
      const badge = BADGE_SHAPES.has(m.shape);
      const pad = (badge ? 12 : 6) + (m.shape === 'commit' || m.shape === 'abort' ? 12 : 0);
      const w = measure(m.abortedAt !== undefined ? `${ABORTED_ICON}${text}` : text, badge || m.major) + pad;
      const px = markPoint(m, x, g).x;
      // A mark at the very start of a long run sits at the left edge: its words start there.
      const anchor = Math.max(left, badge ? px - 2 : m.shape === 'band' ? px + 4 : m.shape === 'dot' ? px + 7 : px + 12);
      const row = slotRow(g, markSlot(m));
      if (row < 0) continue;
      const zone = (!badge && m.major ? textZones : markZones)[row]!;
      // A mark with a shorter form (a marker without its LSO) keeps its full words only near its time.
      let at = zone.place(anchor, w, m.short === undefined && (m.major || badge) ? majorShift : maxShift, true);
      let shown = text;
      let width = w;
      // A plain write in a crowd keeps its offset ("@3"): the log's order stays readable.
      const short = m.short !== undefined ? `${BADGE_ICON[m.shape] ?? ''}${m.short}` : m.shape === 'badge' && m.text && 'params' in m.text ? `@${String(m.text.params?.offset)}` : null;
      if (!at && short) {
        width = measure(m.abortedAt !== undefined ? `${ABORTED_ICON}${short}` : short, true) + pad;
        at = zone.place(anchor, width, majorShift, true);
        shown = short;
      }
      if (!at) continue;
      const box: LabelBox = { kind: 'mark', index: k, x: at.x, y: at.y, w: width, h, text: shown };
      boxes.push(box);
      markBox.set(k, box);
    }
  };
  placeMarks(0);
  placeMarks(1);
  placeMarks(2);
  if (p.arrowLabels) {
    for (let k = p.arrows[0]; k < p.arrows[1]; k++) {
      const a = layout.arrows[k]!;
      if (a.startEvent > until) continue;
      const text = arrowText(a, lang);
      const w = measure(text, a.ref.attempt > 1) + 6;
      const at = (a.kind === 'request' ? requestZone : responseZone).place(arrowPoints(a, x, g).x0 + 2, w, maxShift, false);
      if (!at) continue;
      const box: LabelBox = { kind: 'arrow', index: k, x: at.x, y: at.y, w, h, text };
      boxes.push(box);
      arrowBox.set(k, box);
    }
  }
  placeMarks(3);
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

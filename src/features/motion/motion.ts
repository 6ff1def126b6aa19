import type { ScaleLinear } from 'd3-scale';
import type { BrokerSnapshot, TraceEvent } from '../../sim/trace/types';
import { arrowPoints, markPoint, type LaneGeometry } from '../timeline/geometry';
import type { LabelBox } from '../timeline/labels';
import type { TimelineLayout } from '../timeline/layout';

/**
 * The motion of one step, loaded the first time a step animates. It only reads the trace event at the cursor and the
 * layout already drawn; each animation is one element in an overlay that the static drawing never sees, and it
 * removes itself when done.
 */

/**
 * What the current event gets: `send` a request leaving the producer; `travel-down` a request reaching the broker;
 * `travel-up` a response reaching the producer; `drop` a packet lost in the network; `grow` records written to the
 * log; `cache-hit` a retry the broker recognised in its dedup cache.
 */
export type MotionKind = 'send' | 'travel-down' | 'travel-up' | 'drop' | 'grow' | 'cache-hit';

/** The motions of an event, in the order they play (a request arrives, then the log grows); empty for none. */
export function motionsFor(ev: TraceEvent | undefined): MotionKind[] {
  switch (ev?.kind) {
    case 'request.sent':
      return ['send'];
    case 'request.lost':
    case 'response.lost':
      return ['drop'];
    case 'response.received':
      return ['travel-up'];
    case 'broker.handled':
      if (ev.verdict === 'appended') return ['travel-down', 'grow'];
      if (ev.verdict === 'duplicate') return ['travel-down', 'cache-hit'];
      return ['travel-down'];
    default:
      return [];
  }
}

/** "m1 · seq 0", "m2–m4 · seq 1–3 · #2": what a packet carries, short enough to read while it moves. */
export function packetLabel(ev: TraceEvent): string {
  if (!('req' in ev && 'batch' in ev)) return '';
  const m = ev.messages;
  let text = m.length === 1 ? `m${m[0]}` : `m${m[0]}–m${m[m.length - 1]}`;
  if (ev.pid >= 0) text += ` · seq ${ev.baseSeq === ev.lastSeq ? ev.baseSeq : `${ev.baseSeq}–${ev.lastSeq}`}`;
  if (ev.attempt > 1) text += ` · #${ev.attempt}`;
  return text;
}

/** Where a grow or cache-hit happens in the broker inspector: the new log rows, or the dedup slot that matched. */
export function inspectorTarget(ev: TraceEvent | undefined, snapshot: BrokerSnapshot | null): { rows: number } | { producer: number; slot: number } | null {
  if (ev?.kind !== 'broker.handled') return null;
  if (ev.verdict === 'appended') return { rows: ev.messages.length };
  if (ev.verdict !== 'duplicate' || ev.rule.id !== 'duplicate-in-cache' || !snapshot) return null;
  const { baseSeq, lastSeq, originalOffset } = ev.rule;
  const producer = snapshot.producers.findIndex((p) => p.pid === ev.pid);
  const slot = producer < 0 ? -1 : snapshot.producers[producer]!.batches.findIndex((b) => b.firstSeq === baseSeq && b.lastSeq === lastSeq && b.firstOffset === originalOffset);
  return slot < 0 ? null : { producer, slot };
}

export interface TimelineScene {
  /** The overlay over the canvas, in the canvas's CSS pixels. */
  layer: HTMLElement;
  event: TraceEvent | undefined;
  cursor: number;
  layout: TimelineLayout;
  x: ScaleLinear<number, number>;
  g: LaneGeometry;
  width: number;
  /** The labels and badges as drawn (the badge that grows is one of them). */
  labels: readonly LabelBox[];
  /** A lesson question waits: nothing may hint at what comes after the cursor. */
  hideFuture: boolean;
  ms: number;
}

type Point = { x: number; y: number };

function element(layer: HTMLElement, className: string, text = ''): HTMLElement {
  const el = layer.ownerDocument.createElement('div');
  el.className = className;
  el.textContent = text;
  layer.appendChild(el);
  return el;
}

function run(el: HTMLElement, keyframes: Keyframe[], ms: number, delay = 0) {
  const a = el.animate(keyframes, { duration: ms, delay, easing: 'ease-in-out', fill: 'both' });
  const done = () => el.remove();
  a.onfinish = done;
  a.oncancel = done;
}

const at = (p: Point, extra = '') => `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px) translate(-50%, -50%)${extra}`;

/** Plays the current event's motion on the timeline's overlay (what was playing there stops). Only transform and opacity move, which the compositor animates without the main thread. */
export function playTimeline(s: TimelineScene): void {
  const { layer, event: ev, layout, g, ms } = s;
  for (const el of [...layer.children]) for (const a of el.getAnimations()) a.cancel();
  layer.replaceChildren();
  const kinds = motionsFor(ev);
  if (!ev || kinds.length === 0) return;
  const inside = (p: Point) => p.x >= g.plotLeft - 4 && p.x <= s.width && p.y >= 0 && p.y <= g.height;
  const arrowIndex = layout.arrowOfEvent[s.cursor] ?? -1;
  const arrow = arrowIndex >= 0 ? layout.arrows[arrowIndex] : undefined;
  // The arrival's share of the step when something happens on arrival.
  const travelMs = kinds.length > 1 ? ms * 0.65 : ms;
  for (const kind of kinds) {
    if ((kind === 'grow' || kind === 'cache-hit') && 'req' in ev) {
      const mark = layout.markOfEvent[s.cursor] ?? -1;
      const box = s.labels.find((b) => b.kind === 'mark' && b.index === mark);
      const p = mark >= 0 ? markPoint(layout.marks[mark]!, s.x, g) : null;
      if (!p || !inside(p)) continue;
      const el = element(layer, `motion-badge motion-${kind}`, kind === 'cache-hit' ? '↺' : '');
      const w = box ? box.w : 16;
      const h = box ? box.h : 16;
      el.style.width = `${w + 8}px`;
      el.style.height = `${h + 8}px`;
      const c = box ? { x: box.x + box.w / 2, y: box.y } : p;
      run(el, [{ transform: at(c, ' scale(0.3)'), opacity: 0 }, { transform: at(c, ' scale(1.2)'), opacity: 1, offset: 0.6 }, { transform: at(c, ' scale(1)'), opacity: 0 }], ms - travelMs + ms * 0.2, travelMs - ms * 0.2);
      continue;
    }
    if (!arrow) continue;
    const pts = arrowPoints(arrow, s.x, g);
    const from = { x: pts.x0, y: pts.y0 };
    let to = { x: pts.x1, y: pts.y1 };
    if (kind === 'send') {
      // Only the start of the way: where the request goes, and when it gets there, is not known yet at this step.
      const boundary = g.top + g.laneHeight;
      to = s.hideFuture ? { x: from.x, y: boundary } : { x: from.x + ((to.x - from.x) * (boundary - from.y)) / (to.y - from.y || 1), y: boundary };
    }
    if (!inside(from) && !inside(to)) continue;
    const el = element(layer, `motion-packet motion-${kind} motion-${arrow.kind}`, packetLabel(ev));
    if (kind === 'drop') {
      const fall = { x: to.x + 6, y: Math.min(g.axisY - 8, to.y + g.laneHeight * 0.55) };
      run(el, [{ transform: at(from), opacity: 1 }, { transform: at(to), opacity: 1, offset: 0.55 }, { transform: at(fall, ' rotate(24deg) scale(0.8)'), opacity: 0 }], ms);
    } else {
      run(el, [{ transform: at(from), opacity: 0.4 }, { transform: at(from), opacity: 1, offset: 0.08 }, { transform: at(to), opacity: 1, offset: 0.9 }, { transform: at(to, ' scale(0.7)'), opacity: kind === 'send' ? 0 : 0.2 }], travelMs);
    }
  }
}

/** Lights up, in the broker inspector, the rows the event wrote or the dedup slot that recognised its retry. */
export function playInspector(root: HTMLElement, ev: TraceEvent | undefined, snapshot: BrokerSnapshot | null, ms: number): void {
  const target = inspectorTarget(ev, snapshot);
  if (!target) return;
  // The element is lit by its class (the theme's colours) while its animation runs.
  const light = (el: Element, animated: Element, keyframes: Keyframe[], duration: number) => {
    for (const a of animated.getAnimations()) {
      a.oncancel = null;
      a.cancel();
    }
    el.classList.add('motion-hit');
    const a = animated.animate(keyframes, { duration, easing: 'ease-out' });
    const done = () => el.classList.remove('motion-hit');
    a.onfinish = done;
    a.oncancel = done;
  };
  if ('rows' in target) {
    // The new records drop into the log (a table row's own transform is not painted: its cells move).
    const rows = [...root.querySelectorAll('.log-table tbody tr')].slice(-target.rows);
    const keyframes = [{ opacity: 0, transform: 'translateY(-60%)' }, { opacity: 1, transform: 'none', offset: 0.45 }, { opacity: 1, transform: 'none' }];
    for (const row of rows) for (const cell of row.children) light(row, cell, keyframes, ms);
  } else {
    const slot = root.querySelectorAll('.dedup')[target.producer]?.querySelectorAll('.slot')[target.slot];
    if (slot) light(slot, slot, [{ transform: 'scale(1)' }, { transform: 'scale(1.15)', offset: 0.3 }, { transform: 'scale(1)' }], ms);
  }
}

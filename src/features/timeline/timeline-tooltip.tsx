import type { ScaleLinear } from 'd3-scale';
import { describeEvent } from '../../sim/trace/describe';
import type { Trace, TraceEvent } from '../../sim/trace/types';
import { arrowPoints, markPoint, laneCenter, type LaneGeometry } from './geometry';
import type { Hit } from './hit-test';
import type { TimelineLayout } from './layout';

interface Props {
  trace: Trace;
  layout: TimelineLayout;
  /** null: describe the cursor event (keyboard focus on the canvas). */
  hit: Hit | null;
  cursor: number;
  x: number;
  y: number;
  width: number;
  xScale: () => ScaleLinear<number, number>;
  g: LaneGeometry;
}

function arrowFate(end: string, kind: string): string {
  switch (end) {
    case 'lost':
      return kind === 'request' ? 'Lost on the way: the broker never sees it.' : 'Lost on the way back: the producer never hears the answer.';
    case 'dead-socket':
      return 'Sent on a connection that is already closed: nobody receives it.';
    case 'refused':
      return 'Refused: the broker was down.';
    case 'open':
      return 'Still in flight when the run ends.';
    default:
      return '';
  }
}

function lossCause(ev: TraceEvent | undefined): string {
  if (!ev || (ev.kind !== 'request.lost' && ev.kind !== 'response.lost')) return '';
  if (ev.cause === 'connection-closed') return ' (its connection had been closed)';
  if (ev.cause === 'broker-down') return ' (the broker was down)';
  return ' (a network fault)';
}

/** Full description of the hovered (or keyboard-focused) item, positioned over the canvas. */
export function TimelineTooltip({ trace, layout, hit, cursor, x, y, width, xScale, g }: Props) {
  let lines: string[];
  let px = x;
  let py = y;
  if (hit?.kind === 'arrow') {
    const a = layout.arrows[hit.index]!;
    const start = trace.events[a.startEvent];
    const end = a.endEvent >= 0 ? trace.events[a.endEvent] : undefined;
    lines = [
      `${a.kind === 'request' ? 'Request' : 'Response'} ${a.label}${a.delayed ? ' (delayed)' : ''} · messages ${a.ref.messages.join(', ')}`,
      start ? `t=${start.t} ms: ${describeEvent(start)}` : '',
      end && end !== start ? `t=${end.t} ms: ${describeEvent(end)}` : '',
      arrowFate(a.end, a.kind) + lossCause(end),
      'Click for fault options.',
    ];
  } else if (hit?.kind === 'mark') {
    const m = layout.marks[hit.index]!;
    const ev = trace.events[m.event];
    lines = [ev ? `t=${ev.t} ms · ${ev.lane}: ${describeEvent(ev)}` : m.text, m.text && ev && describeEvent(ev) !== m.text ? m.text : '', 'Click to move the cursor here.'];
  } else {
    const ev = trace.events[cursor];
    if (!ev) return null;
    lines = [`t=${ev.t} ms · ${ev.lane}: ${describeEvent(ev)}`];
    const ai = layout.arrowOfEvent[cursor] ?? -1;
    const mi = layout.markOfEvent[cursor] ?? -1;
    const sx = xScale();
    if (mi >= 0) ({ x: px, y: py } = markPoint(layout.marks[mi]!, sx, g));
    else if (ai >= 0) {
      const p = arrowPoints(layout.arrows[ai]!, sx, g);
      px = p.x0;
      py = p.y0;
      lines.push('Press Enter for fault options.');
    } else {
      px = sx(ev.t);
      py = laneCenter(g, layout.laneOf[cursor] ?? 0);
    }
  }
  const left = Math.max(4, Math.min(width - 324, px + 14));
  const top = Math.max(4, py + 14);
  return (
    <div className="timeline-tooltip" role="tooltip" style={{ left, top }}>
      {lines.filter(Boolean).map((l, i) => (
        <p key={i}>{l}</p>
      ))}
    </div>
  );
}

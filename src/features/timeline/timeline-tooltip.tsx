import type { ScaleLinear } from 'd3-scale';
import { describe } from '../../i18n/describe';
import { laneName } from '../../i18n/labels';
import type { Translate } from '../../i18n/t';
import { useLang, useT } from '../../i18n/use-t';
import type { Trace, TraceEvent } from '../../sim/trace/types';
import { arrowPoints, markPoint, laneCenter, type LaneGeometry } from './geometry';
import type { Hit } from './hit-test';
import { arrowLabel, localMarkText, type TimelineLayout } from './layout';

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

function arrowFate(end: string, kind: string, t: Translate): string {
  switch (end) {
    case 'lost':
      return kind === 'request' ? t('tooltip.lostRequest') : t('tooltip.lostResponse');
    case 'dead-socket':
      return t('tooltip.deadSocket');
    case 'open':
      return t('tooltip.open');
    default:
      return '';
  }
}

function lossCause(ev: TraceEvent | undefined, t: Translate): string {
  if (!ev || (ev.kind !== 'request.lost' && ev.kind !== 'response.lost')) return '';
  if (ev.cause === 'connection-closed') return t('tooltip.causeClosed');
  if (ev.cause === 'broker-down') return t('tooltip.causeDown');
  return t('tooltip.causeFault');
}

/** Full description of the hovered (or keyboard-focused) item, positioned over the canvas. */
export function TimelineTooltip({ trace, layout, hit, cursor, x, y, width, xScale, g }: Props) {
  const t = useT();
  const lang = useLang();
  const describeEvent = (ev: TraceEvent) => describe(ev, lang);
  let lines: string[];
  let px = x;
  let py = y;
  if (hit?.kind === 'arrow') {
    const a = layout.arrows[hit.index]!;
    const start = trace.events[a.startEvent];
    const end = a.endEvent >= 0 ? trace.events[a.endEvent] : undefined;
    lines = [
      t(a.kind === 'request' ? 'tooltip.request' : 'tooltip.response', { label: arrowLabel(a, lang), delayed: a.delayed ? t('tooltip.delayed') : '', list: a.ref.messages.join(', ') }),
      start ? `t=${start.t} ms: ${describeEvent(start)}` : '',
      end && end !== start ? `t=${end.t} ms: ${describeEvent(end)}` : '',
      arrowFate(a.end, a.kind, t) + lossCause(end, t),
      a.label !== undefined ? t('tooltip.clickMove') : t('tooltip.clickFault'),
    ];
  } else if (hit?.kind === 'mark') {
    const m = layout.marks[hit.index]!;
    const ev = trace.events[m.event];
    const markText = localMarkText(m, lang);
    lines = [ev ? `t=${ev.t} ms · ${laneName(ev.lane, lang)}: ${describeEvent(ev)}` : markText, markText && ev && describeEvent(ev) !== markText ? markText : '', t('tooltip.clickMove')];
  } else {
    const ev = trace.events[cursor];
    if (!ev) return null;
    lines = [`t=${ev.t} ms · ${laneName(ev.lane, lang)}: ${describeEvent(ev)}`];
    const ai = layout.arrowOfEvent[cursor] ?? -1;
    const mi = layout.markOfEvent[cursor] ?? -1;
    const sx = xScale();
    if (mi >= 0) ({ x: px, y: py } = markPoint(layout.marks[mi]!, sx, g));
    else if (ai >= 0) {
      const p = arrowPoints(layout.arrows[ai]!, sx, g);
      px = p.x0;
      py = p.y0;
      if (layout.arrows[ai]!.label === undefined) lines.push(t('tooltip.enterFault'));
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

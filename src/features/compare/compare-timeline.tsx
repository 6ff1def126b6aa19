import { scaleLinear } from 'd3-scale';
import { useLayoutEffect, useRef, type PointerEvent, type WheelEvent } from 'react';
import { describe } from '../../i18n/describe';
import { configProblemText } from '../../i18n/facts';
import { useLang, useT } from '../../i18n/use-t';
import type { Trace } from '../../sim/trace/types';
import type { Theme } from '../../store/lab-state';
import { drawTimeline } from '../timeline/draw';
import { laneGeometry, type LaneGeometry } from '../timeline/geometry';
import { layoutFor } from '../timeline/layout';
import { PALETTES } from '../timeline/palette';
import { useElementSize } from '../timeline/use-element-width';
import { panWindow, zoomWindow, type TimeWindow } from './time-window';

/** The lanes share the height the stage leaves each run (the stage splits it between the two). */
function compactGeometry(width: number, fontSize: number, height: number, slots?: readonly number[]): LaneGeometry {
  const g = laneGeometry(width, fontSize, 0, slots);
  const lanes = slots?.length ?? 3;
  // The axis needs one line of text; each lane at least its name (labels that do not fit are left to the hover).
  const top = Math.round(fontSize * 0.4);
  const bottom = Math.round(fontSize * 1.3);
  const laneHeight = Math.max(Math.round(fontSize * 1.4), Math.floor((height - top - bottom) / lanes));
  const axisY = top + laneHeight * lanes;
  // On the right, room for a marker drawn at the run's last moment (a lost packet's ✕ at the end of its arrow), so
  // *Fit* shows it whole.
  const right = Math.max(14, Math.round(fontSize * 2));
  return { ...g, top, laneHeight, axisY, height: axisY + bottom, plotRight: Math.max(g.plotLeft + 10, width - right) };
}

/**
 * One run of the comparison drawn with the main timeline's renderer. Both runs show the same window of virtual
 * time (`view`): the wheel zooms it around the pointer and dragging pans it, on either run.
 */
export function CompareTimeline({
  trace,
  cursor,
  view,
  onView,
  theme,
  label,
  id,
}: {
  trace: Trace;
  cursor: number;
  view: TimeWindow;
  onView: (next: TimeWindow) => void;
  theme: Theme;
  label: string;
  id: string;
}) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width, height } = useElementSize(wrapRef, 800, 0);
  const palette = PALETTES[theme];
  const t = useT();
  const lang = useLang();
  const layoutSlots = layoutFor(trace).slots;
  const g = compactGeometry(width, palette.fontSize, height, layoutSlots.length > 3 ? layoutSlots : undefined);
  const drag = useRef<{ x: number; view: TimeWindow } | null>(null);
  const timeAt = (clientX: number) => {
    const left = canvasRef.current?.getBoundingClientRect().left ?? 0;
    return scaleLinear().domain(view).range([g.plotLeft, g.plotRight]).invert(clientX - left);
  };
  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => onView(zoomWindow(view, e.deltaY < 0 ? 1.25 : 0.8, timeAt(e.clientX)));
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: e.clientX, view };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) return;
    const msPerPx = (d.view[1] - d.view[0]) / Math.max(1, g.plotRight - g.plotLeft);
    onView(panWindow(d.view, -(e.clientX - d.x) * msPerPx));
  };
  const onPointerUp = () => {
    drag.current = null;
  };


  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(g.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const x = scaleLinear().domain(view).range([g.plotLeft, g.plotRight]);
    drawTimeline({ ctx, width, g, x, layout: layoutFor(trace), cursor, palette, hoverArrow: -1, hoverMark: -1, lang });
  }, [trace, cursor, view, width, g, palette, lang]);

  const ev = trace.events[cursor];
  return (
    <figure
      className="compare-run"
      aria-labelledby={`${id}-label`}
      data-event={Math.min(cursor + 1, trace.events.length)}
      data-events={trace.events.length}
      data-window={`${Math.round(view[0])}-${Math.round(view[1])}`}
    >
      {/* The run's name and, beside it, what happens in it at the shared moment: one line. */}
      <figcaption className="compare-run-head" title={ev ? describe(ev, lang) : undefined}>
          <span id={`${id}-label`} className="compare-run-label">
            {label}
          </span>{' '}
          <span className="narration-meta">{t('compare.eventAt', { t: ev?.t ?? 0 })}</span> {ev ? describe(ev, lang) : t('compare.noEvents')}
      </figcaption>
      {trace.configError ? (
        <p className="compare-config-error" role="note">
          {t('compare.refuses', { error: configProblemText(lang, trace.configError) })}
        </p>
      ) : (
        <div ref={wrapRef} className="compare-canvas-wrap">
          <canvas
            ref={canvasRef}
            style={{ height: g.height, width: '100%' }}
            role="img"
            aria-label={t('compare.canvas', { label })}
            onWheel={onWheel}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
          />
        </div>
      )}
    </figure>
  );
}

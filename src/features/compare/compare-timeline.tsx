import { scaleLinear } from 'd3-scale';
import { useLayoutEffect, useRef } from 'react';
import { describe } from '../../i18n/describe';
import { configProblemText } from '../../i18n/facts';
import { useLang, useT } from '../../i18n/use-t';
import type { Trace } from '../../sim/trace/types';
import type { Theme } from '../../store/lab-state';
import { drawTimeline } from '../timeline/draw';
import { laneGeometry, type LaneGeometry } from '../timeline/geometry';
import { layoutFor } from '../timeline/layout';
import { PALETTES } from '../timeline/palette';
import { useElementWidth } from '../timeline/use-element-width';

/** Shorter lanes than the main timeline, so two runs fit one above the other. */
function compactGeometry(width: number, fontSize: number): LaneGeometry {
  const g = laneGeometry(width, fontSize, Math.round(fontSize * (5.5 * 3 + 3)));
  return { ...g, plotRight: Math.max(g.plotLeft + 10, width - 14) };
}

/** One run of the comparison drawn with the main timeline's renderer; both share the time axis `endT`. */
export function CompareTimeline({ trace, cursor, endT, theme, label, id }: { trace: Trace; cursor: number; endT: number; theme: Theme; label: string; id: string }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const palette = PALETTES[theme];
  const t = useT();
  const lang = useLang();
  const g = compactGeometry(width, palette.fontSize);


  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(g.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const x = scaleLinear().domain([0, Math.max(1, endT)]).range([g.plotLeft, g.plotRight]);
    drawTimeline({ ctx, width, g, x, layout: layoutFor(trace), cursor, palette, hoverArrow: -1, hoverMark: -1, lang });
  }, [trace, cursor, endT, width, g, palette, lang]);

  const ev = trace.events[cursor];
  return (
    <figure className="compare-run" aria-labelledby={`${id}-label`}>
      <figcaption id={`${id}-label`} className="compare-run-label">
        {label}
      </figcaption>
      {trace.configError ? (
        <p className="compare-config-error" role="note">
          {t('compare.refuses', { error: configProblemText(lang, trace.configError) })}
        </p>
      ) : (
        <div ref={wrapRef} className="compare-canvas-wrap">
          <canvas ref={canvasRef} style={{ height: g.height, width: '100%' }} role="img" aria-label={t('compare.canvas', { label })} />
        </div>
      )}
      <p className="compare-run-event">
        <span className="narration-meta">
          {t('compare.event', { k: Math.min(cursor + 1, trace.events.length), n: trace.events.length, t: ev?.t ?? 0 })}
        </span>{' '}
        {ev ? describe(ev, lang) : t('compare.noEvents')}
      </p>
    </figure>
  );
}

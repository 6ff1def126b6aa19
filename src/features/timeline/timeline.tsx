import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { describe } from '../../i18n/describe';
import { useLang, useT } from '../../i18n/use-t';
import { useLab } from '../../store/lab-store-context';
import { drawMinimap, drawTimeline } from './draw';
import { laneGeometry } from './geometry';
import { arrowMidpoint, buildHitIndex, hitAt, type Hit } from './hit-test';
import { layoutFor } from './layout';
import { PALETTES } from './palette';
import { selectQuestionOpen } from '../../store/derived';
import { InFlightList } from './in-flight-list';
import { ZOOM_BUTTONS_HEIGHT, ZoomButtons } from './zoom-buttons';
import { zoomController } from './zoom-controller';
import { EventMirror } from './event-mirror';
import { TimelineTooltip } from './timeline-tooltip';
import { useElementSize } from './use-element-width';
import type { LabelBox } from './labels';
import { useStepMotion } from '../motion/use-step-motion';
import { useConsumerFold } from './consumer-fold';
import { shownSlots } from './consumer-lanes';
import { foldTxnSlots, isTxnSlot } from './txn-lanes';
import { useTxnFold } from './txn-fold';

const MINIMAP_HEIGHT = 36;
/** The plot width (px) at which a whole run reads well at Fit; narrower plots open zoomed to this scale. */
const READABLE_PLOT_PX = 900;

/** The canvas timeline: lanes over virtual time, zoomable, culled to the window, hit-tested with a quadtree. */
export function Timeline() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const theme = useLab((s) => s.theme);
  const setCursor = useLab((s) => s.setCursor);
  const openFork = useLab((s) => s.openFork);
  const menuOpen = useLab((s) => s.forkTarget !== null);
  const layout = layoutFor(trace);
  const t = useT();
  const lang = useLang();
  const questionOpen = useLab(selectQuestionOpen);
  // While a lesson question is open the future is not drawn at all, not even faded.
  const palette = useMemo(() => (questionOpen ? { ...PALETTES[theme], futureAlpha: 0 } : PALETTES[theme]), [questionOpen, theme]);
  const wrapRef = useRef<HTMLDivElement>(null);
  const { width, height: boxHeight } = useElementSize(wrapRef);
  const showMinimap = layout.times.length > 150;
  // The lanes share the height the stage leaves them (less the overview strip, when there is one).
  const canvasHeight = boxHeight > 0 ? boxHeight - (showMinimap ? MINIMAP_HEIGHT + 4 : 0) : 0;
  // The consumer side's lanes, when the run has them and they are not folded away; with replication, one per broker.
  const folded = useConsumerFold((s) => s.folded);
  // A transactional run's partitions may be folded onto one lane.
  const partitionsFolded = useTxnFold((s) => s.folded);
  const { slots, alias } = useMemo(() => {
    if (layout.slots.length <= 3) return { slots: undefined, alias: undefined };
    if (partitionsFolded && layout.slots.some(isTxnSlot)) return foldTxnSlots(layout.slots);
    return { slots: shownSlots(layout.slots, folded), alias: undefined };
  }, [layout.slots, folded, partitionsFolded]);
  const lanes = slots?.length ?? 3;
  const g = useMemo(() => {
    const geo = laneGeometry(width, palette.fontSize, canvasHeight, slots);
    return alias ? { ...geo, alias } : geo;
  }, [width, palette.fontSize, canvasHeight, slots, alias]);
  const base = useMemo(() => scaleLinear().domain([0, Math.max(1, layout.endT)]).range([g.plotLeft, g.plotRight]), [layout.endT, g]);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const miniRef = useRef<HTMLCanvasElement>(null);
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const hitRef = useRef<{ key: string; index: ReturnType<typeof buildHitIndex> } | null>(null);
  const [hover, setHover] = useState<{ hit: Hit; x: number; y: number } | null>(null);
  const [focused, setFocused] = useState(false);
  const labelsRef = useRef<LabelBox[]>([]);

  // Everything the imperative drawing needs, refreshed after each render.
  const latest = useRef({ layout, cursor, palette, g, base, width, hover, showMinimap, lang });
  useLayoutEffect(() => {
    latest.current = { layout, cursor, palette, g, base, width, hover, showMinimap, lang };
  });

  const xScale = useCallback(() => transformRef.current.rescaleX(latest.current.base), []);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const { layout: l, cursor: c, palette: p, g: geo, width: w, hover: h, showMinimap: mini, lang: language } = latest.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const pw = Math.round(w * dpr);
    const ph = Math.round(geo.height * dpr);
    if (canvas.width !== pw || canvas.height !== ph) {
      canvas.width = pw;
      canvas.height = ph;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const x = xScale();
    labelsRef.current = drawTimeline({
      ctx,
      width: w,
      g: geo,
      x,
      layout: l,
      cursor: c,
      palette: p,
      hoverArrow: h?.hit.kind === 'arrow' ? h.hit.index : -1,
      hoverMark: h?.hit.kind === 'mark' ? h.hit.index : -1,
      lang: language,
    }).labels;
    const mc = miniRef.current;
    if (mini && mc) {
      const mctx = mc.getContext('2d');
      if (mctx) {
        if (mc.width !== pw || mc.height !== Math.round(MINIMAP_HEIGHT * dpr)) {
          mc.width = pw;
          mc.height = Math.round(MINIMAP_HEIGHT * dpr);
        }
        mctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        drawMinimap(mctx, w, MINIMAP_HEIGHT, l, c, p, [x.invert(geo.plotLeft), x.invert(geo.plotRight)]);
      }
    }
  }, [xScale]);


  // d3-zoom owns the canvas's pointer gestures (wheel, drag, pinch); React never renders into the canvas.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const z = d3zoom<HTMLCanvasElement, unknown>()
      .clickDistance(4)
      .on('zoom', (e: { transform: ZoomTransform }) => {
        transformRef.current = e.transform;
        hitRef.current = null;
        setHover((h) => (h ? null : h));
        draw();
      });
    zoomRef.current = z;
    const sel = select(canvas);
    sel.call(z).on('dblclick.zoom', null);
    return () => {
      sel.on('.zoom', null);
      zoomRef.current = null;
    };
  }, [draw]);

  // Constraints follow the size and the length of the run.
  useEffect(() => {
    const z = zoomRef.current;
    const canvas = canvasRef.current;
    if (!z || !canvas) return;
    const maxK = Math.max(4, layout.endT / 2);
    z.extent([
      [g.plotLeft, 0],
      [g.plotRight, g.height],
    ])
      .translateExtent([
        [g.plotLeft, 0],
        [g.plotRight, g.height],
      ])
      .scaleExtent([1, maxK]);
    // Re-apply the current transform under the new constraints.
    z.transform(select(canvas), transformRef.current);
  }, [g, layout.endT]);

  // On a narrow screen (a phone) a whole run at Fit is too crowded to read: a new run opens at the scale a plot of
  // READABLE_PLOT_PX would give it, at the cursor; the cursor stays in view as it moves, and Fit shows the whole run.
  const openedFor = useRef<unknown>(null);
  useEffect(() => {
    const z = zoomRef.current;
    const canvas = canvasRef.current;
    const plot = g.plotRight - g.plotLeft;
    if (!z || !canvas || boxHeight === 0 || plot <= 0 || openedFor.current === layout) return;
    openedFor.current = layout;
    if (plot * 2 >= READABLE_PLOT_PX) return;
    const k = READABLE_PLOT_PX / plot;
    const t = layout.times[cursor] ?? 0;
    z.transform(select(canvas), zoomIdentity.translate(g.plotLeft + plot * 0.25 - k * base(t), 0).scale(k));
    // Only a new run (or the first measured size) opens zoomed; the cursor's moves are followed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, g, base, boxHeight]);

  // Keep the cursor in view when it moves off-screen.
  const prevCursor = useRef(cursor);
  useLayoutEffect(() => {
    const moved = prevCursor.current !== cursor;
    prevCursor.current = cursor;
    const z = zoomRef.current;
    const canvas = canvasRef.current;
    const t = layout.times[cursor];
    if (moved && z && canvas && t !== undefined && transformRef.current.k > 1.001) {
      const px = xScale()(t);
      if (px < g.plotLeft || px > g.plotRight) {
        const k = transformRef.current.k;
        const tx = g.plotLeft + (g.plotRight - g.plotLeft) * 0.25 - k * base(t);
        z.transform(select(canvas), zoomIdentity.translate(tx, 0).scale(k));
        return;
      }
    }
    draw();
  }, [layout, cursor, palette, g, base, hover, showMinimap, lang, draw, xScale]);

  // A step forward animates its event in the overlay, over the drawing as it now is.
  const motionRef = useRef<HTMLDivElement>(null);
  useStepMotion(cursor, (m, ms) => {
    const layer = motionRef.current;
    const { layout: l, g: geo, palette: p, width: w } = latest.current;
    if (layer) m.playTimeline({ layer, event: trace.events[cursor], cursor, layout: l, x: xScale(), g: geo, width: w, labels: labelsRef.current, hideFuture: p.futureAlpha === 0, ms });
  });

  // Buttons, shortcuts, tests and the benchmark drive the zoom through this API.
  useEffect(() => {
    const api = {
      zoomBy(factor: number) {
        const z = zoomRef.current;
        if (z && canvasRef.current) z.scaleBy(select(canvasRef.current), factor);
      },
      fit() {
        const z = zoomRef.current;
        if (z && canvasRef.current) z.transform(select(canvasRef.current), zoomIdentity);
      },
      showWindow(t0: number, t1: number) {
        const z = zoomRef.current;
        const { base: b, g: geo, layout: l } = latest.current;
        if (!z || !canvasRef.current || t1 <= t0) return;
        const k = Math.max(1, Math.max(1, l.endT) / (t1 - t0));
        z.transform(select(canvasRef.current), zoomIdentity.translate(geo.plotLeft - k * b(t0), 0).scale(k));
      },
      arrowPoint(eventIndex: number, part: 'request' | 'response') {
        const { layout: l, g: geo } = latest.current;
        const idx = l.arrows.findIndex((a) => a.kind === part && (a.startEvent === eventIndex || a.endEvent === eventIndex));
        const canvas = canvasRef.current;
        if (idx < 0 || !canvas) return null;
        const mid = arrowMidpoint(l, idx, xScale(), geo);
        if (!mid) return null;
        const r = canvas.getBoundingClientRect();
        return { x: r.left + mid.x, y: r.top + mid.y };
      },
      labelBoxes() {
        const r = canvasRef.current?.getBoundingClientRect();
        if (!r) return [];
        return labelsRef.current.map((b) => ({ x: r.left + b.x, y: r.top + b.y - b.h / 2, w: b.w, h: b.h, text: b.text }));
      },
      visibleWindow(): [number, number] {
        const x = xScale();
        const { g: geo } = latest.current;
        return [x.invert(geo.plotLeft), x.invert(geo.plotRight)];
      },
      drawingArea() {
        const r = canvasRef.current?.getBoundingClientRect();
        const { g: geo } = latest.current;
        return r ? { left: r.left + geo.plotLeft - 2, top: r.top + geo.top, right: r.left + r.width, bottom: r.top + geo.axisY } : null;
      },
    };
    zoomController.register(api);
    return () => zoomController.register(null);
  }, [xScale]);

  const hitFromEvent = (e: { clientX: number; clientY: number }): { hit: Hit; x: number; y: number } | null => {
    const canvas = canvasRef.current;
    if (!canvas) return null;
    const r = canvas.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const t = transformRef.current;
    const key = `${t.k}:${t.x}:${width}:${palette.fontSize}`;
    if (!hitRef.current || hitRef.current.key !== key) hitRef.current = { key, index: buildHitIndex(layout, xScale(), g) };
    const hit = hitAt(hitRef.current.index, px, py, palette.fontSize);
    return hit ? { hit, x: px, y: py } : null;
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.buttons) return;
    const h = hitFromEvent(e);
    setHover((prev) => (prev?.hit.kind === h?.hit.kind && prev?.hit.index === h?.hit.index ? prev : h));
  };

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const h = hitFromEvent(e);
    if (!h) return;
    if (h.hit.kind === 'arrow') {
      const a = layout.arrows[h.hit.index]!;
      // A transactional run's requests have no fault menu: a click steps to where the arrow ends.
      if (a.label !== undefined) setCursor(a.endEvent >= 0 ? a.endEvent : a.startEvent);
      else openFork({ event: a.startEvent, part: a.kind, x: e.clientX, y: e.clientY });
    } else {
      const m = layout.marks[h.hit.index]!;
      setCursor(m.event);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (e.key !== 'Enter') return;
    const ai = layout.arrowOfEvent[cursor] ?? -1;
    if (ai < 0) return;
    const a = layout.arrows[ai]!;
    if (a.label !== undefined) return;
    const r = canvasRef.current?.getBoundingClientRect();
    const mid = arrowMidpoint(layout, ai, xScale(), g);
    e.preventDefault();
    openFork({ event: a.startEvent, part: a.kind, x: (r?.left ?? 0) + (mid?.x ?? 0), y: (r?.top ?? 0) + (mid?.y ?? 0) });
  };

  const onMinimap = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.type === 'pointermove' && !e.buttons) return;
    const r = e.currentTarget.getBoundingClientRect();
    const t = ((e.clientX - r.left) / r.width) * layout.endT;
    const x = xScale();
    const span = x.invert(g.plotRight) - x.invert(g.plotLeft);
    zoomController.get()?.showWindow(t - span / 2, t + span / 2);
  };

  const tooltip = menuOpen ? null : (hover ?? (focused && trace.events.length ? { hit: null, x: -1, y: -1 } : null));
  const currentEvent = trace.events[cursor];

  return (
    <>
      <div className="timeline-canvas-wrap" ref={wrapRef} data-lanes={lanes}>
        <canvas
          ref={canvasRef}
          className="timeline-canvas"
          style={{ height: g.height }}
          tabIndex={0}
          role="img"
          aria-label={t('timeline.canvas')}
          aria-describedby="timeline-mirror"
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
        <div
          ref={motionRef}
          className="motion-layer"
          aria-hidden="true"
          style={{ height: g.height, '--m-request': palette.request, '--m-response': palette.response, '--m-error': palette.error, '--m-ok': palette.ok, '--m-on': palette.bg, '--m-fs': `${Math.round(palette.fontSize * 1.05)}px` } as React.CSSProperties}
        />
        {tooltip && (
          <TimelineTooltip trace={trace} layout={layout} hit={tooltip.hit} cursor={cursor} x={tooltip.x} y={tooltip.y} width={width} xScale={xScale} g={g} />
        )}
        {/* In the corner of the time axis, right of its last tick: the drawing leaves that room for end labels. */}
        <ZoomButtons style={{ top: g.height - ZOOM_BUTTONS_HEIGHT - 5 }} />
        {showMinimap && (
          <canvas
            ref={miniRef}
            className="timeline-minimap"
            style={{ height: MINIMAP_HEIGHT, position: 'absolute', top: g.height + 4, left: 0 }}
            aria-hidden="true"
            onPointerDown={onMinimap}
            onPointerMove={onMinimap}
          />
        )}
      </div>
      <EventMirror event={currentEvent} index={cursor} total={trace.events.length} describe={(ev) => describe(ev, lang)} />
      {/* What is in flight, and how it will end, is for after the question. */}
      {!questionOpen && (
        <div className="timeline-foot">
          <InFlightList layout={layout} cursor={cursor} />
        </div>
      )}
    </>
  );
}

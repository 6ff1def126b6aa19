import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { describe } from '../../i18n/describe';
import { laneName } from '../../i18n/labels';
import type { Lang } from '../../i18n/lang';
import { useLang, useT } from '../../i18n/use-t';
import type { TraceEvent } from '../../sim/trace/types';
import { selectQuestionOpen } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { requestRefOf } from '../timeline/layout';

const OVERSCAN = 4;

export function eventLine(ev: TraceEvent, lang: Lang = 'en'): string {
  return `t=${ev.t} ms · ${laneName(ev.lane, lang)} · ${describe(ev, lang)}`;
}

function forkPart(ev: TraceEvent): 'request' | 'response' | 'both' | null {
  if (!requestRefOf(ev)) return null;
  if (ev.kind === 'broker.handled') return ev.noResponse ? 'request' : 'both';
  if (ev.kind === 'response.lost' || ev.kind === 'response.received') return 'response';
  return 'request';
}

/** The transcript: a windowed list (only visible rows exist in the DOM), synchronised with the cursor. */
export function EventList() {
  const events = useLab((s) => s.trace.events);
  const cursor = useLab((s) => s.cursor);
  const theme = useLab((s) => s.theme);
  const setCursor = useLab((s) => s.setCursor);
  const setPlaying = useLab((s) => s.setPlaying);
  const openFork = useLab((s) => s.openFork);
  const t = useT();
  const lang = useLang();
  // Room for two lines of text (a long description wraps rather than losing its end).
  const rowH = theme === 'projector' ? 64 : 46;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(400);
  // While a lesson question is open, the list stops at the cursor.
  const questionOpen = useLab(selectQuestionOpen);
  const n = questionOpen ? Math.min(events.length, cursor + 1) : events.length;

  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const h = entries[0]?.contentRect.height ?? 0;
      if (h > 0) setViewH(h);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the current event in view: the new scroll position is decided during render (so the right rows are
  // rendered in the same commit), then applied to the scroller before paint.
  const [followed, setFollowed] = useState(cursor);
  let top = scrollTop;
  if (followed !== cursor) {
    const rowTop = cursor * rowH;
    if (rowTop < scrollTop) top = rowTop;
    else if (rowTop + rowH > scrollTop + viewH) top = Math.max(0, rowTop + rowH - viewH);
    setFollowed(cursor);
    if (top !== scrollTop) setScrollTop(top);
  }
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && Math.abs(el.scrollTop - scrollTop) > 1) el.scrollTop = scrollTop;
  }, [scrollTop]);

  const first = Math.max(0, Math.floor(top / rowH) - OVERSCAN);
  const last = Math.min(n, Math.ceil((top + viewH) / rowH) + OVERSCAN);
  // The current row always exists in the DOM (even before a scroll lands), so aria-current is never lost.
  const indexes: number[] = [];
  if (cursor < first && cursor < n) indexes.push(cursor);
  for (let k = first; k < last; k++) indexes.push(k);
  if (cursor >= last && cursor < n) indexes.push(cursor);
  const rows = [];
  for (const k of indexes) {
    const ev = events[k]!;
    const current = k === cursor;
    rows.push(
      <li
        key={k}
        id={`event-${k}`}
        className={`event-row${current ? ' current' : ''}${k > cursor ? ' future' : ''}`}
        style={{ top: k * rowH, height: rowH }}
        aria-current={current ? 'step' : undefined}
        aria-posinset={k + 1}
        aria-setsize={n}
        title={eventLine(ev, lang)}
        onClick={() => {
          setPlaying(false);
          setCursor(k);
        }}
      >
        <span className="event-time">t={ev.t} ms</span> · <span className={`event-lane lane-${ev.lane}`}>{laneName(ev.lane, lang)}</span> · {describe(ev, lang)}
      </li>,
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewH / rowH) - 1);
    const move: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in move) {
      e.preventDefault();
      setPlaying(false);
      setCursor(cursor + move[e.key]!);
    } else if (e.key === 'Enter') {
      const ev = events[cursor];
      const part = ev ? forkPart(ev) : null;
      if (ev && part) {
        e.preventDefault();
        const r = scrollRef.current?.querySelector(`#event-${cursor}`)?.getBoundingClientRect();
        openFork({ event: cursor, part, x: (r?.left ?? 0) + 24, y: (r?.bottom ?? 0) + 2 });
      }
    }
  };

  return (
    <section className="panel event-list" aria-labelledby="event-list-title">
      <h2 id="event-list-title">{t('events.title')}</h2>
      <p className="hint" id="event-list-hint">
        {t('events.hint')}
      </p>
      <div
        className="event-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="group"
        aria-label={t('events.transcript')}
        aria-describedby="event-list-hint"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        {n === 0 ? (
          <p className="muted">{t('events.none')}</p>
        ) : (
          <ol className="event-rows" style={{ height: n * rowH }}>
            {rows}
          </ol>
        )}
      </div>
    </section>
  );
}

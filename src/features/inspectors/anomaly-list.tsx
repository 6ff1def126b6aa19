import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';

/** How many anomalies a verdict lists at first, and how many more each press of its button adds. */
export const ANOMALIES_FIRST = 20;
export const ANOMALIES_MORE = 100;

/**
 * A verdict's anomalies, the first ANOMALIES_FIRST of them, then a button for the next ANOMALIES_MORE. A long run may
 * have thousands: all of them on the page made every later frame of the timeline slower (each row is laid out,
 * observed and committed with the page), and nobody reads past the first ones without asking for more. After the
 * button, focus moves to the first anomaly it added. A new run starts again from the first ones.
 */
export function AnomalyList<T>({ items, label, lang, render }: { items: readonly T[]; label: string; lang: Lang; render: (item: T) => ReactNode }) {
  const t = translator(lang);
  const [view, setView] = useState({ items, shown: ANOMALIES_FIRST, focus: -1 });
  // A new list (another run) is shown from its start: reset while rendering, not in an effect that would paint first.
  const current = view.items === items ? view : { items, shown: ANOMALIES_FIRST, focus: -1 };
  if (current !== view) setView(current);
  const list = useRef<HTMLUListElement>(null);
  useLayoutEffect(() => {
    if (current.focus < 0) return;
    list.current?.children[current.focus]?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
  }, [current.focus]);
  const shown = Math.min(current.shown, items.length);
  const left = items.length - shown;
  const more = Math.min(ANOMALIES_MORE, left);
  return (
    <>
      <ul ref={list} className="anomalies" aria-label={label}>
        {items.slice(0, shown).map((a, k) => (
          <li key={k}>{render(a)}</li>
        ))}
      </ul>
      {left > 0 && (
        <p className="anomalies-more">
          <button type="button" className="small" onClick={() => setView({ items, shown: shown + more, focus: shown })}>
            {t('outcome.more', { n: more, left, total: items.length })}
          </button>
        </p>
      )}
    </>
  );
}

/**
 * One anomaly, as every verdict lists it: a button that goes to its first witness event (disabled without one),
 * described by the sentence that explains it, and, where a verdict names them, a button for each witness.
 */
export function AnomalyRow({
  events,
  label,
  text,
  onGoTo,
  witnesses,
}: {
  events: readonly number[];
  label: string;
  text: string;
  onGoTo: (event: number) => void;
  /** The words before the witnesses' buttons, and each button's text. */
  witnesses?: { label: string; step: (event: number) => string };
}) {
  const id = useId();
  const first = events[0];
  return (
    <>
      <button type="button" disabled={first === undefined} aria-describedby={id} onClick={() => first !== undefined && onGoTo(first)}>
        {label}
      </button>
      <p id={id} className="anomaly-text">
        {text}
      </p>
      {witnesses && events.length > 1 && (
        <p className="witnesses">
          {witnesses.label}{' '}
          {events.map((ev) => (
            <button key={ev} type="button" className="small" onClick={() => onGoTo(ev)}>
              {witnesses.step(ev)}
            </button>
          ))}
        </p>
      )}
    </>
  );
}

import { useState, type SyntheticEvent } from 'react';
import type { MessageKey } from '../../i18n/t';
import { useT } from '../../i18n/use-t';
import { ABORTED_ICON, BADGE_ICON } from './labels';

type Sample = { line: 'request' | 'response'; dash?: string; end?: 'cross' | 'socket' } | { badge: 'badge' | 'recognised' | 'duplicate' | 'error' | 'commit' | 'abort' | 'aborted' };

const ITEMS: readonly [Sample, MessageKey][] = [
  [{ line: 'request' }, 'legend.request'],
  [{ line: 'response' }, 'legend.response'],
  [{ line: 'request', dash: '10 4 2 4' }, 'legend.retry2'],
  [{ line: 'request', dash: '2 4' }, 'legend.retry3'],
  [{ line: 'request', dash: '9 6' }, 'legend.delayed'],
  [{ line: 'response', end: 'cross' }, 'legend.lost'],
  [{ line: 'response', end: 'socket' }, 'legend.dead'],
  [{ badge: 'badge' }, 'legend.appended'],
  [{ badge: 'recognised' }, 'legend.recognised'],
  [{ badge: 'duplicate' }, 'legend.duplicate'],
  [{ badge: 'error' }, 'legend.error'],
];

/** A transactional run's legend: no retries or delays of the producer's own, but markers and aborted records. */
const TXN_ITEMS: readonly [Sample, MessageKey][] = [
  [{ line: 'request' }, 'legend.request'],
  [{ line: 'response' }, 'legend.response'],
  [{ line: 'response', end: 'cross' }, 'legend.lost'],
  [{ badge: 'badge' }, 'legend.appended'],
  [{ badge: 'recognised' }, 'legend.recognised'],
  [{ badge: 'commit' }, 'legend.txn.commit'],
  [{ badge: 'abort' }, 'legend.txn.abort'],
  [{ badge: 'aborted' }, 'legend.txn.aborted'],
  [{ badge: 'error' }, 'legend.error'],
];

function LineSample({ s }: { s: Extract<Sample, { line: string }> }) {
  return (
    <svg className={`legend-line legend-${s.line}`} width="44" height="16" viewBox="0 0 44 16" aria-hidden="true">
      <line x1="2" y1="8" x2={s.end ? 32 : 40} y2="8" strokeDasharray={s.dash} />
      {!s.end && <path d="M42 8 L34 4 L34 12 Z" />}
      {s.end === 'cross' && <path className="legend-bad" d="M30 2 L42 14 M42 2 L30 14" />}
      {s.end === 'socket' && <path className="legend-bad" d="M42 8 A6 6 0 1 1 30 8 A6 6 0 1 1 42 8 M32 12 L40 4" />}
    </svg>
  );
}

/** What the timeline's line styles and marks mean, in words (the canvas never relies on colour alone). */
export function Legend({ txn = false }: { txn?: boolean }) {
  const t = useT();
  // The panel opens leftwards from the button; where the button sits near the left edge (the stage bar wraps on a
  // narrower screen), it opens rightwards instead, so that none of it is off the page.
  const [alignLeft, setAlignLeft] = useState(false);
  const onToggle = (e: SyntheticEvent<HTMLDetailsElement>) => {
    const details = e.currentTarget;
    if (!details.open) return;
    const panel = details.querySelector('.legend-panel');
    setAlignLeft(details.getBoundingClientRect().right - (panel?.getBoundingClientRect().width ?? 0) < 8);
  };
  return (
    <details className="legend" data-align={alignLeft ? 'left' : undefined} onToggle={onToggle}>
      <summary>{t('legend.title')}</summary>
      <ul className="legend-panel">
        {(txn ? TXN_ITEMS : ITEMS).map(([s, key]) => (
          <li key={key}>
            {'line' in s ? (
              <LineSample s={s} />
            ) : (
              <span className={`legend-badge legend-badge-${s.badge}`} aria-hidden="true">
                {s.badge === 'aborted' ? ABORTED_ICON : s.badge === 'commit' || s.badge === 'abort' ? '' : (BADGE_ICON[s.badge] ?? '')}
                {s.badge === 'commit' ? '◆ COMMIT' : s.badge === 'abort' ? '⊘ ABORT' : '@1'}
              </span>
            )}
            <span>{t(key)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

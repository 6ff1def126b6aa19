import { useLab } from '../../store/lab-store-context';
import { arrowLabel, inFlightAt, type TimelineLayout } from './layout';
import { useLang, useT } from '../../i18n/use-t';

/** Keyboard route to the arrows: what is in flight at the cursor, each opening the fault menu. */
export function InFlightList({ layout, cursor }: { layout: TimelineLayout; cursor: number }) {
  const openFork = useLab((s) => s.openFork);
  const setCursor = useLab((s) => s.setCursor);
  const items = inFlightAt(layout, cursor);
  const t = useT();
  const lang = useLang();
  return (
    <div className="in-flight">
      <h3 id="in-flight-title" className="in-flight-title">
        {t('inflight.title')}
      </h3>
      {items.length === 0 ? (
        <p className="muted">{t('inflight.none')}</p>
      ) : (
        <ul aria-labelledby="in-flight-title" className="chip-list">
          {items.map(({ arrow, part }) => {
            const a = layout.arrows[arrow]!;
            const fate = a.end === 'lost' ? t('inflight.lost') : a.end === 'dead-socket' ? t('inflight.deadSocket') : '';
            return (
              <li key={`${part}-${arrow}`}>
                <button
                  type="button"
                  className="chip"
                  aria-haspopup={a.label === undefined ? 'menu' : undefined}
                  onClick={(e) => {
                    // A transactional run's requests have no fault menu: the chip steps to where the arrow ends.
                    if (a.label !== undefined) return setCursor(a.endEvent >= 0 ? a.endEvent : a.startEvent);
                    const r = e.currentTarget.getBoundingClientRect();
                    openFork({ event: a.startEvent, part, x: r.left, y: r.bottom + 4 });
                  }}
                >
                  {t(part === 'request' ? 'inflight.request' : 'inflight.response', { label: arrowLabel(a, lang) })}
                  {fate}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

import { useLab } from '../../store/lab-store-context';
import { inFlightAt, type TimelineLayout } from './layout';

/** Keyboard route to the arrows: what is in flight at the cursor, each opening the fault menu. */
export function InFlightList({ layout, cursor }: { layout: TimelineLayout; cursor: number }) {
  const openFork = useLab((s) => s.openFork);
  const items = inFlightAt(layout, cursor);
  return (
    <div className="in-flight">
      <h3 id="in-flight-title" className="in-flight-title">
        At this step
      </h3>
      {items.length === 0 ? (
        <p className="muted">Nothing in flight.</p>
      ) : (
        <ul aria-labelledby="in-flight-title" className="chip-list">
          {items.map(({ arrow, part }) => {
            const a = layout.arrows[arrow]!;
            const fate = a.end === 'lost' ? ' (lost)' : a.end === 'dead-socket' ? ' (dead socket)' : '';
            return (
              <li key={`${part}-${arrow}`}>
                <button
                  type="button"
                  className="chip"
                  aria-haspopup="menu"
                  onClick={(e) => {
                    const r = e.currentTarget.getBoundingClientRect();
                    openFork({ event: a.startEvent, part, x: r.left, y: r.bottom + 4 });
                  }}
                >
                  {part === 'request' ? 'Request' : 'Response'} {a.label}
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

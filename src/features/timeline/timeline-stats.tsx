import { plural, t } from '../../i18n/t';
import { useLang } from '../../i18n/use-t';
import type { TimelineStats } from './layout';

/**
 * A line of counts above the canvas, so the story is readable without decoding the drawing. Where the stage bar
 * leaves it two short lines (a projector at 1280×720), what is cut is whole counts from the end, never half of one:
 * so the counts the lessons are about come first (duplicates discarded, retries, losses), the totals last. The
 * counts are set apart by space, not by a separator that a wrapped line would leave dangling at its end; screen
 * readers hear them separated (the catalogue's list separator, hidden), and whole.
 */
export function TimelineStatsLine({ stats, events }: { stats: TimelineStats; events: number }) {
  const lang = useLang();
  const counts = [
    plural(lang, 'stats.dupes', stats.duplicatesDiscarded),
    plural(lang, 'stats.retries', stats.retries),
    plural(lang, 'stats.lostRequests', stats.lostRequests),
    plural(lang, 'stats.lostResponses', stats.lostResponses),
    plural(lang, 'stats.requests', stats.requests),
    plural(lang, 'stats.events', events),
  ];
  return (
    <p className="timeline-stats">
      {counts.map((c, k) => (
        <span key={k} className="timeline-stat">
          {c}
          {k < counts.length - 1 && <span className="visually-hidden">{t(lang, 'fmt.listSep')}</span>}
        </span>
      ))}
    </p>
  );
}

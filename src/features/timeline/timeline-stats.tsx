import { Fragment } from 'react';
import { plural } from '../../i18n/t';
import { useLang } from '../../i18n/use-t';
import type { TimelineStats } from './layout';

/**
 * A line of counts above the canvas, so the story is readable without decoding the drawing. Where the stage bar
 * leaves it two short lines (a projector at 1280×720), what is cut is whole counts from the end, never half of one:
 * so the counts the lessons are about come first (duplicates discarded, retries, losses), the totals last. The
 * words stay whole for screen readers.
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
        <Fragment key={k}>
          {k > 0 && ' · '}
          <span className="timeline-stat">{c}</span>
        </Fragment>
      ))}
    </p>
  );
}

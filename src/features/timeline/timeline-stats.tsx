import { plural } from '../../i18n/t';
import { useLang } from '../../i18n/use-t';
import type { TimelineStats } from './layout';

/** One line of counts above the canvas, so the story is readable without decoding the drawing. */
export function TimelineStatsLine({ stats, events }: { stats: TimelineStats; events: number }) {
  const lang = useLang();
  const p = (base: string, n: number) => plural(lang, base, n);
  return (
    <p className="timeline-stats">
      {p('stats.events', events)} · {p('stats.requests', stats.requests)} · {p('stats.retries', stats.retries)} · {p('stats.lostRequests', stats.lostRequests)} ·{' '}
      {p('stats.lostResponses', stats.lostResponses)} · {p('stats.dupes', stats.duplicatesDiscarded)}
    </p>
  );
}

import type { TimelineStats } from './layout';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line of counts above the canvas, so the story is readable without decoding the drawing. */
export function TimelineStatsLine({ stats, events }: { stats: TimelineStats; events: number }) {
  return (
    <p className="timeline-stats">
      {plural(events, 'event', 'events')} · {plural(stats.requests, 'request', 'requests')} · {plural(stats.retries, 'retry', 'retries')} ·{' '}
      {plural(stats.lostRequests, 'lost request', 'lost requests')} · {plural(stats.lostResponses, 'lost response', 'lost responses')} ·{' '}
      {plural(stats.duplicatesDiscarded, 'duplicate discarded', 'duplicates discarded')}
    </p>
  );
}

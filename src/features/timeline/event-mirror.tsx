import { laneName } from '../../i18n/labels';
import { useLang, useT } from '../../i18n/use-t';
import type { TraceEvent } from '../../sim/trace/types';

/** The current event in words, for screen readers (the canvas itself is only a picture). */
export function EventMirror({ event, index, total, describe }: { event: TraceEvent | undefined; index: number; total: number; describe: (ev: TraceEvent) => string }) {
  const t = useT();
  const lang = useLang();
  return (
    <p id="timeline-mirror" className="visually-hidden" aria-live="polite" aria-atomic="true">
      {event ? t('timeline.mirror', { k: index + 1, n: total, t: event.t, lane: laneName(event.lane, lang), text: describe(event) }) : t('timeline.mirrorEmpty')}
    </p>
  );
}

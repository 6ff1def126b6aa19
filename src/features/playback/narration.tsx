import { describe } from '../../i18n/describe';
import { laneName } from '../../i18n/labels';
import { useLang, useT } from '../../i18n/use-t';
import { selectQuestionOpen } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';

/** The current event in one plain sentence. */
export function Narration() {
  const ev = useLab((s) => s.trace.events[s.cursor]);
  const count = useLab((s) => s.trace.events.length);
  const cursor = useLab((s) => s.cursor);
  const questionOpen = useLab(selectQuestionOpen);
  const t = useT();
  const lang = useLang();
  return (
    // While a question waits the narration only points at it: it stays for screen readers, off the stage.
    <p className={questionOpen ? 'narration visually-hidden' : 'narration'} data-step={cursor}>
      {ev ? (
        <>
          <span className="narration-meta">{t('narration.meta', { k: cursor + 1, n: count, t: ev.t, lane: laneName(ev.lane, lang) })}</span>{' '}
          <span className="narration-text">{questionOpen ? t('narration.question') : describe(ev, lang)}</span>
        </>
      ) : (
        <span className="narration-text">{t('narration.empty')}</span>
      )}
    </p>
  );
}

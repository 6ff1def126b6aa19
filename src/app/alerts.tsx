import { useEffect, useState } from 'react';
import { useLab } from '../store/lab-store-context';
import { configProblemText } from '../i18n/facts';
import { noticeText } from '../i18n/notices';
import { formatNumber } from '../i18n/t';
import { useLang, useT } from '../i18n/use-t';
import { PendingLink } from './pending-link';
import { SavedStateNotice } from './saved-state-notice';

/** Problems the student must see: refused configuration, a crashed run, unusable saved state. */
export function Alerts() {
  const configError = useLab((s) => s.trace.configError);
  const runError = useLab((s) => s.runError);
  const truncated = useLab((s) => s.trace.truncated);
  const eventCount = useLab((s) => s.trace.events.length);
  const notices = useLab((s) => s.notices);
  const lang = useLang();
  const t = useT();
  const dismissNotice = useLab((s) => s.dismissNotice);
  const runStatus = useLab((s) => s.runStatus);
  return (
    <>
      <RunProgress />
      <SavedStateNotice />
      <PendingLink />
      {runStatus.kind === 'error' && (
        <div className="alert" role="alert">
          {t('alert.runFailed', { message: runStatus.message })}
        </div>
      )}
      {configError && (
        <div className="alert" role="alert">
          <strong>{t('alert.configRefused')}</strong> {configProblemText(lang, configError)}
        </div>
      )}
      {runError && (
        <div className="alert" role="alert">
          <strong>{t('alert.runError')}</strong> {runError}
        </div>
      )}
      {truncated && (
        <div className="alert info" role="status">
          {t('alert.truncated', { n: formatNumber(lang, eventCount) })}
        </div>
      )}
      {notices.length > 0 && (
        <div className="alert notice" role="alert">
          <span>{noticeText(notices, lang)}</span>
          <button type="button" className="small" onClick={dismissNotice}>
            {t('alert.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}

/** A run shows its progress only once it takes longer than this: most runs are done before anyone would notice. */
export const PROGRESS_AFTER_MS = 300;

/** While a long run is computed: how long it has taken so far, and a button that stops it. */
function RunProgress() {
  const status = useLab((s) => s.runStatus);
  const cancelRun = useLab((s) => s.cancelRun);
  const t = useT();
  const lang = useLang();
  const since = status.kind === 'running' ? status.since : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, PROGRESS_AFTER_MS);
    // Whole seconds, so that a screen reader is not told the time ten times a second.
    const every = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [since]);
  if (since === null || now - since < PROGRESS_AFTER_MS) return null;
  return (
    <div className="alert info run-progress" role="status">
      <span>{t('run.running', { s: formatNumber(lang, Math.round((now - since) / 100) / 10) })}</span>
      <button type="button" className="small" onClick={cancelRun}>
        {t('run.cancel')}
      </button>
    </div>
  );
}

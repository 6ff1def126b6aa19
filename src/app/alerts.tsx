import { useLab } from '../store/lab-store-context';
import { configProblemText } from '../i18n/facts';
import { noticeText } from '../i18n/notices';
import { formatNumber } from '../i18n/t';
import { useLang, useT } from '../i18n/use-t';

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
  return (
    <>
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

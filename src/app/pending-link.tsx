import { keepWork, openLink } from '../features/share/open-share-link';
import { scenarioName } from '../i18n/localize';
import { useLang, useT } from '../i18n/use-t';
import { useLab, useLabStore } from '../store/lab-store-context';

/** A share link opened over the user's own work waits here until the user opens it or keeps the work. */
export function PendingLink() {
  const store = useLabStore();
  const link = useLab((s) => s.pendingLink);
  const presetId = useLab((s) => s.presetId);
  const current = useLab((s) => s.scenario.name);
  const t = useT();
  const lang = useLang();
  if (!link) return null;
  return (
    <div className="alert info pending-link" role="alert">
      <span>
        {t('link.pending', { name: scenarioName(link.presetId, link.scenario.name, lang), current: scenarioName(presetId, current, lang) })}
      </span>
      <span className="pending-link-actions">
        <button type="button" className="small primary" onClick={() => openLink(store, link)}>
          {t('link.open')}
        </button>
        <button type="button" className="small" onClick={() => keepWork(store)}>
          {t('link.keep')}
        </button>
      </span>
    </div>
  );
}

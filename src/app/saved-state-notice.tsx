import { downloadText } from '../features/export/download';
import { heldSaveText } from '../i18n/notices';
import { useLang, useT } from '../i18n/use-t';
import { useLab } from '../store/lab-store-context';

/** The file name an exported save is downloaded under. */
export const HELD_SAVE_FILE = 'exactly-once-lab-saved-state.json';

/**
 * A save the lab could not restore whole: what happened to it, and the user's two choices. Until one is made the
 * save stays in storage exactly as it was; there is no "dismiss", so it cannot be lost by accident.
 */
export function SavedStateNotice() {
  const held = useLab((s) => s.heldSave);
  const release = useLab((s) => s.releaseHeldSave);
  const lang = useLang();
  const t = useT();
  if (!held) return null;
  const exportSave = () => {
    downloadText(held.text, HELD_SAVE_FILE, 'application/json');
    release();
  };
  return (
    <div className="alert notice" role="alert" aria-label={t('notice.savedLabel')}>
      <span>{heldSaveText(held, lang)}</span>
      <button type="button" className="small" onClick={exportSave}>
        {t('notice.savedExport')}
      </button>
      <button type="button" className="small" onClick={release}>
        {t('notice.savedDiscard')}
      </button>
    </div>
  );
}

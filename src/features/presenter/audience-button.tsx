import { setViewMode, urlForMode, viewMode } from '../../app/view-mode';
import { useT } from '../../i18n/use-t';
import { useLabStore } from '../../store/lab-store-context';
import type { LabStore } from '../../store/create-lab-store';

/** The audience window's name: opening it again brings the same window back instead of a second one. */
export const AUDIENCE_WINDOW = 'exactly-once-lab-audience';

let hosting: Promise<unknown> | null = null;

/** Starts sending this window's state to audience windows (once), loading the sync code only now. */
export function startHosting(store: LabStore): Promise<unknown> {
  hosting ??= import('../audience/sync').then((m) => m.startHost(store));
  return hosting;
}

/**
 * Opens the audience window: the stage only, for the projector, following this window (which keeps the controls,
 * the answers and the speaker notes). This window's address says it is the presenter's, so a reload keeps it so.
 */
export function AudienceButton() {
  const store = useLabStore();
  const t = useT();
  const open = () => {
    // Opened first, within the click: a window opened after an await may be taken for a pop-up.
    window.open(urlForMode(window.location.href, 'audience'), AUDIENCE_WINDOW);
    if (viewMode() !== 'presenter') {
      setViewMode('presenter');
      try {
        window.history.replaceState(window.history.state, '', urlForMode(window.location.href, 'presenter') + window.location.hash);
      } catch {
        // Some contexts forbid history changes: only a reload forgets the role then.
      }
    }
    void startHosting(store);
  };
  return (
    // The header stays on one row at 1280 px: the visible words are short, the name says what the button does.
    <button type="button" className="audience-button" onClick={open} aria-label={t('audience.open')} title={t('audience.openTitle')}>
      {t('audience.button')}
    </button>
  );
}

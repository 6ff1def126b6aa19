import { useEffect, useRef } from 'react';
import type { Theme } from '../../store/lab-state';
import { useT } from '../../i18n/use-t';
import { useLab, useLabStore } from '../../store/lab-store-context';

/** Full screen where the browser allows it; a refusal (no gesture, iframe, unsupported) is not an error. */
function enterFullscreen() {
  const el = document.documentElement;
  try {
    const p = typeof el.requestFullscreen === 'function' ? el.requestFullscreen() : undefined;
    if (p && typeof p.catch === 'function') p.catch(() => undefined);
  } catch {
    // Not available here: presenter mode works without it.
  }
}

function leaveFullscreen() {
  try {
    if (document.fullscreenElement && typeof document.exitFullscreen === 'function') document.exitFullscreen().catch(() => undefined);
  } catch {
    // Nothing to leave.
  }
}

/**
 * Presenter mode: full screen, the projector theme, clicker keys (Page Down / Page Up, and the arrows) step the
 * lesson, and the settings column is hidden. Leaving restores the previous theme.
 */
export function PresenterButton() {
  const store = useLabStore();
  const presenter = useLab((s) => s.presenter);
  const t = useT();
  const themeBefore = useRef<Theme | null>(null);
  useEffect(() => {
    if (presenter) document.documentElement.dataset.presenter = 'true';
    else delete document.documentElement.dataset.presenter;
  }, [presenter]);
  const toggle = () => {
    const s = store.getState();
    if (!s.presenter) {
      themeBefore.current = s.theme;
      s.setTheme('projector');
      s.setPresenter(true);
      enterFullscreen();
    } else {
      s.setPresenter(false);
      if (themeBefore.current) s.setTheme(themeBefore.current);
      themeBefore.current = null;
      leaveFullscreen();
    }
  };
  return (
    <button type="button" className="presenter-button" aria-pressed={presenter} onClick={toggle}>
      {t('header.presenter')}
    </button>
  );
}

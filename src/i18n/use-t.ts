import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useLab } from '../store/lab-store-context';
import { isLanguageLoaded, loadLanguage, subscribeLanguages, type Lang } from './lang';
import { translator, type Translate } from './t';

/**
 * The language the lab speaks now: the chosen one once its words have loaded (they load on first use), English
 * until then. Components (and the canvas, which draws with it) re-render when it changes.
 */
export function useLang(): Lang {
  const chosen = useLab((s) => s.language);
  const ready = useSyncExternalStore(subscribeLanguages, () => isLanguageLoaded(chosen), () => isLanguageLoaded(chosen));
  useEffect(() => {
    if (!ready) void loadLanguage(chosen);
  }, [chosen, ready]);
  return ready ? chosen : 'en';
}

/** The translator for the lab's current language; components re-render when it changes. */
export function useT(): Translate {
  const lang = useLang();
  return useMemo(() => translator(lang), [lang]);
}

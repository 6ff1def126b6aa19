import { useMemo } from 'react';
import { useLab } from '../store/lab-store-context';
import type { Lang } from './lang';
import { translator, type Translate } from './t';

export function useLang(): Lang {
  return useLab((s) => s.language);
}

/** The translator for the lab's current language; components re-render when it changes. */
export function useT(): Translate {
  const lang = useLang();
  return useMemo(() => translator(lang), [lang]);
}

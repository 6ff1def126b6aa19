import { useEffect } from 'react';
import { HTML_LANG } from '../i18n/lang';
import { useLang, useT } from '../i18n/use-t';
import type { MessageKey } from '../i18n/t';
import { useLab } from '../store/lab-store-context';

/** The page follows the lab: its theme on the root element, its language in `<html lang>`, and its title. */
export function useDocument(titleKey: MessageKey): void {
  const theme = useLab((s) => s.theme);
  const language = useLang();
  const t = useT();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[language];
    document.title = t(titleKey);
  }, [language, t, titleKey]);
}

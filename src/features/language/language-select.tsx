import { LANGUAGES } from '../../i18n/languages';
import type { Lang } from '../../i18n/lang';
import { useT } from '../../i18n/use-t';
import { useLab } from '../../store/lab-store-context';

/** The lab's languages, each named in itself, switched at once; the label is bilingual so either reader can find it. */
export function LanguageSelect() {
  const language = useLab((s) => s.language);
  const setLanguage = useLab((s) => s.setLanguage);
  const t = useT();
  return (
    <div className="field inline language-field">
      <label htmlFor="language-select">{t('language.label')}</label>
      <select id="language-select" value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.htmlLang}>
            {l.endonym}
          </option>
        ))}
      </select>
    </div>
  );
}

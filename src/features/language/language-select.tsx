import { LANGS, type Lang } from '../../i18n/lang';
import { useT } from '../../i18n/use-t';
import { useLab } from '../../store/lab-store-context';

/** English or Simplified Chinese, switched at once; the label is bilingual so either reader can find it. */
export function LanguageSelect() {
  const language = useLab((s) => s.language);
  const setLanguage = useLab((s) => s.setLanguage);
  const t = useT();
  return (
    <div className="field inline language-field">
      <label htmlFor="language-select">{t('language.label')}</label>
      <select id="language-select" value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l === 'zh' ? 'zh-Hans' : 'en'}>
            {t(l === 'zh' ? 'language.zh' : 'language.en')}
          </option>
        ))}
      </select>
    </div>
  );
}

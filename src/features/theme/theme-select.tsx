import type { Theme } from '../../store/lab-state';
import { THEMES } from '../../store/lab-state';
import { useT } from '../../i18n/use-t';
import { useLab } from '../../store/lab-store-context';

export function ThemeSelect() {
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  const t = useT();
  return (
    <div className="field inline theme-field">
      <label htmlFor="theme-select">{t('theme.label')}</label>
      <select id="theme-select" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        {THEMES.map((th) => (
          <option key={th} value={th} title={th === 'projector' ? t('theme.projectorHint') : undefined}>
            {t(`theme.${th}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

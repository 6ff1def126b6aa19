import type { Theme } from '../../store/lab-state';
import { useLab } from '../../store/lab-store-context';

const NAMES: Record<Theme, string> = { light: 'Light', dark: 'Dark', projector: 'Projector (large, high contrast)' };

export function ThemeSelect() {
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  return (
    <div className="field inline">
      <label htmlFor="theme-select">Theme</label>
      <select id="theme-select" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        {(Object.keys(NAMES) as Theme[]).map((t) => (
          <option key={t} value={t}>
            {NAMES[t]}
          </option>
        ))}
      </select>
    </div>
  );
}

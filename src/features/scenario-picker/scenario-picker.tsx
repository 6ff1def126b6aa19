import { scenarioName } from '../../i18n/localize';
import { useLang, useT } from '../../i18n/use-t';
import { PRESETS } from '../../scenarios/presets';
import { useLab } from '../../store/lab-store-context';

export function ScenarioPicker() {
  const presetId = useLab((s) => s.presetId);
  const choosePreset = useLab((s) => s.choosePreset);
  const t = useT();
  const lang = useLang();
  return (
    <div className="field inline scenario-picker">
      <label htmlFor="scenario-select">{t('scenario.label')}</label>
      <select id="scenario-select" value={presetId} onChange={(e) => choosePreset(e.target.value)}>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {scenarioName(p.id, p.scenario.name, lang)}
          </option>
        ))}
      </select>
    </div>
  );
}

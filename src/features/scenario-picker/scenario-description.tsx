import { scenarioDescription, scenarioName } from '../../i18n/presets-zh';
import { useLang, useT } from '../../i18n/use-t';
import { getPreset } from '../../scenarios/presets';
import { useLab } from '../../store/lab-store-context';

/** The preset's story, and whether the current inputs still match it. */
export function ScenarioDescription() {
  const presetId = useLab((s) => s.presetId);
  const scenario = useLab((s) => s.scenario);
  const t = useT();
  const lang = useLang();
  const preset = getPreset(presetId);
  const modified = !preset || JSON.stringify(preset.scenario) !== JSON.stringify(scenario);
  const description = scenario.description || preset?.scenario.description || '';
  return (
    <div className="scenario-description">
      <p>
        <strong>
          {scenarioName(presetId, scenario.name, lang)}
          {lang === 'zh' ? '。' : '.'}
        </strong>{' '}
        {scenarioDescription(presetId, description, lang)}
      </p>
      {modified && <p className="modified">{t('scenario.modified')}</p>}
    </div>
  );
}

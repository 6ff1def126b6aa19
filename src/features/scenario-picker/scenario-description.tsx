import { scenarioDescription, scenarioName } from '../../i18n/localize';
import { useLang, useT } from '../../i18n/use-t';
import { getPreset } from '../../scenarios/presets';
import { useLab } from '../../store/lab-store-context';

/** The preset's story, and whether the current inputs still match it. */
export function ScenarioDescription() {
  const presetId = useLab((s) => s.presetId);
  const scenario = useLab((s) => s.scenario);
  const inLesson = useLab((s) => s.lessonId !== null);
  const t = useT();
  const lang = useLang();
  const preset = getPreset(presetId);
  const modified = !preset || JSON.stringify(preset.scenario) !== JSON.stringify(scenario);
  const description = scenario.description || preset?.scenario.description || '';
  const name = (
    <strong>
      {scenarioName(presetId, scenario.name, lang)}
      {t('punct.sentenceEnd')}
    </strong>
  );
  const text = scenarioDescription(presetId, description, lang);
  // In a lesson the step text tells the story and changes the settings on purpose: the scenario's own description
  // folds away (one line instead of five, so the timeline stays on the first screen) and "you changed it" is not said.
  if (inLesson) {
    return (
      <details className="scenario-description">
        <summary>
          {name} {t('scenario.about')}
        </summary>
        <p>{text}</p>
      </details>
    );
  }
  return (
    <div className="scenario-description">
      <p>
        {name} {text}
      </p>
      {modified && <p className="modified">{t('scenario.modified')}</p>}
    </div>
  );
}

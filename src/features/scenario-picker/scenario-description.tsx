import { scenarioDescription, scenarioName } from '../../i18n/localize';
import { useLang, useT } from '../../i18n/use-t';
import { scenarioChanged } from '../../scenarios/changed';
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
  const modified = scenarioChanged(presetId, scenario);
  const description = scenario.description || preset?.scenario.description || '';
  const name = (
    <strong>
      {scenarioName(presetId, scenario.name, lang)}
      {t('punct.sentenceEnd')}
    </strong>
  );
  const text = scenarioDescription(presetId, description, lang);
  const theme = useLab((s) => s.theme);
  // Comparing needs the stage's height for two runs: the story folds to its one line.
  const comparing = useLab((s) => s.compareBy !== null);
  // On a phone the story would push the timeline off the first screen: it starts folded there too.
  const narrow = typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 600px)').matches;
  // The stage keeps the timeline on the first screen: the story folds into one line (open by default in free
  // exploration, except on the projector's large type); in a lesson the step text tells the story and changes the
  // settings on purpose, so "you changed it" is not said there.
  return (
    <details className="scenario-description" key={`${inLesson}-${theme === 'projector'}-${comparing}`} open={!inLesson && theme !== 'projector' && !comparing && !narrow}>
      <summary>
        {name} {t('scenario.about')}
      </summary>
      <p>{text}</p>
      {modified && !inLesson && <p className="modified">{t('scenario.modified')}</p>}
    </details>
  );
}

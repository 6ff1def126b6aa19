import { getPreset } from '../../scenarios/presets';
import { useLab } from '../../store/lab-store-context';

/** The preset's story, and whether the current inputs still match it. */
export function ScenarioDescription() {
  const presetId = useLab((s) => s.presetId);
  const scenario = useLab((s) => s.scenario);
  const preset = getPreset(presetId);
  const modified = !preset || JSON.stringify(preset.scenario) !== JSON.stringify(scenario);
  return (
    <div className="scenario-description">
      <p>
        <strong>{scenario.name}.</strong> {scenario.description || preset?.scenario.description}
      </p>
      {modified && <p className="modified">You have changed this scenario; Reset restores the original settings.</p>}
    </div>
  );
}

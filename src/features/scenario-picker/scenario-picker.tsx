import { PRESETS } from '../../scenarios/presets';
import { useLab } from '../../store/lab-store-context';

export function ScenarioPicker() {
  const presetId = useLab((s) => s.presetId);
  const choosePreset = useLab((s) => s.choosePreset);
  return (
    <div className="field inline">
      <label htmlFor="scenario-select">Scenario</label>
      <select id="scenario-select" value={presetId} onChange={(e) => choosePreset(e.target.value)}>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.scenario.name}
          </option>
        ))}
      </select>
    </div>
  );
}

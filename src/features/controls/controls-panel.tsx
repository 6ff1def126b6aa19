import { FaultRatesControls } from './fault-rates';
import { ProducerSettings } from './producer-settings';
import { RunSettings } from './run-settings';
import { ScriptedFaults } from './scripted-faults';

export function ControlsPanel() {
  return (
    <section className="controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Settings</h2>
      <ProducerSettings />
      <RunSettings />
      <FaultRatesControls />
      <ScriptedFaults />
    </section>
  );
}

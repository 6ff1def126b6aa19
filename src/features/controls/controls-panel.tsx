import { FaultRatesControls } from './fault-rates';
import { ProducerSettings } from './producer-settings';
import { RunSettings } from './run-settings';
import { ScriptedFaults } from './scripted-faults';
import { ConsumerSettings } from './consumer-settings';
import { LazyConsumerSettingsFaults } from '../inspectors/consumer-panels';
import { useT } from '../../i18n/use-t';

export function ControlsPanel() {
  const t = useT();
  return (
    <section className="controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls.title')}</h2>
      <ProducerSettings />
      <RunSettings />
      <FaultRatesControls />
      <ScriptedFaults />
      <ConsumerSettings />
      <LazyConsumerSettingsFaults />
    </section>
  );
}

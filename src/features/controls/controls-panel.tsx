import { lazy, Suspense } from 'react';
import { FaultRatesControls } from './fault-rates';
import { ProducerSettings } from './producer-settings';
import { RunSettings } from './run-settings';
import { ScriptedFaults } from './scripted-faults';
import { ConsumerSettings } from './consumer-settings';
import { LazyConsumerSettingsFaults } from '../inspectors/consumer-panels';
import { useT } from '../../i18n/use-t';
import { useLab } from '../../store/lab-store-context';

/** Only a transactional run has these settings: they are loaded when one is first shown. */
const TxnSettings = lazy(() => import('./txn-settings').then((m) => ({ default: m.TxnSettings })));

export function ControlsPanel() {
  const t = useT();
  // A transactional run: the producer's own settings and faults do not apply.
  const transactional = useLab((s) => s.trace.scenario.transactions !== undefined);
  return (
    <section className="controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls.title')}</h2>
      {transactional ? (
        <>
          <Suspense fallback={null}>
            <TxnSettings />
          </Suspense>
          <RunSettings />
        </>
      ) : (
        <>
          <ProducerSettings />
          <RunSettings />
          <FaultRatesControls />
          <ScriptedFaults />
          <ConsumerSettings />
          <LazyConsumerSettingsFaults />
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useLab } from '../../store/lab-store-context';
import { describeFault } from './describe-fault';
import { NumberField } from './number-field';
import { useT } from '../../i18n/use-t';
import { INT_MAX } from '../../sim/scenario/schema';
import type { BrokerShutdown } from '../../sim/trace/types';

/**
 * The scenario's scripted faults: remove any, add broker restarts (a clean shutdown or a crash) or producer restarts
 * at a chosen time. The broker's log.roll.ms sits here too: it decides how much log a crash replays.
 */
export function ScriptedFaults() {
  const faults = useLab((s) => s.scenario.faults.scripted);
  const cursorT = useLab((s) => s.trace.events[s.cursor]?.t ?? 0);
  const addFault = useLab((s) => s.addFault);
  const removeFault = useLab((s) => s.removeFault);
  const rollMs = useLab((s) => s.scenario.broker['log.roll.ms']);
  const setBrokerSetting = useLab((s) => s.setBrokerSetting);
  const t = useT();
  const [brokerAt, setBrokerAt] = useState<number | null>(null);
  const [shutdown, setShutdown] = useState<BrokerShutdown>('clean');
  const [producerAt, setProducerAt] = useState<number | null>(null);
  return (
    <fieldset className="group">
      <legend>{t('faults.legend')}</legend>
      {faults.length === 0 ? (
        <p className="muted">{t('faults.none')}</p>
      ) : (
        <ul className="fault-list">
          {faults.map((f, i) => {
            const text = describeFault(f, t);
            return (
              <li key={`${i}-${text}`}>
                <span>{text}</span>
                <button type="button" className="small" aria-label={t('faults.removeLabel', { text })} onClick={() => removeFault(i)}>
                  {t('faults.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="add-fault">
        <NumberField label={t('faults.brokerAt')} value={brokerAt ?? cursorT} min={0} max={2147483647} onCommit={setBrokerAt} />
        <div className="field">
          <label htmlFor="broker-shutdown">{t('faults.brokerShutdown')}</label>
          <select id="broker-shutdown" value={shutdown} onChange={(e) => setShutdown(e.target.value === 'crash' ? 'crash' : 'clean')}>
            <option value="clean">{t('faults.shutdown.clean')}</option>
            <option value="crash">{t('faults.shutdown.crash')}</option>
          </select>
        </div>
        <button type="button" onClick={() => addFault({ kind: 'broker-restart', atMs: brokerAt ?? cursorT, downMs: 100, shutdown })}>
          {t('faults.addBroker')}
        </button>
      </div>
      <NumberField label="log.roll.ms" value={rollMs} min={1} max={INT_MAX} hint={t('faults.rollHint')} onCommit={(v) => setBrokerSetting('log.roll.ms', v)} />
      <div className="add-fault">
        <NumberField label={t('faults.producerAt')} value={producerAt ?? cursorT} min={0} max={2147483647} onCommit={setProducerAt} />
        <button type="button" onClick={() => addFault({ kind: 'producer-restart', atMs: producerAt ?? cursorT, downMs: 50 })}>
          {t('faults.addProducer')}
        </button>
      </div>
    </fieldset>
  );
}

import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { CRASH_POINTS, INT_MAX, type CrashPoint } from '../../sim/scenario/schema';
import { useLab } from '../../store/lab-store-context';
import { NumberField } from './number-field';

/** Adds the consumer side's scripted faults (shown, with the others, in the scripted faults' list). */
export function ConsumerFaultEditor() {
  const hasConsumer = useLab((s) => s.scenario.consumer !== undefined);
  const cursorT = useLab((s) => s.trace.events[s.cursor]?.t ?? 0);
  const addFault = useLab((s) => s.addFault);
  const t = useT();
  const [message, setMessage] = useState(1);
  const [point, setPoint] = useState<CrashPoint>('after-effect');
  const [slowMs, setSlowMs] = useState(1000);
  const [stall, setStall] = useState<'slow' | 'pause'>('slow');
  const [commit, setCommit] = useState(1);
  const [at, setAt] = useState<number | null>(null);
  const [downMs, setDownMs] = useState(100);
  if (!hasConsumer) return null;
  return (
    <fieldset className="group consumer-faults">
      <legend>{t('consumerFaults.legend')}</legend>
      <NumberField label={t('consumerFaults.message')} value={message} min={1} max={INT_MAX} onCommit={setMessage} />
      <div className="add-fault">
        <div className="field">
          <label htmlFor="crash-point">{t('consumerFaults.point')}</label>
          <select id="crash-point" value={point} onChange={(e) => setPoint(e.target.value as CrashPoint)}>
            {CRASH_POINTS.map((p) => (
              <option key={p} value={p}>
                {t(`crashPoint.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => addFault({ kind: 'consumer-crash', message, at: point })}>
          {t('consumerFaults.addCrash')}
        </button>
      </div>
      <div className="add-fault">
        <NumberField label={t('consumerFaults.slowMs')} value={slowMs} min={1} max={INT_MAX} onCommit={setSlowMs} />
        <div className="field">
          <label htmlFor="slow-stall">{t('consumerFaults.stall')}</label>
          <select id="slow-stall" value={stall} onChange={(e) => setStall(e.target.value === 'pause' ? 'pause' : 'slow')}>
            <option value="slow">{t('consumerFaults.stall.slow')}</option>
            <option value="pause">{t('consumerFaults.stall.pause')}</option>
          </select>
        </div>
        <button type="button" onClick={() => addFault({ kind: 'slow-processing', message, durationMs: slowMs, stall })}>
          {t('consumerFaults.addSlow')}
        </button>
      </div>
      <div className="add-fault">
        <NumberField label={t('consumerFaults.commit')} value={commit} min={1} max={INT_MAX} onCommit={setCommit} />
        <button type="button" onClick={() => addFault({ kind: 'lose-commit-response', commit })}>
          {t('consumerFaults.addLoseCommit')}
        </button>
      </div>
      <div className="add-fault">
        <NumberField label={t('consumerFaults.at')} value={at ?? cursorT} min={0} max={INT_MAX} onCommit={setAt} />
        <NumberField label={t('consumerFaults.downMs')} value={downMs} min={0} max={INT_MAX} onCommit={setDownMs} />
        <button type="button" onClick={() => addFault({ kind: 'database-outage', atMs: at ?? cursorT, downMs })}>
          {t('consumerFaults.addOutage')}
        </button>
        <button type="button" onClick={() => addFault({ kind: 'member-join', atMs: at ?? cursorT })}>
          {t('consumerFaults.addMember')}
        </button>
      </div>
    </fieldset>
  );
}

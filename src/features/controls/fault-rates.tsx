import type { FaultRates } from '../../sim/scenario/schema';
import { useLab } from '../../store/lab-store-context';
import { useT } from '../../i18n/use-t';

type RateKey = 'loseRequest' | 'loseResponse' | 'delayRequest' | 'stall' | 'errorReply';

const RATES: RateKey[] = ['loseRequest', 'loseResponse', 'delayRequest', 'stall', 'errorReply'];

/** Random faults, drawn from the seeded stream: the same seed gives the same faults. */
export function FaultRatesControls() {
  const rates = useLab((s) => s.scenario.faults.rates);
  const setRate = useLab((s) => s.setFaultRate);
  const t = useT();
  return (
    <fieldset className="group">
      <legend>{t('rates.legend')}</legend>
      <p className="hint">{t('rates.hint')}</p>
      {RATES.map((key) => {
        const id = `rate-${key}`;
        const v = (rates as FaultRates)[key];
        return (
          <div className="field rate" key={key}>
            <label htmlFor={id}>{t(`rates.${key}`)}</label>
            <div className="rate-row">
              <input id={id} type="range" min={0} max={0.5} step={0.01} value={v} aria-valuetext={t('rates.valuetext', { n: Math.round(v * 100) })} onChange={(e) => setRate(key, Number(e.target.value))} />
              <output htmlFor={id}>{Math.round(v * 100)}%</output>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

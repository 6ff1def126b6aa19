import type { FaultRates } from '../../sim/scenario/schema';
import { useLab } from '../../store/lab-store-context';

type RateKey = 'loseRequest' | 'loseResponse' | 'delayRequest' | 'stall' | 'errorReply';

const RATES: { key: RateKey; label: string }[] = [
  { key: 'loseRequest', label: 'Lose requests' },
  { key: 'loseResponse', label: 'Lose responses' },
  { key: 'delayRequest', label: 'Delay / overtake' },
  { key: 'stall', label: 'Stall connection' },
  { key: 'errorReply', label: 'Broker error replies' },
];

/** Random faults, drawn from the seeded stream: the same seed gives the same faults. */
export function FaultRatesControls() {
  const rates = useLab((s) => s.scenario.faults.rates);
  const setRate = useLab((s) => s.setFaultRate);
  return (
    <fieldset className="group">
      <legend>Random faults</legend>
      <p className="hint">Probability per request, drawn from the seed: the same seed gives the same faults.</p>
      {RATES.map(({ key, label }) => {
        const id = `rate-${key}`;
        const v = (rates as FaultRates)[key];
        return (
          <div className="field rate" key={key}>
            <label htmlFor={id}>{label}</label>
            <div className="rate-row">
              <input id={id} type="range" min={0} max={0.5} step={0.01} value={v} aria-valuetext={`${Math.round(v * 100)} percent`} onChange={(e) => setRate(key, Number(e.target.value))} />
              <output htmlFor={id}>{Math.round(v * 100)}%</output>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

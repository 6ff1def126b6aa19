import { useLab } from '../../store/lab-store-context';
import { useT } from '../../i18n/use-t';

/** The headline switch, on the stage where the room sees it flip; the run follows at once. */
export function IdempotenceSwitch() {
  const on = useLab((s) => s.scenario.producer['enable.idempotence']);
  const setIdempotence = useLab((s) => s.setIdempotence);
  const t = useT();
  return (
    <div className="switch-field stage-switch" data-on={on}>
      <input id="idempotence" type="checkbox" role="switch" checked={on} aria-describedby="idempotence-hint" onChange={(e) => setIdempotence(e.target.checked)} />
      <label htmlFor="idempotence">{t('producer.idempotence')}</label>
      <span className="hint" id="idempotence-hint">
        enable.idempotence = {String(on)}
      </span>
    </div>
  );
}

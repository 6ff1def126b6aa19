import { configNoteText } from '../../i18n/facts';
import { useLang, useT } from '../../i18n/use-t';
import { resolveProducerConfig } from '../../sim/protocol/producer-config';
import { useLab } from '../../store/lab-store-context';

/**
 * The headline switch, on the stage where the room sees it flip; the run follows at once. It shows the value the
 * producer runs with: when `enable.idempotence` is left unset, Kafka's default and leniency decide it, and the hint
 * says why; once set, a button puts it back to unset.
 */
export function IdempotenceSwitch() {
  const p = useLab((s) => s.scenario.producer);
  const version = useLab((s) => s.scenario.kafkaVersion);
  const setIdempotence = useLab((s) => s.setIdempotence);
  const t = useT();
  const lang = useLang();
  const { config, notes } = resolveProducerConfig(p, version);
  const on = config['enable.idempotence'];
  const set = p['enable.idempotence'] !== undefined;
  const note = notes.find((n) => n.id !== 'delivery-timeout-raised');
  const hint = set
    ? `enable.idempotence = ${String(p['enable.idempotence'])}`
    : note
      ? configNoteText(lang, note)
      : t('producer.idempotence.unset', { value: String(on) });
  return (
    <div className="switch-field stage-switch" data-on={on}>
      <input id="idempotence" type="checkbox" role="switch" checked={on} aria-describedby="idempotence-hint" onChange={(e) => setIdempotence(e.target.checked)} />
      <label htmlFor="idempotence">{t('producer.idempotence')}</label>
      <span className="hint" id="idempotence-hint">
        {hint}
      </span>
      {set && (
        <button type="button" className="small hint-action" onClick={() => setIdempotence(undefined)} title={t('producer.idempotence.useDefault')}>
          {t('producer.idempotence.useDefaultShort')}
        </button>
      )}
    </div>
  );
}

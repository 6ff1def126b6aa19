import { configNoteText } from '../../i18n/facts';
import { resolveProducerConfig } from '../../sim/protocol/producer-config';
import { INT_MAX } from '../../sim/scenario/schema';
import { useLab } from '../../store/lab-store-context';
import { KafkaVersionSelect, versionName } from './kafka-version-select';
import { NumberField } from './number-field';
import { useLang, useT } from '../../i18n/use-t';

/** Producer settings under their Kafka names, so they carry straight over to a real producer.properties. */
export function ProducerSettings() {
  const p = useLab((s) => s.scenario.producer);
  const version = useLab((s) => s.scenario.kafkaVersion);
  const set = useLab((s) => s.setProducerSetting);
  const t = useT();
  const lang = useLang();
  // What the producer runs with, and why where it differs from what is set (Kafka's defaults and leniency).
  const { config, notes } = resolveProducerConfig(p, version);
  const raised = notes.find((n) => n.id === 'delivery-timeout-raised');
  const deliveryHint = p['delivery.timeout.ms'] !== undefined ? undefined : raised ? configNoteText(lang, raised) : t('producer.deliveryTimeout.unset');
  return (
    <fieldset className="group">
      <legend>{t('producer.legend')}</legend>
      <KafkaVersionSelect />
      <div className="field">
        <label htmlFor="acks">acks</label>
        <select id="acks" value={p.acks} onChange={(e) => set('acks', e.target.value as 'all' | '1' | '0')}>
          <option value="all">all</option>
          <option value="1">1</option>
          <option value="0">0</option>
        </select>
      </div>
      <NumberField
        label="max.in.flight.requests.per.connection"
        value={p['max.in.flight.requests.per.connection']}
        min={1}
        max={10}
        onCommit={(v) => set('max.in.flight.requests.per.connection', v)}
      />
      <NumberField label="retries" value={p.retries} min={0} max={INT_MAX} onCommit={(v) => set('retries', v)} />
      <NumberField label="request.timeout.ms" value={p['request.timeout.ms']} min={1} max={INT_MAX} onCommit={(v) => set('request.timeout.ms', v)} />
      <NumberField
        label="delivery.timeout.ms"
        value={config['delivery.timeout.ms']}
        min={1}
        max={INT_MAX}
        {...(deliveryHint ? { hint: deliveryHint } : {})}
        onCommit={(v) => set('delivery.timeout.ms', v)}
      />
      <NumberField
        label="linger.ms"
        value={config['linger.ms']}
        min={0}
        max={INT_MAX}
        {...(p['linger.ms'] === undefined ? { hint: t('producer.linger.unset', { version: versionName(t, version) }) } : {})}
        onCommit={(v) => set('linger.ms', v)}
      />
      <NumberField label="retry.backoff.ms" value={p['retry.backoff.ms']} min={0} max={INT_MAX} onCommit={(v) => set('retry.backoff.ms', v)} />
    </fieldset>
  );
}

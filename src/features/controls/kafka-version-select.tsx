import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { KAFKA_VERSIONS, VERSION_CAVEATS, type KafkaVersion } from '../../sim/protocol/kafka-version';
import { useLab } from '../../store/lab-store-context';

/**
 * The version lens: whose rules the producer and the broker follow. Where the lab models an older version only
 * roughly (VERSION_CAVEATS beyond "one version for both"), the hint says so; the details are in the scenario format.
 */
export function KafkaVersionSelect() {
  const version = useLab((s) => s.scenario.kafkaVersion);
  const setVersion = useLab((s) => s.setKafkaVersion);
  const t = useT();
  const id = useId();
  const unsure = VERSION_CAVEATS[version].length > 1;
  return (
    <div className="field">
      <label htmlFor={id}>{t('kafkaVersion.label')}</label>
      <select id={id} value={version} aria-describedby={`${id}-hint`} onChange={(e) => setVersion(e.target.value as KafkaVersion)}>
        {KAFKA_VERSIONS.map((v) => (
          <option key={v} value={v}>
            {versionName(t, v)}
          </option>
        ))}
      </select>
      <span className="hint" id={`${id}-hint`}>
        {t(unsure ? 'kafkaVersion.unsure' : 'kafkaVersion.hint')}
      </span>
    </div>
  );
}

/** The stage always says which version it shows. */
export function KafkaVersionTag() {
  const version = useLab((s) => s.scenario.kafkaVersion);
  const t = useT();
  return <span className="muted kafka-version-tag">{t('kafkaVersion.stage', { version: versionName(t, version) })}</span>;
}

/** A version as shown: its id, except "3.x", which each language words (3.0.1 to 3.9). */
export function versionName(t: ReturnType<typeof useT>, v: KafkaVersion): string {
  return v === '3.x' ? t('kafkaVersion.3x') : v;
}

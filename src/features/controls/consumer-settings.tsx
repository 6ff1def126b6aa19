import { useT } from '../../i18n/use-t';
import {
  COMMIT_STRATEGIES,
  CONSUMER_FAULT_KINDS,
  consumerConfigSchema,
  databaseConfigSchema,
  DEDUP_STRATEGIES,
  INT_MAX,
  type CommitStrategy,
  type ConsumerConfig,
  type DedupStrategy,
  type Scenario,
} from '../../sim/scenario/schema';
import { useLab } from '../../store/lab-store-context';
import { NumberField } from './number-field';
import { withDedup } from './consumer-stage';

/** The scenario with a consumer side (Kafka's defaults, reading from the earliest offset, no deduplication) or without one. */
export function withConsumer(s: Scenario, on: boolean): Scenario {
  if (on) {
    return {
      ...s,
      consumer: s.consumer ?? consumerConfigSchema.parse({ 'auto.offset.reset': 'earliest' }),
      database: s.database ?? databaseConfigSchema.parse({}),
      dedup: s.dedup ?? { strategy: 'none' },
    };
  }
  const { consumer: _c, database: _d, dedup: _x, ...rest } = s;
  // The consumer's faults go with it: without a consumer section they would be refused.
  const { consumerRates: _r, ...faults } = s.faults;
  return { ...rest, faults: { ...faults, scripted: s.faults.scripted.filter((f) => !(CONSUMER_FAULT_KINDS as readonly string[]).includes(f.kind)) } };
}

/** The commit strategy set, with enable.auto.commit left to follow it (true with auto-commit, false otherwise). */
export function withCommitStrategy(c: ConsumerConfig, strategy: CommitStrategy): ConsumerConfig {
  const { 'enable.auto.commit': _a, ...rest } = c;
  return { ...rest, commit: { ...c.commit, strategy } };
}

/**
 * The consumer side's settings, under Kafka's consumer config names: whether the run has a consumer at all, how it
 * commits its offsets and how the application deduplicates (both languages word the strategies).
 */
export function ConsumerSettings() {
  const scenario = useLab((s) => s.scenario);
  const load = useLab((s) => s.loadScenario);
  const t = useT();
  const c = scenario.consumer;
  const setConsumer = (change: Partial<ConsumerConfig>) => c && load({ ...scenario, consumer: { ...c, ...change } });
  return (
    <fieldset className="group consumer-settings">
      <legend>{t('consumer.legend')}</legend>
      <div className="switch-field">
        <input id="consumer-on" type="checkbox" role="switch" checked={c !== undefined} aria-describedby="consumer-on-hint" onChange={(e) => load(withConsumer(scenario, e.target.checked))} />
        <label htmlFor="consumer-on">{t('consumer.add')}</label>
        <span className="hint" id="consumer-on-hint">
          {t('consumer.addHint')}
        </span>
      </div>
      {c && (
        <>
          <div className="field">
            <label htmlFor="commit-strategy">{t('consumer.commitStrategy')}</label>
            <select id="commit-strategy" value={c.commit.strategy} onChange={(e) => load({ ...scenario, consumer: withCommitStrategy(c, e.target.value as CommitStrategy) })}>
              {COMMIT_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {t(`commitStrategy.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="commit-mode">{t('consumer.commitMode')}</label>
            <select id="commit-mode" value={c.commit.mode} onChange={(e) => setConsumer({ commit: { ...c.commit, mode: e.target.value === 'async' ? 'async' : 'sync' } })}>
              <option value="sync">commitSync</option>
              <option value="async">commitAsync</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="dedup-strategy">{t('consumer.dedupStrategy')}</label>
            <select id="dedup-strategy" value={scenario.dedup?.strategy ?? 'none'} onChange={(e) => load(withDedup(scenario, e.target.value as DedupStrategy))}>
              {DEDUP_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {t(`dedupStrategy.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="auto-offset-reset">auto.offset.reset</label>
            <select id="auto-offset-reset" value={c['auto.offset.reset']} onChange={(e) => setConsumer({ 'auto.offset.reset': e.target.value as ConsumerConfig['auto.offset.reset'] })}>
              <option value="earliest">earliest</option>
              <option value="latest">latest</option>
              <option value="none">none</option>
            </select>
          </div>
          <NumberField label="max.poll.records" value={c['max.poll.records']} min={1} max={10000} onCommit={(v) => setConsumer({ 'max.poll.records': v })} />
          <NumberField label="max.poll.interval.ms" value={c['max.poll.interval.ms']} min={1} max={INT_MAX} onCommit={(v) => setConsumer({ 'max.poll.interval.ms': v })} />
          <NumberField label="session.timeout.ms" value={c['session.timeout.ms']} min={1} max={INT_MAX} onCommit={(v) => setConsumer({ 'session.timeout.ms': v })} />
          <NumberField label="heartbeat.interval.ms" value={c['heartbeat.interval.ms']} min={1} max={INT_MAX} onCommit={(v) => setConsumer({ 'heartbeat.interval.ms': v })} />
          {c.commit.strategy === 'auto' && (
            <NumberField label="auto.commit.interval.ms" value={c['auto.commit.interval.ms']} min={0} max={INT_MAX} onCommit={(v) => setConsumer({ 'auto.commit.interval.ms': v })} />
          )}
          <NumberField label={t('consumer.processingMs')} value={c.processingMs} min={0} max={INT_MAX} onCommit={(v) => setConsumer({ processingMs: v })} />
        </>
      )}
    </fieldset>
  );
}

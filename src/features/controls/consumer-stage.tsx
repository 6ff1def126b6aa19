import { useT } from '../../i18n/use-t';
import type { DedupStrategy, Scenario } from '../../sim/scenario/schema';
import { useLab } from '../../store/lab-store-context';
import { useConsumerFold } from '../timeline/consumer-fold';

/** The strategy the dedup switch turns on when the scenario has none of its own to go back to. */
export const DEFAULT_DEDUP_ON: DedupStrategy = 'same-transaction';

/** The scenario with deduplication on (the strategy given, or the transactional one) or off. */
export function withDedup(s: Scenario, strategy: DedupStrategy): Scenario {
  return { ...s, dedup: { ...(s.dedup ?? {}), strategy } };
}

/**
 * On the stage bar of a run with a consumer: the dedup switch, where the room sees it flip (off: no deduplication;
 * on: the strategy last chosen, or the processed id in the effect's transaction), and the button that folds the
 * consumer side's lanes away.
 */
export function ConsumerStageControls() {
  const scenario = useLab((s) => s.scenario);
  const hasLanes = useLab((s) => s.trace.scenario.consumer !== undefined);
  const load = useLab((s) => s.loadScenario);
  const folded = useConsumerFold((s) => s.folded);
  const setFolded = useConsumerFold((s) => s.setFolded);
  const t = useT();
  if (!scenario.consumer && !hasLanes) return null;
  const strategy = scenario.dedup?.strategy ?? 'none';
  const on = strategy !== 'none';
  return (
    <>
      {scenario.consumer && (
        <div className="switch-field stage-switch" data-on={on}>
          <input
            id="dedup-switch"
            type="checkbox"
            role="switch"
            checked={on}
            aria-describedby="dedup-switch-hint"
            onChange={(e) => {
              if (!e.target.checked) lastOn = strategy;
              load(withDedup(scenario, e.target.checked ? (lastOn ?? DEFAULT_DEDUP_ON) : 'none'));
            }}
          />
          <label htmlFor="dedup-switch">{t('consumer.dedupSwitch')}</label>
          <span className="hint" id="dedup-switch-hint">
            {t(`dedupStrategy.${strategy}`)}
          </span>
        </div>
      )}
      {hasLanes && (
        <button type="button" className="consumer-fold" aria-expanded={!folded} onClick={() => setFolded(!folded)}>
          <span aria-hidden="true">{folded ? '▸ ' : '▾ '}</span>
          {t('consumer.lanes')}
        </button>
      )}
    </>
  );
}

/** The strategy the switch was last turned off from, so turning it on again brings it back (per page). */
let lastOn: DedupStrategy | null = null;

import { lazy, Suspense, useId } from 'react';
import { COMPARE_DIMENSIONS, type CompareDimension } from '../../store/lab-state';
import { selectQuestionOpen } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { useT } from '../../i18n/use-t';
import { Timeline } from '../timeline/timeline';
import { IdempotenceSwitch } from '../controls/idempotence-switch';
import { ConsumerStageControls } from '../controls/consumer-stage';
import { KafkaVersionTag } from '../controls/kafka-version-select';
import { Legend } from '../timeline/legend';
import { useTxnFold } from '../timeline/txn-fold';
import { layoutFor } from '../timeline/layout';
import { TimelineStatsLine } from '../timeline/timeline-stats';

/** The comparison (two runs side by side) is loaded when it is first opened. */
const CompareView = lazy(() => import('./compare-runs').then((m) => ({ default: m.CompareView })));

/**
 * The timeline area: the lab's own timeline, or the same scenario, seed and faults run twice with one setting
 * changed, on two timelines that follow the one playback cursor by virtual time.
 */
export function TimelineArea() {
  const compareBy = useLab((s) => s.compareBy);
  const setCompareBy = useLab((s) => s.setCompareBy);
  // The comparison shows both runs to the end: while a lesson question waits, it would give the answer away.
  const questionOpen = useLab(selectQuestionOpen);
  const t = useT();
  const hintId = useId();
  const trace = useLab((s) => s.trace);
  const comparing = compareBy !== null && !questionOpen;
  if (trace.scenario.transactions !== undefined) return <TxnTimelineArea />;
  return (
    <section className="timeline" aria-label={t('timeline.region')}>
      <div className="stage-bar compare-bar">
        <KafkaVersionTag />
        {/* Comparing idempotence off with on shows both: the switch would change neither run. */}
        {!(comparing && compareBy === 'idempotence') && <IdempotenceSwitch />}
        <ConsumerStageControls />
        <button
          type="button"
          aria-pressed={compareBy !== null}
          disabled={questionOpen}
          aria-describedby={questionOpen ? hintId : undefined}
          onClick={() => setCompareBy(compareBy ? null : 'idempotence')}
        >
          {t('compare.toggle')}
        </button>
        {questionOpen ? (
          <span id={hintId} className="muted">
            {t('compare.afterReveal')}
          </span>
        ) : (
          compareBy && <DimensionSelect value={compareBy} onChange={setCompareBy} />
        )}
        {/* The run's totals tell what happens later: not while a question waits. */}
        {!comparing && !questionOpen && <TimelineStatsLine stats={layoutFor(trace).stats} events={trace.events.length} />}
        <Legend />
      </div>
      {comparing ? (
        <Suspense fallback={null}>
          <CompareView by={compareBy} />
        </Suspense>
      ) : (
        <Timeline />
      )}
    </section>
  );
}

/**
 * A transactional run's timeline: its own lanes; the idempotence switch, the comparison and the producer's request
 * totals are for the producer on its own, and a short note says so.
 */
function TxnTimelineArea() {
  const t = useT();
  const folded = useTxnFold((s) => s.folded);
  const setFolded = useTxnFold((s) => s.setFolded);
  return (
    <section className="timeline" aria-label={t('timeline.region')}>
      <div className="stage-bar compare-bar">
        <KafkaVersionTag />
        <button type="button" className="consumer-fold" aria-expanded={!folded} title={folded ? t('txn.lanes.folded') : undefined} onClick={() => setFolded(!folded)}>
          <span aria-hidden="true">{folded ? '▸ ' : '▾ '}</span>
          {t('txn.lanes.fold')}
        </button>
        <span className="muted txn-stage-note">{t('txn.stage.note')}</span>
        <Legend txn />
      </div>
      <Timeline />
    </section>
  );
}

/** Side labels are Kafka settings ("acks=1", "max.in.flight = 5") except the idempotence ones, which have words. */
function DimensionSelect({ value, onChange }: { value: CompareDimension; onChange: (d: CompareDimension) => void }) {
  const id = useId();
  const t = useT();
  return (
    <span className="compare-dimension">
      <label htmlFor={id}>{t('compare.dimension')}</label>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as CompareDimension)}>
        {COMPARE_DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {t(`compare.dim.${d}`)}
          </option>
        ))}
      </select>
    </span>
  );
}


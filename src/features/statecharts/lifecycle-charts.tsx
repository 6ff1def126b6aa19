import { useId, useMemo, useState } from 'react';
import type { MessageKey as Key, Translate as T } from '../../i18n/t';
import type { LifecycleParty, Trace } from '../../sim/trace/types';
import { lifecycleCharts } from './charts';
import { activeIds, takenIds, type Chart, type ChartNode } from './graph';
import { subjectOf, type LifecycleIndex } from './lifecycle-index';
import type { ChartLayout } from './layout';
import { ChartScroll } from './chart-scroll';
import { StatechartSvg } from './statechart-svg';

interface Props {
  trace: Trace;
  cursor: number;
  index: LifecycleIndex;
  layouts: readonly ChartLayout[];
  scale: number;
  t: T;
  describe: (node: ChartNode) => string | null;
  onFocusState: (node: ChartNode | null) => void;
  /** Jump to the next step at which this child enters the state. */
  onJump: (party: LifecycleParty, id: number, label: string, node: ChartNode) => void;
}

/** How many of the latest batches (or producer ids) the menu offers: a long run has thousands. */
const MENU_SIZE = 50;

/** Leaf key of a lifecycle machine's state node id (`batch.inFlight` → `inFlight`): its state value. */
const keyOf = (chart: Chart, nodeId: string) => chart.nodes[nodeId]?.key;

/**
 * The statecharts of things with a life of their own: one batch and one producer id at a time, by default the one
 * the current step is about (the latest one that moved, otherwise the one the event names), or the one picked.
 */
export function LifecycleCharts({ charts = lifecycleCharts(), trace, cursor, index, layouts, scale, t, describe, onFocusState, onJump }: Props & { charts?: readonly Chart<LifecycleParty>[] }) {
  return (
    <div className="statecharts-lifecycles">
      <h3>{t('statecharts.lifecycleTitle')}</h3>
      <p className="hint">{t('statecharts.lifecycleHint')}</p>
      <div className="statecharts-charts">
        {charts.map((chart, k) => (
          <LifecycleChart
            key={chart.party}
            chart={chart}
            layout={layouts[k]!}
            {...{ trace, cursor, index, scale, t, describe, onFocusState, onJump }}
          />
        ))}
      </div>
    </div>
  );
}

function LifecycleChart({
  chart,
  layout,
  trace,
  cursor,
  index,
  scale,
  t,
  describe,
  onFocusState,
  onJump,
}: Omit<Props, 'layouts'> & { chart: Chart<LifecycleParty>; layout: ChartLayout }) {
  const party = chart.party;
  const selectId = useId();
  const [picked, setPicked] = useState<number | null>(null);
  const recent = useMemo(() => index.startedBy(party, cursor, MENU_SIZE), [index, party, cursor]);
  const exists = (id: number | null): id is number => id !== null && index.at(party, id, cursor) !== null;
  const subject = subjectOf(party, trace.events[cursor]);
  const fallback = recent.length > 0 ? recent[recent.length - 1]! : null;
  const shown = exists(picked) ? picked : exists(subject) ? subject : fallback;
  // The latest ones, and the one shown (an older batch being retried, say), in id order.
  const ids = shown === null || recent.includes(shown) ? recent : [...recent, shown].sort((a, b) => a - b);
  const move = shown === null ? null : index.at(party, shown, cursor);
  const active = useMemo(() => new Set(move ? activeIds(chart, keyOf(chart, move.target)) : []), [chart, move]);
  const taken = useMemo(
    () => takenIds(chart, move && move.source !== null && trace.events[cursor]?.moves?.includes(move) ? { party, event: move.event, source: move.source, targets: [move.target] } : undefined),
    [chart, move, party, trace, cursor],
  );
  const owner = t(`statecharts.owner.${party}` as Key);
  const label = (id: number) => t(`statecharts.instance.${party}` as Key, { id });
  return (
    <figure className="statechart" data-lifecycle={party}>
      <figcaption>
        {shown === null ? owner : label(shown)}
        {ids.length > 1 && (
          <>
            {' '}
            <label htmlFor={selectId} className="visually-hidden">
              {t(`statecharts.pick.${party}` as Key)}
            </label>
            <select id={selectId} value={shown ?? ''} onChange={(e) => setPicked(Number(e.target.value))}>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {label(id)}
                </option>
              ))}
            </select>
          </>
        )}
      </figcaption>
      {shown === null && <p className="hint">{t(`statecharts.none.${party}` as Key)}</p>}
      <ChartScroll active={active}>
        <StatechartSvg
          chart={chart}
          layout={layout}
          scale={scale}
          active={active}
          taken={taken}
          label={t('statecharts.chart', { party: shown === null ? owner : label(shown) })}
          t={t}
          describe={describe}
          onActivate={(node) => shown !== null && onJump(party, shown, label(shown), node)}
          onFocusState={onFocusState}
        />
      </ChartScroll>
    </figure>
  );
}

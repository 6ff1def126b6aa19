import { useEffect, useMemo, useState } from 'react';
import { stateDescription } from '../../i18n/localize';
import { useLang, useT } from '../../i18n/use-t';
import type { LifecycleParty, PartyId, Trace } from '../../sim/trace/types';
import { selectCursorLimit, selectQuestionOpen } from '../../store/derived';
import { useLab, useLabStore } from '../../store/lab-store-context';
import { chartsFor, lifecyclesFor } from './charts';
import { laneName } from '../../i18n/labels';
import { buildEnterIndex, type EnterIndex } from './enter-index';
import { LifecycleCharts } from './lifecycle-charts';
import { buildLifecycleIndex, type LifecycleIndex } from './lifecycle-index';
import { activeIds, describeValue, pathOf, takenIds, type Chart, type ChartNode } from './graph';
import { layoutChart, type ChartLayout } from './layout';
import { ChartScroll } from './chart-scroll';
import { StatechartSvg } from './statechart-svg';

const layouts = new Map<Chart, Promise<ChartLayout>>();
const layoutOf = (chart: Chart) => {
  let p = layouts.get(chart);
  if (!p) {
    p = layoutChart(chart);
    layouts.set(chart, p);
  }
  return p;
};

const indexes = new WeakMap<Trace, EnterIndex>();
function enterIndexFor(trace: Trace): EnterIndex {
  let index = indexes.get(trace);
  if (!index) {
    index = buildEnterIndex(trace, chartsFor(trace));
    indexes.set(trace, index);
  }
  return index;
}

const lifecycleIndexes = new WeakMap<Trace, LifecycleIndex>();
function lifecycleIndexFor(trace: Trace): LifecycleIndex {
  let index = lifecycleIndexes.get(trace);
  if (!index) {
    index = buildLifecycleIndex(trace);
    lifecycleIndexes.set(trace, index);
  }
  return index;
}

/** A party's name in the view: the lanes' names, and the transactional application's instances by their role. */
function partyName(p: PartyId, t: ReturnType<typeof useT>, lang: ReturnType<typeof useLang>): string {
  const id = p as string;
  if (id === 'connection') return t('lane.connection');
  if (id === 'controller') return t('lane.controller');
  if (id === 'txn-producer') return t('statecharts.txnProducer');
  if (id === 'txn-replacement') return t('statecharts.txnReplacement');
  return laneName(p as 'broker', lang);
}

/** The statechart view: every party's chart with the states active at the cursor and the transition just taken. */
export default function StatechartsView() {
  const t = useT();
  const lang = useLang();
  const store = useLabStore();
  const cursor = useLab((s) => s.cursor);
  const theme = useLab((s) => s.theme);
  const trace = useLab((s) => s.trace);
  // With replication: a chart per broker (its replica machine) and the controller's; with a consumer side, its
  // members', coordinator's and database's, and a message's persisted state.
  const charts = chartsFor(trace);
  const lifecycles = lifecyclesFor(trace);
  const [placed, setPlaced] = useState<ChartLayout[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState<ChartNode | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    Promise.all([...charts, ...lifecycles].map(layoutOf)).then(
      (l) => live && setPlaced(l),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [charts, lifecycles]);

  const index = enterIndexFor(trace);
  const lifecycleIndex = lifecycleIndexFor(trace);
  const event = trace.events[cursor];
  const states = event?.states;
  const transition = event?.transition;
  const active = useMemo(() => charts.map((c) => new Set(activeIds(c, states?.[c.party]))), [charts, states]);
  const taken = useMemo(() => charts.map((c) => takenIds(c, transition)), [charts, transition]);
  const party = (p: PartyId) => partyName(p, t, lang);
  const describe = (node: ChartNode) => stateDescription(node.id, node.description, lang);

  const jump = (chart: Chart, node: ChartNode, lifecycle?: { party: LifecycleParty; id: number; label: string }) => {
    const s = store.getState();
    const next = lifecycle ? lifecycleIndex.next(lifecycle.party, lifecycle.id, node.id, s.cursor) : index.next(chart.party as Chart<PartyId>['party'], node.id, s.cursor);
    const limit = selectCursorLimit(s);
    const params = { party: lifecycle ? lifecycle.label : party(chart.party as PartyId), state: pathOf(chart, node.id) };
    if (selectQuestionOpen(s) && (next < 0 || next > limit)) {
      if (limit > s.cursor) s.setCursor(limit);
      setStatus(t('statecharts.question'));
      return;
    }
    if (next < 0) {
      setStatus(t('statecharts.noLater', params));
      return;
    }
    s.setPlaying(false);
    s.setCursor(next);
    setStatus(t('statecharts.jumped', { ...params, k: next + 1 }));
  };

  if (error) return <p className="alert">{t('statecharts.loadFailed', { error })}</p>;
  const scale = theme === 'projector' ? 1.45 : 1;
  const transitionChart = transition ? charts.find((c) => c.party === transition.party) : undefined;
  const focusedText = focused ? describe(focused) : null;

  return (
    <div className="statecharts-body">
      <p className="hint">{index.recorded ? t('statecharts.hint') : t('statecharts.noStates')}</p>
      {index.recorded && (
        <div className="statecharts-now">
          <h3>{t('statecharts.activeTitle')}</h3>
          <ul className="statecharts-active-list">
            {charts.map((c) => (
              <li key={c.party} data-party={c.party}>
                <strong>{party(c.party)}</strong>: <code>{describeValue(c, states?.[c.party])}</code>
              </li>
            ))}
          </ul>
          <p className="statecharts-transition">
            {transition && transitionChart
              ? t(transition.targets.length > 0 ? 'statecharts.transition' : 'statecharts.transitionStay', {
                  party: party(transition.party),
                  // A transition of the machine's root (handled whatever the state) has no path of its own.
                  source: pathOf(transitionChart, transition.source) || t('statecharts.root'),
                  targets: transition.targets.map((id) => pathOf(transitionChart, id) || id).join(', '),
                  event: transition.event,
                })
              : t('statecharts.noTransition')}
          </p>
        </div>
      )}
      {!placed ? (
        <p className="hint">{t('statecharts.loading')}</p>
      ) : (
        <div className="statecharts-charts">
          {charts.map((c, k) => (
            <figure key={c.party} className="statechart">
              <figcaption>{party(c.party)}</figcaption>
              <ChartScroll active={active[k]!}>
                <StatechartSvg
                  chart={c}
                  layout={placed[k]!}
                  scale={scale}
                  active={active[k]!}
                  taken={taken[k]!}
                  label={t('statecharts.chart', { party: party(c.party) })}
                  t={t}
                  describe={describe}
                  onActivate={(node) => jump(c, node)}
                  onFocusState={setFocused}
                />
              </ChartScroll>
            </figure>
          ))}
        </div>
      )}
      {placed && index.recorded && (
        <LifecycleCharts
          charts={lifecycles}
          trace={trace}
          cursor={cursor}
          index={lifecycleIndex}
          layouts={placed.slice(charts.length)}
          scale={scale}
          t={t}
          describe={describe}
          onFocusState={setFocused}
          onJump={(p, id, label, node) => jump(lifecycles.find((c) => c.party === p)!, node, { party: p, id, label })}
        />
      )}
      <p className="statecharts-details" aria-hidden="true">
        {focused ? (
          <>
            <code>{focused.key}</code>
            {focusedText ? ` — ${focusedText}` : ''}
          </>
        ) : (
          '\u00a0'
        )}
      </p>
      <p className="statecharts-status" role="status">
        {status}
      </p>
    </div>
  );
}

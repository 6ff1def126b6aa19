import { useEffect, useId, useReducer, useState } from 'react';
import type { Scenario } from '../../sim/scenario/schema';
import type { LogRecord, Trace } from '../../sim/trace/types';
import type { CompareDimension } from '../../store/lab-state';
import { useLab, useLabStore } from '../../store/lab-store-context';
import { plural } from '../../i18n/t';
import { useLang, useT } from '../../i18n/use-t';
import { compareSides, compareTraces, cursorAtTime, diffLogs, rankAtTime } from './compare';
import { CompareTimeline } from './compare-timeline';
import { fitWindow, panWindow, zoomWindow, type TimeWindow } from './time-window';

/** Both runs of the comparison, or null while the worker is still running one of them. */
function useCompareTraces(scenario: Scenario, trace: Trace, by: CompareDimension): [Trace, Trace] | null {
  const sim = useLabStore().sim;
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const got = compareTraces(scenario, trace, by, sim);
  const pending = got instanceof Promise ? got : null;
  useEffect(() => {
    if (!pending) return;
    let live = true;
    void pending.then(() => live && redraw());
    return () => {
      live = false;
    };
  }, [pending]);
  return pending ? null : (got as [Trace, Trace]);
}

/** The comparison: loaded when it is first opened (compare-view.tsx). */
export function CompareView({ by }: { by: CompareDimension }) {
  // The comparison belongs to the run on screen: its scenario, not inputs whose run is still being computed.
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => (s.runStatus.kind === 'running' ? s.trace.scenario : s.scenario));
  const traces = useCompareTraces(scenario, trace, by);
  if (!traces) return <CompareWaiting />;
  return <CompareRuns by={by} scenario={scenario} trace={trace} traces={traces} />;
}

function CompareWaiting() {
  const t = useT();
  return (
    <section className="compare" aria-label={t('compare.region')} aria-busy="true">
      <p className="compare-summary muted">{t('compare.running')}</p>
    </section>
  );
}

function CompareRuns({ by, scenario, trace, traces }: { by: CompareDimension; scenario: Scenario; trace: Trace; traces: [Trace, Trace] }) {
  const cursor = useLab((s) => s.cursor);
  const theme = useLab((s) => s.theme);
  const tr = useT();
  const lang = useLang();
  const sides = compareSides(scenario, by).map((side) => ({ ...side, label: tr(side.label) }));
  const t = trace.events[cursor]?.t ?? 0;
  const rank = rankAtTime(trace, cursor);
  const cursors = traces.map((tr) => (tr === trace ? cursor : cursorAtTime(tr, t, rank)));
  const endT = Math.max(traces[0].endT, traces[1].endT);
  // One window of virtual time for both runs (null: the whole run), so that the same moment sits at the same place.
  const [zoomed, setZoomed] = useState<TimeWindow | null>(null);
  const view = zoomed ?? fitWindow(endT);
  const show = (w: TimeWindow) => setZoomed(panWindow(w, 0, endT));
  const diff = diffLogs(traces[0].log, traces[1].log, tr);
  const delta = traces[0].log.length - traces[1].log.length;
  const summary =
    delta === 0
      ? tr('compare.same', { n: traces[0].log.length })
      : plural(lang, 'compare.more', Math.abs(delta), { label: sides[delta > 0 ? 0 : 1]!.label, d: Math.abs(delta), a: traces[0].log.length, b: traces[1].log.length });
  const zoomButtons = (
    <div className="zoom-buttons" role="group" aria-label={tr('compare.zoomGroup')}>
      <button type="button" aria-label={tr('zoom.in')} title={tr('zoom.inTitle')} onClick={() => show(zoomWindow(view, 2, t))}>
        +
      </button>
      <button type="button" aria-label={tr('zoom.out')} title={tr('zoom.outTitle')} onClick={() => show(zoomWindow(view, 0.5, t))}>
        −
      </button>
      <button type="button" title={tr('zoom.fitTitle')} aria-pressed={zoomed === null} onClick={() => setZoomed(null)}>
        {tr('zoom.fit')}
      </button>
    </div>
  );
  return (
    <section className="compare" aria-label={tr('compare.region')}>
      <div className="compare-runs">
        {traces.map((run, k) => (
          <CompareTimeline
            key={k}
            id={`compare-${k}`}
            trace={run}
            cursor={cursors[k]!}
            view={view}
            onView={show}
            theme={theme}
            label={sides[k]!.label}
          />
        ))}
      </div>
      <div className="compare-foot">
        <p className="compare-summary" role="status">
          <strong>{summary}</strong>
        </p>
        <details className="compare-details">
          <summary>{tr('compare.logsOpen', { seed: scenario.seed, dimension: tr(`compare.dim.${by}`) })}</summary>
          <div className="compare-logs">
            {traces.map((run, k) => (
              <LogColumn key={k} label={sides[k]!.label} log={run.log} notes={diff.notes[k]!} missing={diff.missing[k]!} />
            ))}
          </div>
        </details>
        {zoomButtons}
      </div>
    </section>
  );
}

function LogColumn({ label, log, notes, missing }: { label: string; log: readonly LogRecord[]; notes: readonly (string | null)[]; missing: readonly number[] }) {
  const id = useId();
  const t = useT();
  const lang = useLang();
  return (
    <div className="compare-log">
      <h3 id={id}>{plural(lang, 'compare.log', log.length, { label })}</h3>
      <table className="data-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{t('brokerState.offset')}</th>
            <th scope="col">{t('brokerState.message')}</th>
            <th scope="col">{t('compare.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {log.map((r, i) => (
            <tr key={r.offset} data-diverges={notes[i] ? 'true' : undefined}>
              <td>{r.offset}</td>
              <td>{t('compare.messageN', { m: r.message })}</td>
              <td>{notes[i] ? <strong>⚠ {notes[i]}</strong> : t('compare.sameRow')}</td>
            </tr>
          ))}
          {log.length === 0 && (
            <tr>
              <td colSpan={3}>{t('compare.empty')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {missing.length > 0 && (
        <p className="compare-missing">
          <strong>{t('compare.missing', { list: missing.map((m) => t('compare.messageN', { m })).join(t('punct.listSeparator')) })}</strong>
          {t('compare.missingTail')}
        </p>
      )}
    </div>
  );
}

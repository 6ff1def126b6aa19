import { useId } from 'react';
import type { LogRecord } from '../../sim/trace/types';
import { COMPARE_DIMENSIONS, type CompareDimension } from '../../store/lab-state';
import { useLab } from '../../store/lab-store-context';
import { Timeline } from '../timeline/timeline';
import { compareSides, compareTraces, cursorAtTime, diffLogs, DIMENSION_LABELS, rankAtTime } from './compare';
import { CompareTimeline } from './compare-timeline';

/**
 * The timeline area: the lab's own timeline, or the same scenario, seed and faults run twice with one setting
 * changed, on two timelines that follow the one playback cursor by virtual time.
 */
export function TimelineArea() {
  const compareBy = useLab((s) => s.compareBy);
  const setCompareBy = useLab((s) => s.setCompareBy);
  return (
    <>
      <div className="compare-bar">
        <button type="button" aria-pressed={compareBy !== null} onClick={() => setCompareBy(compareBy ? null : 'idempotence')}>
          Compare off vs on
        </button>
        {compareBy && <DimensionSelect value={compareBy} onChange={setCompareBy} />}
      </div>
      {compareBy ? <CompareView by={compareBy} /> : <Timeline />}
    </>
  );
}

function DimensionSelect({ value, onChange }: { value: CompareDimension; onChange: (d: CompareDimension) => void }) {
  const id = useId();
  return (
    <span className="compare-dimension">
      <label htmlFor={id}>Setting that differs</label>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as CompareDimension)}>
        {COMPARE_DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {DIMENSION_LABELS[d]}
          </option>
        ))}
      </select>
    </span>
  );
}

function CompareView({ by }: { by: CompareDimension }) {
  const scenario = useLab((s) => s.scenario);
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const theme = useLab((s) => s.theme);
  const sides = compareSides(scenario, by);
  const traces = compareTraces(scenario, trace, by);
  const t = trace.events[cursor]?.t ?? 0;
  const rank = rankAtTime(trace, cursor);
  const cursors = traces.map((tr) => (tr === trace ? cursor : cursorAtTime(tr, t, rank)));
  const endT = Math.max(traces[0].endT, traces[1].endT);
  const diff = diffLogs(traces[0].log, traces[1].log);
  const delta = traces[0].log.length - traces[1].log.length;
  const summary =
    delta === 0
      ? `Both logs hold ${traces[0].log.length} records.`
      : `The “${sides[delta > 0 ? 0 : 1].label}” log holds ${Math.abs(delta)} more record${Math.abs(delta) === 1 ? '' : 's'} (${traces[0].log.length} vs ${traces[1].log.length}).`;
  return (
    <section className="compare" aria-label="Side-by-side comparison">
      <p className="compare-summary">
        Same scenario, seed {scenario.seed} and faults, run twice: {DIMENSION_LABELS[by]}. Playback moves both runs to the same virtual time, t={t} ms.
      </p>
      <div className="compare-runs">
        {traces.map((tr, k) => (
          <CompareTimeline key={k} id={`compare-${k}`} trace={tr} cursor={cursors[k]!} endT={endT} theme={theme} label={sides[k]!.label} />
        ))}
      </div>
      <p className="compare-summary" role="status">
        <strong>{summary}</strong>
      </p>
      <div className="compare-logs">
        {traces.map((tr, k) => (
          <LogColumn key={k} label={sides[k]!.label} log={tr.log} notes={diff.notes[k]!} missing={diff.missing[k]!} />
        ))}
      </div>
    </section>
  );
}

function LogColumn({ label, log, notes, missing }: { label: string; log: readonly LogRecord[]; notes: readonly (string | null)[]; missing: readonly number[] }) {
  const id = useId();
  return (
    <div className="compare-log">
      <h3 id={id}>
        Partition log: {label} ({log.length} record{log.length === 1 ? '' : 's'})
      </h3>
      <table className="data-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">Offset</th>
            <th scope="col">Message</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {log.map((r, i) => (
            <tr key={r.offset} data-diverges={notes[i] ? 'true' : undefined}>
              <td>{r.offset}</td>
              <td>message {r.message}</td>
              <td>{notes[i] ? <strong>⚠ {notes[i]}</strong> : 'same'}</td>
            </tr>
          ))}
          {log.length === 0 && (
            <tr>
              <td colSpan={3}>Empty</td>
            </tr>
          )}
        </tbody>
      </table>
      {missing.length > 0 && (
        <p className="compare-missing">
          <strong>⚠ missing: {missing.map((m) => `message ${m}`).join(', ')}</strong> (written in the other run)
        </p>
      )}
    </div>
  );
}

import { createPortal } from 'react-dom';
import { describeEvent } from '../../sim/trace/describe';
import { formatT } from '../../sim/trace/format';
import type { Trace } from '../../sim/trace/types';
import { outcomeFor } from '../../store/derived';
import { timelineCanvas } from './timeline-picture';

/** Steps per timeline picture, and the most steps a handout lists. */
export const STEPS_PER_PICTURE = 10;
export const MAX_HANDOUT_STEPS = 400;

interface Chunk {
  from: number;
  to: number;
  picture: string | null;
}

function chunks(trace: Trace): Chunk[] {
  const n = Math.min(trace.events.length, MAX_HANDOUT_STEPS);
  const out: Chunk[] = [];
  for (let from = 0; from < n; from += STEPS_PER_PICTURE) {
    const to = Math.min(n, from + STEPS_PER_PICTURE) - 1;
    const ta = trace.events[from]!.t;
    const tb = trace.events[to]!.t;
    const pad = Math.max(4, (tb - ta) * 0.15);
    const canvas = timelineCanvas({ trace, cursor: to, theme: 'light', width: 900, window: [ta - pad, tb + pad] }, 1.5);
    out.push({ from, to, picture: canvas ? canvas.toDataURL('image/png') : null });
  }
  return out;
}

/** A printable handout: the scenario, the verdict, and every step with its narration and a picture of its neighbourhood. */
export function Handout({ trace }: { trace: Trace }) {
  const s = trace.scenario;
  const outcome = outcomeFor(trace);
  const list = chunks(trace);
  const p = s.producer;
  return createPortal(
    <article className="print-handout" aria-label="Printable handout">
      <h1>Exactly-Once Lab: {s.name}</h1>
      {s.description && <p>{s.description}</p>}
      <p className="handout-meta">
        Scenario <code>{s.id}</code> · seed {s.seed} · enable.idempotence={String(p['enable.idempotence'])} · acks={p.acks} · max.in.flight=
        {p['max.in.flight.requests.per.connection']} · {s.workload.messages} messages · {s.faults.scripted.length} scripted faults
      </p>
      <p className="handout-outcome">
        <strong>{outcome.exactlyOnce && outcome.inOrder ? 'Exactly once, in order.' : 'Not exactly once.'}</strong> {outcome.explanation}
      </p>
      {trace.events.length > MAX_HANDOUT_STEPS && (
        <p>
          The run has {trace.events.length.toLocaleString('en')} steps; this handout shows the first {MAX_HANDOUT_STEPS}.
        </p>
      )}
      {list.map((c) => (
        <section key={c.from} className="handout-chunk">
          <h2>
            Steps {c.from + 1}–{c.to + 1}
          </h2>
          {c.picture && <img src={c.picture} alt={`Timeline around steps ${c.from + 1} to ${c.to + 1}`} width={900} />}
          <ol start={c.from + 1}>
            {trace.events.slice(c.from, c.to + 1).map((ev) => (
              <li key={ev.i}>
                <span className="handout-t">{formatT(ev.t)}</span> {describeEvent(ev)}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </article>,
    document.body,
  );
}

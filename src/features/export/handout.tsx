import { createPortal } from 'react-dom';
import { resolveProducerConfig } from '../../sim/protocol/producer-config';
import { describe } from '../../i18n/describe';
import { explainOutcome } from '../../i18n/explain';
import { HTML_LANG, type Lang } from '../../i18n/lang';
import { scenarioDescription, scenarioName } from '../../i18n/localize';
import { formatNumber, translator } from '../../i18n/t';
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

function chunks(trace: Trace, lang: Lang): Chunk[] {
  const n = Math.min(trace.events.length, MAX_HANDOUT_STEPS);
  const out: Chunk[] = [];
  for (let from = 0; from < n; from += STEPS_PER_PICTURE) {
    const to = Math.min(n, from + STEPS_PER_PICTURE) - 1;
    const ta = trace.events[from]!.t;
    const tb = trace.events[to]!.t;
    const pad = Math.max(4, (tb - ta) * 0.15);
    const canvas = timelineCanvas({ trace, cursor: to, theme: 'light', width: 900, window: [ta - pad, tb + pad], lang }, 1.5);
    out.push({ from, to, picture: canvas ? canvas.toDataURL('image/png') : null });
  }
  return out;
}

/** A printable handout: the scenario, the verdict, and every step with its narration and a picture of its neighbourhood. */
export function Handout({ trace, lang = 'en' }: { trace: Trace; lang?: Lang }) {
  const t = translator(lang);
  const s = trace.scenario;
  const outcome = outcomeFor(trace);
  const list = chunks(trace, lang);
  const description = scenarioDescription(s.id, s.description, lang);
  const explanation = explainOutcome(lang, outcome);
  const p = s.producer;
  return createPortal(
    <article className="print-handout" aria-label={t('handout.label')} lang={HTML_LANG[lang]}>
      <h1>{t('handout.title', { name: scenarioName(s.id, s.name, lang) })}</h1>
      {description && <p>{description}</p>}
      <p className="handout-meta">
        {t('handout.meta', {
          id: s.id,
          seed: s.seed,
          idem: p['enable.idempotence'] !== undefined ? String(p['enable.idempotence']) : t('config.unsetValue', { value: String(resolveProducerConfig(p, s.kafkaVersion).config['enable.idempotence']) }),
          acks: p.acks,
          inflight: p['max.in.flight.requests.per.connection'],
          messages: s.workload.messages,
          faults: s.faults.scripted.length,
        })}
      </p>
      <p className="handout-outcome">
        <strong>{outcome.exactlyOnce && outcome.inOrder ? t('handout.good') : t('handout.bad')}</strong> {explanation}
      </p>
      {trace.events.length > MAX_HANDOUT_STEPS && (
        <p>{t('handout.tooMany', { n: formatNumber(lang, trace.events.length), max: MAX_HANDOUT_STEPS })}</p>
      )}
      {list.map((c) => (
        <section key={c.from} className="handout-chunk">
          <h2>{t('handout.steps', { a: c.from + 1, b: c.to + 1 })}</h2>
          {c.picture && <img src={c.picture} alt={t('handout.picture', { a: c.from + 1, b: c.to + 1 })} width={900} />}
          <ol start={c.from + 1}>
            {trace.events.slice(c.from, c.to + 1).map((ev) => (
              <li key={ev.i}>
                <span className="handout-t">{formatT(ev.t)}</span> {describe(ev, lang)}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </article>,
    document.body,
  );
}

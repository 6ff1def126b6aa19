import type { BrokerSnapshot } from '../../sim/trace/types';
import { inspectorFor, logFlagsFor } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { BrokerStateView, type LogRow } from './broker-state-view';
import { ReplicasView } from './replicas-view';
import { useLang, useT } from '../../i18n/use-t';
import { useRef } from 'react';
import { useStepMotion } from '../motion/use-step-motion';

/** How many of the newest log records the inspector lists (the table stays readable on a projector). */
export const LOG_ROWS = 12;

/** Before its first event the broker is as every run starts it: up, with an empty log and no producer ids. */
const FRESH_BROKER: BrokerSnapshot = { up: true, down: null, logEndOffset: 0, snapshotOffset: 0, producers: [] };

export function BrokerState() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const ins = inspectorFor(trace);
  const flags = logFlagsFor(trace);
  const total = ins.logLengthAt(cursor);
  const t = useT();
  const lang = useLang();
  const sectionRef = useRef<HTMLElement>(null);
  // A step that writes lights up the new rows; a recognised retry, the dedup slot that recognised it.
  useStepMotion(cursor, (m, ms) => {
    if (sectionRef.current) m.playInspector(sectionRef.current, trace.events[cursor], ins.brokerAt(cursor), ms);
  });
  // With replication every event carries the replicas' view; the leader's state is the one shown below it.
  const cluster = trace.events[cursor]?.cluster;
  const rows: LogRow[] = [];
  for (let k = Math.max(0, total - LOG_ROWS); k < total; k++) {
    rows.push({ record: trace.log[k]!, duplicateOf: flags.duplicateOf[k] ?? -1, reordered: flags.reordered[k] ?? false });
  }
  return (
    <section className="panel" aria-labelledby="broker-state-title" ref={sectionRef}>
      <h2 id="broker-state-title">{t('brokerState.title')}</h2>
      {cluster ? <ReplicasView cluster={cluster} lang={lang} /> : null}
      <BrokerStateView snapshot={ins.brokerAt(cursor) ?? FRESH_BROKER} rows={rows} total={total} lang={lang} />
    </section>
  );
}

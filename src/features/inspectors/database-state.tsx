import { useMemo } from 'react';
import { useLang, useT } from '../../i18n/use-t';
import { databaseTables } from '../../sim/trace/database-tables';
import { useLab } from '../../store/lab-store-context';
import { consumerInspectorFor } from './consumer-index';
import { DatabaseStateView } from './database-state-view';

/** The database inspector, in a run with a consumer: its tables as the committed transactions left them at the cursor. */
export function DatabaseState() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const t = useT();
  const lang = useLang();
  const tables = useMemo(() => (trace.scenario.consumer ? databaseTables(trace.events, cursor) : null), [trace, cursor]);
  if (!tables) return null;
  return (
    <section className="panel" aria-labelledby="database-state-title">
      <h2 id="database-state-title">{t('databaseState.title')}</h2>
      <DatabaseStateView snapshot={consumerInspectorFor(trace).databaseAt(cursor)} tables={tables} lang={lang} />
    </section>
  );
}

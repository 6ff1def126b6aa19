import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';
import type { DatabaseSnapshot, DatabaseTables } from '../../sim/trace/types';

/** One message's effects: how many rows it has (more than one: a duplicated effect), from which offsets. */
export interface EffectSummary {
  message: number;
  rows: number;
  offsets: number[];
  rewrites: number;
}

/** The effects table grouped by message id, in the order of each message's first effect. */
export function effectsByMessage(tables: DatabaseTables): EffectSummary[] {
  const by = new Map<number, EffectSummary>();
  for (const r of tables.effects) {
    const e = by.get(r.message);
    if (e) {
      e.rows++;
      e.offsets.push(r.offset);
      e.rewrites += r.rewrites;
    } else by.set(r.message, { message: r.message, rows: 1, offsets: [r.offset], rewrites: r.rewrites });
  }
  return [...by.values()];
}

/**
 * The application's database at the cursor: the effects table per message id with its counts (a duplicated effect
 * is marked with a sign and words, not colour alone), the processed-id table, and each message's persisted state.
 */
export function DatabaseStateView({ snapshot, tables, lang = 'en' }: { snapshot: DatabaseSnapshot | null; tables: DatabaseTables; lang?: Lang }) {
  const t = translator(lang);
  const none = t('producerState.none');
  const effects = effectsByMessage(tables);
  const up = snapshot?.up ?? true;
  return (
    <>
      <p className={up ? '' : 'bad'}>{up ? t('databaseState.up') : t('databaseState.down')}</p>
      <table className="data-table effects-table">
        <caption>{t('databaseState.effects', { n: tables.effects.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('databaseState.message')}</th>
            <th scope="col">{t('databaseState.count')}</th>
            <th scope="col">{t('databaseState.offsets')}</th>
          </tr>
        </thead>
        <tbody>
          {effects.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                {none}
              </td>
            </tr>
          ) : (
            effects.map((e) => (
              <tr key={e.message} className={e.rows > 1 ? 'dup' : undefined}>
                <td>m{e.message}</td>
                <td>
                  {e.rows > 1 ? (
                    <strong>
                      <span aria-hidden="true">⚠ </span>
                      {t('databaseState.duplicated', { n: e.rows })}
                    </strong>
                  ) : (
                    e.rows
                  )}
                  {e.rewrites > 0 && <span className="muted"> {t('databaseState.rewrites', { n: e.rewrites })}</span>}
                </td>
                <td>{e.offsets.map((o) => `@${o}`).join(', ')}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <table className="data-table processed-table">
        <caption>{t('databaseState.processed', { n: tables.processed.length })}</caption>
        <tbody>
          <tr>
            <td>{tables.processed.length ? tables.processed.map((m) => `m${m}`).join(', ') : none}</td>
          </tr>
        </tbody>
      </table>
      {tables.messages.length > 0 && (
        <table className="data-table message-states-table">
          <caption>{t('databaseState.states')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('databaseState.message')}</th>
              <th scope="col">{t('producerState.state')}</th>
            </tr>
          </thead>
          <tbody>
            {tables.messages.map((m) => (
              <tr key={m.message}>
                <td>m{m.message}</td>
                <td>{t(`messageState.${m.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

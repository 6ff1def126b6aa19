import type { LogRecord, BrokerSnapshot } from '../../sim/trace/types';
import { NUM_BATCHES_TO_RETAIN } from '../../sim/protocol/types';
import type { Lang } from '../../i18n/lang';
import { plural, translator, type Translate } from '../../i18n/t';

export interface LogRow {
  record: LogRecord;
  duplicateOf: number;
  reordered: boolean;
}

interface Props {
  snapshot: BrokerSnapshot;
  rows: LogRow[];
  /** Total records in the log at the cursor (rows may be only the newest ones). */
  total: number;
  lang?: Lang;
}

function DedupWindow({ snapshot, t }: { snapshot: BrokerSnapshot; t: Translate }) {
  if (snapshot.producers.length === 0) return <p className="muted">{t('brokerState.noPids')}</p>;
  return (
    <>
      {snapshot.producers.map((p) => {
        const slots = Array.from({ length: NUM_BATCHES_TO_RETAIN }, (_, i) => p.batches[i]);
        return (
          <div key={p.pid} className="dedup">
            <h4>{t('brokerState.pidEpoch', { pid: p.pid < 0 ? t('producerState.none') : p.pid, epoch: p.epoch })}</h4>
            <ol className="dedup-slots" aria-label={t('brokerState.slots', { pid: p.pid, n: NUM_BATCHES_TO_RETAIN })}>
              {slots.map((b, i) => (
                <li key={i} className={b ? 'slot filled' : 'slot empty'}>
                  {b ? (
                    <>
                      <span className="slot-seq">
                        seq {b.firstSeq}–{b.lastSeq}
                      </span>
                      <span className="slot-offset">@{b.firstOffset}</span>
                    </>
                  ) : (
                    <span className="slot-empty">{t('brokerState.empty')}</span>
                  )}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </>
  );
}

export function BrokerStateView({ snapshot, rows, total, lang = 'en' }: Props) {
  const t = translator(lang);
  return (
    <>
      <p className="broker-status">
        Broker <strong>{t(snapshot.up ? 'brokerState.up' : snapshot.down === 'crash' ? 'brokerState.downCrash' : 'brokerState.downClean')}</strong> ·{' '}
        {t('brokerState.leo', { n: snapshot.logEndOffset })} · {t('brokerState.snapshotAt', { n: snapshot.snapshotOffset })}
      </p>
      <table className="data-table log-table">
        <caption>
          {total > rows.length ? t('brokerState.logNewest', { k: rows.length, n: total }) : plural(lang, 'brokerState.log', total)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('brokerState.offset')}</th>
            <th scope="col">{t('brokerState.message')}</th>
            <th scope="col">PID</th>
            <th scope="col">{t('producerState.epoch')}</th>
            <th scope="col">{t('producerState.seq')}</th>
            <th scope="col">{t('brokerState.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {t('brokerState.empty')}
              </td>
            </tr>
          ) : (
            rows.map(({ record: r, duplicateOf, reordered }) => (
              <tr key={r.offset} className={duplicateOf >= 0 ? 'row-duplicate' : reordered ? 'row-reordered' : undefined}>
                <td>{r.offset}</td>
                <td>{r.message}</td>
                <td>{r.pid < 0 ? '–' : r.pid}</td>
                <td>{r.epoch < 0 ? '–' : r.epoch}</td>
                <td>{r.seq < 0 ? '–' : r.seq}</td>
                <td>
                  {duplicateOf >= 0 ? <strong>{t('brokerState.duplicateOf', { n: duplicateOf })}</strong> : null}
                  {reordered ? <strong>{t('brokerState.outOfOrder')}</strong> : null}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h3 className="sub">{t('brokerState.window', { n: NUM_BATCHES_TO_RETAIN })}</h3>
      {snapshot.up ? null : <p className="muted">{t(snapshot.down === 'crash' ? 'brokerState.whileDownCrash' : 'brokerState.whileDownClean')}</p>}
      <DedupWindow snapshot={snapshot} t={t} />
    </>
  );
}

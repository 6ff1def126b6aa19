import type { Lang } from '../../i18n/lang';
import { translator, type Translate } from '../../i18n/t';
import type { CoordinatorAt, PartitionAt, RecordAt } from './txn-index';

/** The internal partitions are long and rarely the point: folded unless they are the only ones. */
const FOLDED = new Set(['__transaction_state-0']);

function recordText(at: RecordAt, t: Translate): string {
  const r = at.record;
  switch (r.kind) {
    case 'control':
      return `${r.control === 'COMMIT' ? '◆' : '⊘'} ${t('txnInspector.marker', { result: r.control ?? '', epoch: r.epoch })}`;
    case 'offset':
      return t('txnInspector.offsetRecord', { position: r.message });
    case 'state':
      return t('txnInspector.stateRecord', { state: r.state ?? '', epoch: r.epoch });
    default:
      return r.transactional ? t('txnInspector.data', { message: r.message, pid: r.pid, epoch: r.epoch }) : t('txnInspector.input', { message: r.message });
  }
}

function statusText(at: RecordAt, t: Translate): string {
  if (at.status === 'aborted') return t('txnInspector.aborted');
  if (at.status === 'open') return t('txnInspector.uncommitted');
  if (at.status === 'committed') return t('txnInspector.committed');
  return '';
}

/** One partition at the cursor: its LSO and log end, its open transactions, and its records with their fate. */
function PartitionTable({ p, t }: { p: PartitionAt; t: Translate }) {
  return (
    <details className="txn-partition" open={!FOLDED.has(p.id)} data-partition={p.id}>
      <summary>{t('txnInspector.partition', { partition: p.id, lso: p.lso, leo: p.leo })}</summary>
      <p className="hint">{p.open.length ? p.open.map((o) => t('txnInspector.open', { pid: o.pid, first: o.first })).join(' · ') : t('txnInspector.noOpen')}</p>
      {p.records.length === 0 ? (
        <p className="muted">{t('txnInspector.empty')}</p>
      ) : (
        <table className="data-table txn-log-table">
          <caption className="visually-hidden">{p.id}</caption>
          <thead>
            <tr>
              <th scope="col">{t('txnInspector.offset')}</th>
              <th scope="col">{t('txnInspector.record')}</th>
              <th scope="col">{t('txnInspector.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.records.map((at) => (
              <tr key={at.record.offset} className={`txn-row-${at.record.kind} txn-row-${at.status}`}>
                <td>{at.record.offset}</td>
                <td>{recordText(at, t)}</td>
                <td>{statusText(at, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** A transactional run at the cursor: the coordinator's state, then every partition. */
export function TxnStateView({ coordinator, partitions, lang = 'en' }: { coordinator: CoordinatorAt | null; partitions: PartitionAt[]; lang?: Lang }) {
  const t = translator(lang);
  return (
    <>
      <h3 className="sub">{t('txnInspector.coordinator')}</h3>
      {coordinator ? (
        <>
          <p className="txn-coordinator-state">
            {t('txnInspector.coordState', { id: coordinator.transactionalId, state: coordinator.state, pid: coordinator.pid, epoch: coordinator.epoch })}
          </p>
          {coordinator.partitions.length > 0 && <p className="hint">{t('txnInspector.inTxn', { list: coordinator.partitions.join(t('fmt.listSep')) })}</p>}
        </>
      ) : (
        <p className="muted">{t('txnInspector.noState')}</p>
      )}
      {partitions.map((p) => (
        <PartitionTable key={p.id} p={p} t={t} />
      ))}
    </>
  );
}

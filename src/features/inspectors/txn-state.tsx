import { useLab } from '../../store/lab-store-context';
import { useLang, useT } from '../../i18n/use-t';
import { txnIndexFor } from './txn-index';
import { TxnStateView } from './txn-state-view';

/** A transactional run's inspector: the coordinator and the partitions after the step at the cursor. */
export function TxnState() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const t = useT();
  const lang = useLang();
  const index = txnIndexFor(trace);
  return (
    <section className="panel txn-state" aria-labelledby="txn-state-title">
      <h2 id="txn-state-title">{t('txnInspector.title')}</h2>
      <p className="hint">{t('txnInspector.scope')}</p>
      <TxnStateView coordinator={index.coordinatorAt(cursor)} partitions={index.partitionsAt(cursor)} lang={lang} />
    </section>
  );
}

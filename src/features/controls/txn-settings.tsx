import { Fragment } from 'react';
import { useT } from '../../i18n/use-t';
import { transactionRulesOf } from '../../sim/scenario/schema';
import { useLab } from '../../store/lab-store-context';
import { describeFault } from './describe-fault';

/** A setting's name, free to wrap after its dots only (never inside a word). */
function SettingName({ name }: { name: string }) {
  const parts = name.split('.');
  return (
    <code>
      {parts.map((p, k) => (
        <Fragment key={k}>
          {p}
          {k < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </code>
  );
}

/**
 * A transactional run's settings, read-only: the producer's own settings, fault rates and faults do not apply (the
 * scenario file sets the transactions section and its transaction faults), and a short note says so. The faults are
 * worded like the other runs' scripted faults.
 */
export function TxnSettings() {
  const scenario = useLab((s) => s.trace.scenario);
  const t = useT();
  const txn = scenario.transactions;
  if (!txn) return null;
  const rules = transactionRulesOf(scenario);
  const rows: [string, string][] = [
    ['transactional.id', txn['transactional.id']],
    ['group.id', txn['group.id']],
    ['app', txn.app],
    ['records.per.transaction', String(txn['records.per.transaction'])],
    ['output.partitions', String(txn['output.partitions'])],
    ['transaction.version', String(rules.tv)],
    ['transaction.partition.verification.enable', String(rules.verification)],
    ['transaction.timeout.ms', String(txn['transaction.timeout.ms'])],
    ['request.timeout.ms', String(txn['request.timeout.ms'])],
    ['readers', (txn.readers ?? []).map((r) => r['isolation.level']).join(', ')],
  ];
  return (
    <fieldset className="txn-settings">
      <legend>{t('txn.settings.title')}</legend>
      <p className="hint">{t('txn.settings.note')}</p>
      <dl className="txn-settings-list">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>
              <SettingName name={k} />
            </dt>
            <dd>
              <code>{v}</code>
            </dd>
          </div>
        ))}
      </dl>
      {scenario.faults.scripted.length > 0 && (
        <>
          <h3 className="txn-faults-title">{t('txn.settings.faults')}</h3>
          <ul className="txn-faults">
            {scenario.faults.scripted.map((f, k) => (
              <li key={k}>{describeFault(f, t)}</li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}

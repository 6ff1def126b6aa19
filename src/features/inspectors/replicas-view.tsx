import type { ClusterSnapshot } from '../../sim/trace/types';
import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';

/**
 * With replication: who leads, the in-sync replicas, the high watermark, and each replica's role and log end, as
 * the trace recorded them at the cursor.
 */
export function ReplicasView({ cluster, lang = 'en' }: { cluster: ClusterSnapshot; lang?: Lang }) {
  const t = translator(lang);
  return (
    <div className="replicas" data-testid="replicas">
      <h3>{t('replicas.title')}</h3>
      <p className="broker-status">
        {cluster.leader === null ? t('replicas.noLeader') : t('replicas.leader', { n: cluster.leader, epoch: cluster.leaderEpoch })} ·{' '}
        {t('replicas.isr', { isr: cluster.isr.join(', ') })}
        {cluster.hw >= 0 ? <> · {t('replicas.hw', { n: cluster.hw })}</> : null}
      </p>
      <table className="data-table replicas-table">
        <thead>
          <tr>
            <th scope="col">{t('replicas.broker')}</th>
            <th scope="col">{t('replicas.role')}</th>
            <th scope="col">{t('replicas.inIsr')}</th>
            <th scope="col">{t('replicas.leo')}</th>
            <th scope="col">{t('replicas.replicaHw')}</th>
          </tr>
        </thead>
        <tbody>
          {cluster.replicas.map((r) => (
            <tr key={r.broker} className={r.role === 'leader' ? 'replica-leader' : undefined}>
              <td>{r.broker}</td>
              <td>{t(`replicas.role.${r.role}`)}</td>
              <td>{cluster.isr.includes(r.broker) ? '✓' : '–'}</td>
              <td>{r.leo}</td>
              <td>{r.hw}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('replicas.simplified')}</p>
    </div>
  );
}

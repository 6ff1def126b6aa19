import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';
import type { ProducerSnapshot } from '../../sim/trace/types';

export function ProducerStateView({ snapshot, lang = 'en' }: { snapshot: ProducerSnapshot | null; lang?: Lang }) {
  const t = translator(lang);
  const none = t('producerState.none');
  const seq = (n: number) => (n < 0 ? none : String(n));
  if (!snapshot) return <p className="muted">{t('producerState.notStarted')}</p>;
  const s = snapshot;
  return (
    <>
      <dl className="facts">
        <dt>{t('producerState.instance')}</dt>
        <dd>{s.instance}</dd>
        <dt>{t('producerState.pid')}</dt>
        <dd>{s.pid < 0 ? t('header.noPid') : s.pid}</dd>
        <dt>{t('producerState.epoch')}</dt>
        <dd>{s.epoch < 0 ? none : s.epoch}</dd>
        <dt>{t('producerState.nextSeq')}</dt>
        <dd>{s.idempotent ? s.nextSeq : t('producerState.notUsed')}</dd>
        <dt>{t('producerState.lastAcked')}</dt>
        <dd>{seq(s.lastAckedSeq)}</dd>
        <dt>{t('producerState.unresolved')}</dt>
        <dd>{s.unresolvedSeq < 0 ? none : t('producerState.upTo', { n: s.unresolvedSeq })}</dd>
        <dt>{t('producerState.open')}</dt>
        <dd>{s.connection < 0 ? t('producerState.openNone', { n: s.openRequests }) : t('producerState.openOn', { n: s.openRequests, c: s.connection })}</dd>
        <dt>{t('producerState.waiting')}</dt>
        <dd>{s.queued}</dd>
      </dl>
      <table className="data-table">
        <caption>{t('producerState.inFlight')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('producerState.batch')}</th>
            <th scope="col">{t('producerState.messages')}</th>
            <th scope="col">{t('producerState.seq')}</th>
            <th scope="col">{t('producerState.epoch')}</th>
            <th scope="col">{t('producerState.attempts')}</th>
            <th scope="col">{t('producerState.state')}</th>
          </tr>
        </thead>
        <tbody>
          {s.inFlight.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {none}
              </td>
            </tr>
          ) : (
            s.inFlight.map((b) => (
              <tr key={b.batch}>
                <td>{b.batch}</td>
                <td>{b.messages.join(', ')}</td>
                <td>{b.baseSeq < 0 ? '–' : `${b.baseSeq}–${b.baseSeq + b.messages.length - 1}`}</td>
                <td>{b.epoch < 0 ? '–' : b.epoch}</td>
                <td>{b.attempts}</td>
                <td>{t(`batchState.${b.state}`)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}

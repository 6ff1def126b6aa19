import type { ProducerSnapshot } from '../../sim/trace/types';

const seq = (n: number) => (n < 0 ? 'none' : String(n));

export function ProducerStateView({ snapshot }: { snapshot: ProducerSnapshot | null }) {
  if (!snapshot) return <p className="muted">The producer has not started yet.</p>;
  const s = snapshot;
  return (
    <>
      <dl className="facts">
        <dt>Instance</dt>
        <dd>{s.instance}</dd>
        <dt>Producer id</dt>
        <dd>{s.pid < 0 ? 'no PID' : s.pid}</dd>
        <dt>Epoch</dt>
        <dd>{s.epoch < 0 ? 'none' : s.epoch}</dd>
        <dt>Next sequence</dt>
        <dd>{s.idempotent ? s.nextSeq : 'not used'}</dd>
        <dt>Last acked seq</dt>
        <dd>{seq(s.lastAckedSeq)}</dd>
        <dt>Unresolved</dt>
        <dd>{s.unresolvedSeq < 0 ? 'none' : `up to seq ${s.unresolvedSeq}`}</dd>
        <dt>Open requests</dt>
        <dd>{s.connection < 0 ? `${s.openRequests} (no connection)` : `${s.openRequests} on connection ${s.connection}`}</dd>
        <dt>Waiting in accumulator</dt>
        <dd>{s.queued}</dd>
      </dl>
      <table className="data-table">
        <caption>In-flight batches</caption>
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">Messages</th>
            <th scope="col">Seq</th>
            <th scope="col">Epoch</th>
            <th scope="col">Attempts</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {s.inFlight.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                none
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
                <td>{b.state}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}

import type { LogRecord, BrokerSnapshot } from '../../sim/trace/types';
import { NUM_BATCHES_TO_RETAIN } from '../../sim/protocol/types';

export interface LogRow {
  record: LogRecord;
  duplicateOf: number;
  reordered: boolean;
}

interface Props {
  snapshot: BrokerSnapshot | null;
  rows: LogRow[];
  /** Total records in the log at the cursor (rows may be only the newest ones). */
  total: number;
}

function DedupWindow({ snapshot }: { snapshot: BrokerSnapshot }) {
  if (snapshot.producers.length === 0) return <p className="muted">No producer ids known yet (nothing to deduplicate against).</p>;
  return (
    <>
      {snapshot.producers.map((p) => {
        const slots = Array.from({ length: NUM_BATCHES_TO_RETAIN }, (_, i) => p.batches[i]);
        return (
          <div key={p.pid} className="dedup">
            <h4>
              Producer id {p.pid < 0 ? 'none' : p.pid} · epoch {p.epoch}
            </h4>
            <ol className="dedup-slots" aria-label={`Dedup window for producer id ${p.pid}: the last ${NUM_BATCHES_TO_RETAIN} batches`}>
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
                    <span className="slot-empty">empty</span>
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

export function BrokerStateView({ snapshot, rows, total }: Props) {
  return (
    <>
      <p className="broker-status">
        {snapshot ? (
          <>
            Broker <strong>{snapshot.up ? 'up' : 'down'}</strong> · log end offset {snapshot.logEndOffset}
          </>
        ) : (
          'Broker not started yet.'
        )}
      </p>
      <table className="data-table log-table">
        <caption>
          Partition log{total > rows.length ? ` (newest ${rows.length} of ${total})` : ` (${total} record${total === 1 ? '' : 's'})`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Offset</th>
            <th scope="col">Message</th>
            <th scope="col">PID</th>
            <th scope="col">Epoch</th>
            <th scope="col">Seq</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                empty
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
                  {duplicateOf >= 0 ? <strong>duplicate of @{duplicateOf}</strong> : null}
                  {reordered ? <strong>out of order</strong> : null}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h3 className="sub">Dedup window (last {NUM_BATCHES_TO_RETAIN} batches per producer id)</h3>
      {snapshot ? <DedupWindow snapshot={snapshot} /> : <p className="muted">empty</p>}
    </>
  );
}

import { inspectorFor } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { ProducerStateView } from './producer-state-view';

export function ProducerState() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const snapshot = inspectorFor(trace).producerAt(cursor);
  return (
    <section className="panel" aria-labelledby="producer-state-title">
      <h2 id="producer-state-title">Producer state</h2>
      <ProducerStateView snapshot={snapshot} />
    </section>
  );
}

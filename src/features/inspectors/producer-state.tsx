import { inspectorFor } from '../../store/derived';
import { useLab } from '../../store/lab-store-context';
import { ProducerStateView } from './producer-state-view';
import { useLang, useT } from '../../i18n/use-t';

export function ProducerState() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const snapshot = inspectorFor(trace).producerAt(cursor);
  const t = useT();
  const lang = useLang();
  return (
    <section className="panel" aria-labelledby="producer-state-title">
      <h2 id="producer-state-title">{t('producerState.title')}</h2>
      <ProducerStateView snapshot={snapshot} lang={lang} />
    </section>
  );
}

import { useLang, useT } from '../../i18n/use-t';
import { useLab } from '../../store/lab-store-context';
import { consumerInspectorFor, stateText } from './consumer-index';
import { ConsumerStateView } from './consumer-state-view';

/** The consumer inspector, in a run with a consumer: read from the trace's snapshots at the cursor. */
export function ConsumerState() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const t = useT();
  const lang = useLang();
  if (!trace.scenario.consumer) return null;
  const ins = consumerInspectorFor(trace);
  const states = trace.events[cursor]?.states;
  const members = (ins.members.length ? ins.members : (['consumer-1'] as const)).map((member) => ({
    member,
    snapshot: ins.memberAt(member, cursor),
    state: stateText(states?.[member]),
  }));
  return (
    <section className="panel" aria-labelledby="consumer-state-title">
      <h2 id="consumer-state-title">{t('consumerState.title')}</h2>
      <ConsumerStateView members={members} coordinator={ins.coordinatorAt(cursor)} lang={lang} />
    </section>
  );
}

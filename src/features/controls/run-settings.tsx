import { useLab } from '../../store/lab-store-context';
import { NumberField } from './number-field';
import { useT } from '../../i18n/use-t';

export function RunSettings() {
  const seed = useLab((s) => s.scenario.seed);
  const messages = useLab((s) => s.scenario.workload.messages);
  const setSeed = useLab((s) => s.setSeed);
  const setMessages = useLab((s) => s.setMessages);
  const t = useT();
  return (
    <fieldset className="group">
      <legend>{t('run.legend')}</legend>
      <NumberField label={t('run.seed')} value={seed} min={0} max={0xffffffff} hint={t('run.seedHint')} onCommit={setSeed} />
      <NumberField label={t('run.messages')} value={messages} min={0} max={50000} onCommit={setMessages} />
    </fieldset>
  );
}

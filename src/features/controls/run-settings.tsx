import { useLab } from '../../store/lab-store-context';
import { NumberField } from './number-field';

export function RunSettings() {
  const seed = useLab((s) => s.scenario.seed);
  const messages = useLab((s) => s.scenario.workload.messages);
  const setSeed = useLab((s) => s.setSeed);
  const setMessages = useLab((s) => s.setMessages);
  return (
    <fieldset className="group">
      <legend>Run</legend>
      <NumberField label="Seed" value={seed} min={0} max={0xffffffff} hint="Same seed, same run." onCommit={setSeed} />
      <NumberField label="Messages" value={messages} min={0} max={50000} onCommit={setMessages} />
    </fieldset>
  );
}

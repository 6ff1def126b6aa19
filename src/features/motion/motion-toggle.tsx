import { useT } from '../../i18n/use-t';
import { useLab } from '../../store/lab-store-context';

/** The setting that turns motion off (the system's reduced-motion setting does too, whatever this says). */
export function MotionToggle() {
  const motion = useLab((s) => s.motion);
  const setMotion = useLab((s) => s.setMotion);
  const t = useT();
  return (
    <label className="motion-toggle" title={t('motion.title')}>
      <input type="checkbox" checked={motion} onChange={(e) => setMotion(e.target.checked)} />
      {t('motion.label')}
    </label>
  );
}

import type { ReactNode } from 'react';
import { SPEEDS } from '../../store/playback-slice';
import { useLab } from '../../store/lab-store-context';
import { MotionToggle } from '../motion/motion-toggle';
import { Icon } from './icons';
import { usePlayback } from './use-playback';
import { useT } from '../../i18n/use-t';

/** Play/pause, stepping, jumping, the time slider and the speed. Moving the cursor never re-simulates. */
export function PlaybackBar({ status }: { status?: ReactNode } = {}) {
  usePlayback();
  const playing = useLab((s) => s.playing);
  const cursor = useLab((s) => s.cursor);
  const count = useLab((s) => s.trace.events.length);
  const cursorT = useLab((s) => s.trace.events[s.cursor]?.t ?? 0);
  const speed = useLab((s) => s.speed);
  const togglePlay = useLab((s) => s.togglePlay);
  const stepForward = useLab((s) => s.stepForward);
  const stepBack = useLab((s) => s.stepBack);
  const jumpToStart = useLab((s) => s.jumpToStart);
  const jumpToEnd = useLab((s) => s.jumpToEnd);
  const setCursor = useLab((s) => s.setCursor);
  const setSpeed = useLab((s) => s.setSpeed);
  const resetToPreset = useLab((s) => s.resetToPreset);
  const last = Math.max(0, count - 1);
  const t = useT();
  return (
    <div className="playback" role="group" aria-label={t('playback.group')}>
      <div className="playback-buttons">
        <button type="button" onClick={jumpToStart} disabled={cursor === 0} aria-label={t('playback.start')} title={t('playback.startTitle')}>
          <Icon name="start" />
        </button>
        <button type="button" onClick={stepBack} disabled={cursor === 0} aria-label={t('playback.back')} title={t('playback.backTitle')}>
          <Icon name="back" />
        </button>
        <button type="button" className="primary play" onClick={togglePlay} disabled={count < 2} title={t('playback.playTitle')}>
          <Icon name={playing ? 'pause' : 'play'} /> {playing ? t('playback.pause') : t('playback.play')}
        </button>
        <button type="button" onClick={stepForward} disabled={cursor >= last} aria-label={t('playback.forward')} title={t('playback.forwardTitle')}>
          <Icon name="forward" />
        </button>
        <button type="button" onClick={jumpToEnd} disabled={cursor >= last} aria-label={t('playback.end')} title={t('playback.endTitle')}>
          <Icon name="end" />
        </button>
        <button type="button" onClick={resetToPreset} title={t('playback.resetTitle')}>
          {t('playback.reset')}
        </button>
      </div>
      <div className="time-slider">
        <label htmlFor="time-slider">{t('playback.time')}</label>
        <input
          id="time-slider"
          type="range"
          min={0}
          max={last}
          step={1}
          value={cursor}
          disabled={count === 0}
          aria-valuetext={t('playback.valuetext', { k: cursor + 1, n: count, t: cursorT })}
          onChange={(e) => setCursor(Number(e.target.value))}
        />
        <span className="step-count" aria-hidden="true">
          {count ? `${cursor + 1} / ${count}` : '0 / 0'}
        </span>
      </div>
      <label className="speed">
        <span>{t('playback.speed')}</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <MotionToggle />
      {status}
    </div>
  );
}

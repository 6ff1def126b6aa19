import type { CSSProperties } from 'react';
import { useT } from '../../i18n/use-t';
import { zoomController } from './zoom-controller';

/** The buttons' height in CSS pixels (app.css), so the timeline can seat them on its time axis. */
export const ZOOM_BUTTONS_HEIGHT = 32;

export function ZoomButtons({ style }: { style?: CSSProperties }) {
  const t = useT();
  return (
    <div className="zoom-buttons" role="group" aria-label={t('zoom.group')} style={style}>
      <button type="button" aria-label={t('zoom.in')} title={t('zoom.inTitle')} onClick={() => zoomController.get()?.zoomBy(2)}>
        +
      </button>
      <button type="button" aria-label={t('zoom.out')} title={t('zoom.outTitle')} onClick={() => zoomController.get()?.zoomBy(0.5)}>
        −
      </button>
      <button type="button" title={t('zoom.fitTitle')} onClick={() => zoomController.get()?.fit()}>
        {t('zoom.fit')}
      </button>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { Trace } from '../../sim/trace/types';
import { useLabStore } from '../../store/lab-store-context';
import { downloadBlob, downloadText } from './download';
import { Handout } from './handout';
import { timelineCanvas, timelineSvg } from './timeline-picture';
import { traceReportJson } from './trace-report';
import { useLang, useT } from '../../i18n/use-t';

const PICTURE_WIDTH = 1200;

/** Pictures of the timeline, the trace as JSON, and a printable handout. */
export function ExportButtons() {
  const store = useLabStore();
  const [status, setStatus] = useState('');
  const [handout, setHandout] = useState<Trace | null>(null);
  const t = useT();
  const lang = useLang();

  const base = () => {
    const s = store.getState();
    return { s, name: `${s.scenario.id || 'scenario'}-seed${s.scenario.seed}` };
  };

  const exportSvg = () => {
    const { s, name } = base();
    downloadText(timelineSvg({ trace: s.trace, cursor: s.cursor, theme: s.theme, width: PICTURE_WIDTH, lang: s.language }), `${name}-timeline.svg`, 'image/svg+xml');
  };

  const exportPng = () => {
    const { s, name } = base();
    const canvas = timelineCanvas({ trace: s.trace, cursor: s.cursor, theme: s.theme, width: PICTURE_WIDTH, lang: s.language });
    if (!canvas) {
      setStatus(t('export.noCanvas'));
      return;
    }
    canvas.toBlob((blob) => {
      if (blob) downloadBlob(blob, `${name}-timeline.png`);
      else setStatus(t('export.noPng'));
    }, 'image/png');
  };

  const exportJson = () => {
    const { s, name } = base();
    downloadText(traceReportJson(s.trace), `${name}-trace.json`, 'application/json');
  };

  // Print once the handout is in the page; take it away afterwards.
  useEffect(() => {
    if (!handout) return;
    const done = () => setHandout(null);
    window.addEventListener('afterprint', done);
    const id = window.setTimeout(() => window.print(), 50);
    return () => {
      window.clearTimeout(id);
      window.removeEventListener('afterprint', done);
    };
  }, [handout]);

  return (
    <section className="share-section">
      <h2>{t('export.title')}</h2>
      <div className="share-row wrap">
        <button type="button" onClick={exportSvg}>
          {t('export.svg')}
        </button>
        <button type="button" onClick={exportPng}>
          {t('export.png')}
        </button>
        <button type="button" onClick={exportJson}>
          {t('export.json')}
        </button>
        <button type="button" onClick={() => setHandout(store.getState().trace)}>
          {t('export.print')}
        </button>
      </div>
      <span role="status" className="share-status">
        {status}
      </span>
      {handout && <Handout trace={handout} lang={lang} />}
    </section>
  );
}

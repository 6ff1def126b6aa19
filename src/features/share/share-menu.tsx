import { lazy, Suspense, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { getPreset } from '../../scenarios/presets';
import { parseScenarioJson, type InputProblem } from '../../sim/scenario/parse';
import { payloadOf, readLesson } from '../../share/lab-share';
import { MAX_LINK_LENGTH, shareLinkFor } from '../../share/share-link';
import { useLab, useLabStore } from '../../store/lab-store-context';
import { downloadText } from '../export/download';
import { ExportButtons } from '../export/export-buttons';
import { problemText } from '../../i18n/problems';
import { formatNumber } from '../../i18n/t';
import { useLang, useT } from '../../i18n/use-t';

// The QR encoder and the iframe code for slides are chunks of their own, loaded when the menu is opened.
const ShareQr = lazy(() => import('./share-qr'));
const EmbedSnippet = lazy(() => import('./embed-snippet'));

/** A page opened from a file (the single-file build): a link to it opens only on this computer. */
function isLocalFile(): boolean {
  return window.location.protocol === 'file:';
}

function pageBase(): string {
  return window.location.href.replace(/#.*$/, '');
}

/** The current scenario as a file in the documented format. */
export function useScenarioDownload() {
  const store = useLabStore();
  return () => {
    const { scenario } = store.getState();
    downloadText(`${JSON.stringify(scenario, null, 2)}\n`, `${scenario.id || 'scenario'}.json`, 'application/json');
  };
}

function ShareLinkSection() {
  const store = useLabStore();
  const scenario = useLab((s) => s.scenario);
  const presetId = useLab((s) => s.presetId);
  const cursor = useLab((s) => s.cursor);
  const theme = useLab((s) => s.theme);
  const language = useLab((s) => s.language);
  const t = useT();
  const lang = useLang();
  const lessonKey = useLab((s) => {
    const l = readLesson(s);
    return l ? `${l.id}:${l.step}:${l.revealed ? 1 : 0}` : '';
  });
  const downloadScenario = useScenarioDownload();
  const [status, setStatus] = useState('');
  const fieldRef = useRef<HTMLInputElement>(null);
  const link = useMemo(
    () => shareLinkFor(pageBase(), payloadOf(store.getState())),
    // The link is a function of exactly these fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, scenario, presetId, cursor, theme, language, lessonKey],
  );

  if (link.kind === 'too-long') {
    return (
      <section className="share-section">
        <h2>{t('share.linkTitle')}</h2>
        <p className="share-warning" role="status">
          {t('share.tooLong', { n: formatNumber(lang, link.length), max: formatNumber(lang, MAX_LINK_LENGTH) })}
        </p>
        <button type="button" onClick={downloadScenario}>
          {t('share.downloadScenario')}
        </button>
      </section>
    );
  }

  const copy = () => {
    fieldRef.current?.select();
    const done = (ok: boolean) => setStatus(ok ? t('share.copied') : t('share.copyFailed'));
    try {
      const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
      if (!clip?.writeText) {
        done(false);
        return;
      }
      clip.writeText(link.url).then(
        () => done(true),
        () => done(false),
      );
    } catch {
      done(false);
    }
  };

  if (isLocalFile()) {
    return (
      <section className="share-section">
        <h2>{t('share.linkTitle')}</h2>
        <p className="share-warning" role="status">
          {t('share.localFile', { address: pageBase() })}
        </p>
        <button type="button" className="primary" onClick={downloadScenario}>
          {t('share.downloadScenario')}
        </button>
      </section>
    );
  }

  return (
    <>
      <section className="share-section">
        <h2>{t('share.linkTitle')}</h2>
        <p className="share-hint">{t(lessonKey ? 'share.hintLesson' : 'share.hint')}</p>
        <label htmlFor="share-link-field" className="visually-hidden">
          {t('share.linkTitle')}
        </label>
        <input id="share-link-field" ref={fieldRef} className="share-link-field" type="text" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
        <div className="share-row">
          <button type="button" className="primary" onClick={copy}>
            {t('share.copy')}
          </button>
          <span role="status" className="share-status">
            {status}
          </span>
        </div>
        <h3 className="share-subtitle">{t('share.qrTitle')}</h3>
        <Suspense fallback={null}>
          <ShareQr url={link.url} />
        </Suspense>
      </section>
      <Suspense fallback={null}>
        <EmbedSnippet link={link.url} />
      </Suspense>
    </>
  );
}

function ScenarioFileSection() {
  const loadScenario = useLab((s) => s.loadScenario);
  const downloadScenario = useScenarioDownload();
  // Problems are kept structured and rendered in the current language (switching language re-renders them).
  const [errors, setErrors] = useState<{ file: string; list: (InputProblem | string)[] } | null>(null);
  const [loaded, setLoaded] = useState('');
  const t = useT();
  const lang = useLang();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      setErrors({ file: file.name, list: [t('share.unreadable', { error: (err as Error).message })] });
      setLoaded('');
      return;
    } finally {
      input.value = '';
    }
    const parsed = parseScenarioJson(text);
    if (!parsed.ok) {
      setErrors({ file: file.name, list: parsed.problems });
      setLoaded('');
      return;
    }
    setErrors(null);
    loadScenario(parsed.scenario, getPreset(parsed.scenario.id) ? parsed.scenario.id : undefined);
    setLoaded(t('share.loaded', { name: parsed.scenario.name, file: file.name }));
  };

  return (
    <section className="share-section">
      <h2>{t('share.fileTitle')}</h2>
      <div className="share-row">
        <button type="button" onClick={downloadScenario}>
          {t('share.export')}
        </button>
        <label className="file-button">
          {t('share.import')}
          <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
        </label>
      </div>
      <span role="status" className="share-status">
        {loaded}
      </span>
      {errors && (
        <div className="alert share-errors" role="alert">
          <p>
            <strong>{t('share.notImported', { file: errors.file })}</strong>
            {t('share.unchanged')}
          </p>
          <ul>
            {errors.list.slice(0, 20).map((m, i) => (
              <li key={i}>
                <code>{typeof m === 'string' ? m : problemText(lang, m)}</code>
              </li>
            ))}
          </ul>
          {errors.list.length > 20 && <p>{t('share.andMore', { n: errors.list.length - 20 })}</p>}
        </div>
      )}
    </section>
  );
}

/** The menu's contents: share link, iframe code, scenario files, pictures and the handout (loaded on first opening). */
export default function SharePanel() {
  return (
    <div className="share-panel">
      <ShareLinkSection />
      <ScenarioFileSection />
      <ExportButtons />
    </div>
  );
}

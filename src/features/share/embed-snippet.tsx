import { useRef, useState } from 'react';
import { urlForMode } from '../../app/view-mode';
import { useT } from '../../i18n/use-t';

/** Escapes text for an HTML attribute in double quotes. */
const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The `<iframe>` that embeds the lab (`?embed=1`) showing the run of `link` (a share link). */
export function embedSnippet(link: string, title: string): string {
  const at = link.indexOf('#');
  const src = urlForMode(at < 0 ? link : link.slice(0, at), 'embed') + (at < 0 ? '' : link.slice(at));
  return `<iframe src="${attribute(src)}" title="${attribute(title)}" width="960" height="540" style="border:0" loading="lazy"></iframe>`;
}

/** The share menu's "Embed in slides": the iframe code for the current link, to copy. */
export default function EmbedSnippet({ link }: { link: string }) {
  const t = useT();
  const [status, setStatus] = useState('');
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const code = embedSnippet(link, t('app.title'));
  const copy = () => {
    fieldRef.current?.select();
    const done = (ok: boolean) => setStatus(ok ? t('share.embedCopied') : t('share.embedCopyFailed'));
    try {
      const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
      if (!clip?.writeText) return done(false);
      clip.writeText(code).then(
        () => done(true),
        () => done(false),
      );
    } catch {
      done(false);
    }
  };
  return (
    <section className="share-section">
      <h2>{t('share.embedTitle')}</h2>
      <p className="share-hint">{t('share.embedHint')}</p>
      <label htmlFor="share-embed-field" className="visually-hidden">
        {t('share.embedField')}
      </label>
      <textarea id="share-embed-field" ref={fieldRef} className="share-embed-field" readOnly rows={3} value={code} onFocus={(e) => e.currentTarget.select()} />
      <div className="share-row">
        <button type="button" onClick={copy}>
          {t('share.embedCopy')}
        </button>
        <span role="status" className="share-status">
          {status}
        </span>
      </div>
    </section>
  );
}

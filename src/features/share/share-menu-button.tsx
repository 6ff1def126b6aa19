import { lazy, Suspense, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t';

/** What the menu holds (links, files, pictures, the handout) loads when it is first opened: the first screen needs none of it. */
const SharePanel = lazy(() => import('./share-menu'));

/** The header's "Share & export" menu: share link, iframe code, scenario files, pictures and the handout. */
export function ShareMenu() {
  const [open, setOpen] = useState(false);
  const summaryRef = useRef<HTMLElement>(null);
  const t = useT();
  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    summaryRef.current?.focus();
  };
  return (
    <details className="share-menu" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} onKeyDown={onKeyDown}>
      <summary ref={summaryRef}>{t('share.menu')}</summary>
      {open && (
        <Suspense fallback={<div className="share-panel" aria-busy="true" />}>
          <SharePanel />
        </Suspense>
      )}
    </details>
  );
}

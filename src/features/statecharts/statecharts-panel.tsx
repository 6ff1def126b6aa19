import { Component, lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t';

/** The view, its layout engine (elkjs) and the machines' charts load only when the panel is first opened. */
const StatechartsView = lazy(() => import('./statecharts-view'));

const STORAGE_KEY = 'exactly-once-lab.statecharts-open';

function readOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

function writeOpen(open: boolean) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, open ? '1' : '0');
  } catch {
    // Private mode or no storage: the panel simply starts closed next time.
  }
}

class LoadBoundary extends Component<{ fallback: (error: string) => ReactNode; children: ReactNode }, { error: string | null }> {
  override state: { error: string | null } = { error: null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.error !== null ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** The Statecharts region: closed by default (a one-line bar under the playback controls), remembered when opened. */
export function StatechartsPanel() {
  const t = useT();
  const [open, setOpen] = useState(readOpen);
  const id = useId();
  const toggle = () => {
    writeOpen(!open);
    setOpen(!open);
  };
  return (
    <section className={`panel statecharts${open ? ' open' : ''}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <button type="button" className="statecharts-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={toggle}>
          <span className="statecharts-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>{' '}
          {t('statecharts.title')}
        </button>
      </h2>
      <div id={`${id}-body`} hidden={!open}>
        {open && (
          <LoadBoundary fallback={(error) => <p className="alert">{t('statecharts.loadFailed', { error })}</p>}>
            <Suspense fallback={<p className="hint">{t('statecharts.loading')}</p>}>
              <StatechartsView />
            </Suspense>
          </LoadBoundary>
        )}
      </div>
    </section>
  );
}

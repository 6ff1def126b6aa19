import { useCallback, useEffect, useState } from 'react';
import { AudienceLink } from '../features/audience/audience-link';
import { TimelineArea } from '../features/compare/compare-view';
import { LessonPanel } from '../features/lesson/lesson-panel';
import { Narration } from '../features/playback/narration';
import { PlaybackBar } from '../features/playback/playback-bar';
import { ScenarioDescription } from '../features/scenario-picker/scenario-description';
import { ShortcutsDialog } from '../features/shortcuts/shortcuts-dialog';
import { useKeyboardShortcuts } from '../features/shortcuts/use-keyboard-shortcuts';
import { StatechartsPanel } from '../features/statecharts/statecharts-panel';
import { useT } from '../i18n/use-t';
import { useLab, useLabStore } from '../store/lab-store-context';
import { Alerts } from './alerts';
import { useDocument } from './use-document';
import { ErrorBoundary } from './error-boundary';
import type { ViewMode } from './view-mode';

/**
 * Only the stage: the audience window (what the room sees, following the presenter's window) and an embedded lab
 * (in an iframe in slides). No settings, no lesson pickers, no speaker notes, no sharing: the stage's own rule
 * holds, so nothing after the cursor shows before a question is revealed.
 */
export function StageApp({ mode }: { mode: Extract<ViewMode, 'audience' | 'embed'> }) {
  const theme = useLab((s) => s.theme);
  const trace = useLab((s) => s.trace);
  const t = useT();
  const store = useLabStore();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useKeyboardShortcuts(openHelp);
  useDocument(mode === 'audience' ? 'audience.title' : 'app.title');
  useEffect(() => {
    document.documentElement.dataset.view = mode;
    return () => void delete document.documentElement.dataset.view;
  }, [mode]);
  const scenarioJson = () => JSON.stringify(store.getState().scenario, null, 2);
  return (
    <div className={`app stage-only stage-only-${mode}`} data-theme={theme}>
      <h1 className="visually-hidden">{mode === 'audience' ? t('audience.title') : t('app.title')}</h1>
      <ErrorBoundary resetKey={trace} scenarioJson={scenarioJson} t={t}>
        {/* The first screen is the stage, sized to the window (or the iframe). */}
        <div className="first-screen">
          <Alerts />
          <main className="stage">
            <div className="stage-intro">
              <LessonPanel />
              {mode === 'audience' && <ScenarioDescription />}
            </div>
            <Narration />
            <TimelineArea />
            <PlaybackBar status={mode === 'audience' ? <AudienceLink /> : undefined} />
          </main>
        </div>
        {/* The statecharts follow the run below the stage, as in the presenter's window. */}
        {mode === 'audience' && (
          <div className="stage-below">
            <StatechartsPanel />
          </div>
        )}
      </ErrorBoundary>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

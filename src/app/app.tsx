import { lazy, Suspense, useCallback, useState } from 'react';
import { ControlsPanel } from '../features/controls/controls-panel';
import { EventList } from '../features/event-list/event-list';
import { ForkMenu } from '../features/fork-menu/fork-menu';
import { BrokerState } from '../features/inspectors/broker-state';
import { OutcomePanel } from '../features/inspectors/outcome-panel';
import { ProducerState } from '../features/inspectors/producer-state';
import { LazyConsumerState, LazyDatabaseState } from '../features/inspectors/consumer-panels';
import { Narration } from '../features/playback/narration';
import { PlaybackBar } from '../features/playback/playback-bar';
import { TimelineArea } from '../features/compare/compare-view';
import { LessonPanel } from '../features/lesson/lesson-panel';
import { AudienceButton } from '../features/presenter/audience-button';
import { PresenterButton } from '../features/presenter/presenter-button';
import { ScenarioDescription } from '../features/scenario-picker/scenario-description';
import { ScenarioPicker } from '../features/scenario-picker/scenario-picker';
import { ShareMenu } from '../features/share/share-menu-button';
import { StatechartsPanel } from '../features/statecharts/statecharts-panel';
import { ShortcutsDialog } from '../features/shortcuts/shortcuts-dialog';
import { useKeyboardShortcuts } from '../features/shortcuts/use-keyboard-shortcuts';
import { ThemeSelect } from '../features/theme/theme-select';
import { LanguageSelect } from '../features/language/language-select';
import { useT } from '../i18n/use-t';
import { useLab, useLabStore } from '../store/lab-store-context';
import { Alerts } from './alerts';
import { useDocument } from './use-document';
import { ErrorBoundary } from './error-boundary';
import { consumerLanesShown, useConsumerFold } from '../features/timeline/consumer-fold';

/** Only a transactional run has this inspector: it is loaded when one is first shown. */
const TxnState = lazy(() => import('../features/inspectors/txn-state').then((m) => ({ default: m.TxnState })));

export function App() {
  const theme = useLab((s) => s.theme);
  const trace = useLab((s) => s.trace);
  const lessonActive = useLab((s) => s.lessonId !== null);
  const folded = useConsumerFold((s) => s.folded);
  const transactional = trace.scenario.transactions !== undefined;
  const consumerLanes = consumerLanesShown(trace.scenario.consumer !== undefined, folded);
  const t = useT();
  const store = useLabStore();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useKeyboardShortcuts(openHelp);
  useDocument('app.title');
  const scenarioJson = () => JSON.stringify(store.getState().scenario, null, 2);
  return (
    <div className="app" data-theme={theme}>
      {/* The first screen is the stage: header, lesson, timeline and playback, sized to the window. */}
      <div className="first-screen">
        <header className="app-header">
          <h1>{t('app.title')}</h1>
          <ScenarioPicker />
          <LanguageSelect />
          <ThemeSelect />
          <PresenterButton />
          <AudienceButton />
          <ShareMenu />
          <button type="button" className="help-button" onClick={openHelp} aria-keyshortcuts="?" aria-label={t('header.shortcuts')} title={t('header.shortcuts')}>
            <kbd aria-hidden="true">?</kbd>
          </button>
        </header>
        <Alerts />
        <ErrorBoundary resetKey={trace} scenarioJson={scenarioJson} t={t}>
          {/* With the consumer side's lanes too, the stage gives them the room of what a lesson already says. */}
          {/* A transactional run's seven lanes or more: in a lesson, the same room as the consumer side's. */}
          <main className="stage" data-consumer-lanes={consumerLanes ? (lessonActive ? 'lesson' : 'free') : undefined} data-txn-lanes={transactional ? (lessonActive ? 'lesson' : 'free') : undefined}>
            <div className="stage-intro">
              <LessonPanel />
              <ScenarioDescription />
            </div>
            <Narration />
            <TimelineArea />
            <PlaybackBar />
          </main>
        </ErrorBoundary>
      </div>
      <ErrorBoundary resetKey={trace} scenarioJson={scenarioJson} t={t}>
        {/* Below the stage: what the room does not need to see at once. Tab order follows the page. */}
        <div className="workbench">
          <div className="col-main">
            <StatechartsPanel />
            <EventList />
          </div>
          <aside className="col-controls" aria-label={t('app.settingsAside')}>
            <ControlsPanel />
          </aside>
          <aside className="col-inspectors" aria-label={t('app.inspectorsAside')}>
            <OutcomePanel />
            {/* A transactional run has its own parties: the coordinator and the partitions instead of the producer's and the broker's. */}
            {transactional ? (
              <Suspense fallback={null}>
                <TxnState />
              </Suspense>
            ) : (
              <>
                <ProducerState />
                <BrokerState />
              </>
            )}
            <LazyConsumerState />
            <LazyDatabaseState />
          </aside>
        </div>
        <ForkMenu />
      </ErrorBoundary>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

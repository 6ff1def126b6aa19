import { lazy, Suspense, type ComponentType } from 'react';
import { useLab } from '../../store/lab-store-context';

/**
 * The consumer side's panels load with the first run that has a consumer: a run without one (every producer-side
 * preset and lesson) never pays for them on its first page.
 */
function whenConsumer<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function WhenConsumer(props: P) {
    const has = useLab((s) => s.scenario.consumer !== undefined || s.trace.scenario.consumer !== undefined);
    if (!has) return null;
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const LazyConsumerState = whenConsumer(() => import('./consumer-state').then((m) => m.ConsumerState));
export const LazyDatabaseState = whenConsumer(() => import('./database-state').then((m) => m.DatabaseState));
export const LazyConsumerSettingsFaults = whenConsumer(() => import('../controls/consumer-faults').then((m) => m.ConsumerFaultEditor));
export const LazyEffectsView = lazy(() => import('./effects-view').then((m) => ({ default: m.EffectsView })));

import { useEffect, useSyncExternalStore } from 'react';
import { loadLessonWords, localizeLesson, subscribeLessonWords } from '../../i18n/localize';
import { useLang } from '../../i18n/use-t';
import type { Lesson, WordedLesson } from '../../lessons/types';

/**
 * A lesson in the lab's language, once the words it needs are here (English step words load when a lesson is first
 * shown); null until then, and undefined without a lesson. Re-renders when they arrive.
 */
export function useWordedLesson(source: Lesson | undefined): WordedLesson | null | undefined {
  const lang = useLang();
  // The words' arrival is what changes: `localizeLesson` answers from its cache, the same object for the same words.
  const lesson = useSyncExternalStore(
    subscribeLessonWords,
    () => (source ? localizeLesson(source, lang) : undefined),
    () => (source ? localizeLesson(source, lang) : undefined),
  );
  const missing = source !== undefined && lesson === null;
  useEffect(() => {
    if (missing) void loadLessonWords();
  }, [missing]);
  return lesson;
}

import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import type { Lesson } from '../../lessons/types';
import { useLab } from '../../store/lab-store-context';
import { useWordedLesson } from '../lesson/use-worded-lesson';

/** Notes for the presenter only: the rule, the answer and what to say next. Hidden until asked for. */
export function SpeakerNotes({ lesson: source, k }: { lesson: Lesson; k: number }) {
  const open = useLab((s) => s.speakerNotes);
  const setOpen = useLab((s) => s.setSpeakerNotes);
  const t = useT();
  const lesson = useWordedLesson(source);
  const id = useId();
  const step = lesson?.steps[k];
  if (!lesson || !step) return null;
  const next = lesson.steps[k + 1];
  return (
    <div className="speaker-notes">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {t('notes.button')}
      </button>
      <aside id={id} className="speaker-notes-pane" aria-label={t('notes.button')} hidden={!open}>
        <p>
          <strong>{t('notes.rule')}</strong> {step.rule}
        </p>
        <p>
          <strong>{t('notes.explain')}</strong> {step.narration}
        </p>
        {step.question && (
          <p>
            <strong>{t('notes.answer')}</strong> {step.question.answers[step.question.correct]}
            {t('punct.sentenceGap')}
            {step.question.explanation}
          </p>
        )}
        <p>
          <strong>{t('notes.sayNext')}</strong> {step.sayNext ?? (next ? t('notes.next', { title: next.title }) : t('notes.last'))}
        </p>
      </aside>
    </div>
  );
}

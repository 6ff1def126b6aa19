import { useId } from 'react';
import { stageOnly, useViewMode } from '../../app/view-mode';
import { getLesson, LESSONS } from '../../lessons/lessons';
import { isAsking } from '../../lessons/steps';
import { useLab } from '../../store/lab-store-context';
import { SpeakerNotes } from '../presenter/speaker-notes';
import { LessonQuestionView } from './lesson-question';
import './workshop.css';
import { lessonTitle, loadLessonWords } from '../../i18n/localize';
import { useWordedLesson } from './use-worded-lesson';
import { useLang, useT } from '../../i18n/use-t';

const FREE = '';

/**
 * The lesson picker and, while a lesson is active, its current step. The step controls sit above the text so
 * Back and Continue stay in the same place on every step.
 */
export function LessonPanel() {
  const lessonId = useLab((s) => s.lessonId);
  const k = useLab((s) => s.lessonStep);
  const askQuestions = useLab((s) => s.askQuestions);
  const revealed = useLab((s) => s.revealed);
  const startLesson = useLab((s) => s.startLesson);
  const goToStep = useLab((s) => s.goToStep);
  const nextStep = useLab((s) => s.nextStep);
  const prevStep = useLab((s) => s.prevStep);
  const setAskQuestions = useLab((s) => s.setAskQuestions);
  const presenter = useLab((s) => s.presenter);
  const t = useT();
  const lang = useLang();
  const source = getLesson(lessonId);
  const lesson = useWordedLesson(source);
  const pickerId = useId();
  const jumpId = useId();
  const step = lesson?.steps[k];
  const n = source?.steps.length ?? 0;
  const asking = isAsking(source?.steps[k], askQuestions, revealed);
  // The audience window and an embedded lab show the stage only: no pickers, and never the speaker notes.
  const mode = useViewMode();
  const onStage = stageOnly(mode);
  const notes = !onStage && (presenter || mode === 'presenter');
  return (
    <section className="lesson-panel" aria-label={t('lesson.guide')} data-active={!!source}>
      {!onStage && (
        <div className="lesson-bar">
          <span className="lesson-picker">
            <label htmlFor={pickerId}>{t('lesson.label')}</label>{' '}
            {/* Choosing a lesson will need its step words: they start loading as soon as the menu is used. */}
            <select
              id={pickerId}
              value={lessonId ?? FREE}
              onFocus={() => void loadLessonWords()}
              onChange={(e) => startLesson(e.target.value === FREE ? null : e.target.value)}
            >
              <option value={FREE}>{t('lesson.free')}</option>
              {LESSONS.map((l) => (
                <option key={l.id} value={l.id}>
                  {lessonTitle(l, lang)}
                </option>
              ))}
            </select>
          </span>
          {source && (
            <>
              <span className="lesson-jump">
                <label htmlFor={jumpId}>{t('lesson.jump')}</label>{' '}
                <select id={jumpId} value={k} onChange={(e) => goToStep(Number(e.target.value))}>
                  {source.steps.map((s, i) => (
                    <option key={i} value={i}>
                      {i + 1}. {lesson?.steps[i]?.title ?? ''}
                    </option>
                  ))}
                </select>
              </span>
            </>
          )}
        </div>
      )}
      {source && source.steps[k] && (
        <>
          <div className="lesson-nav">
            <button type="button" onClick={prevStep} disabled={k === 0}>
              <span aria-hidden="true">← </span>{t('lesson.prev')}
            </button>
            <span className="lesson-count" aria-live="polite">
              {t('lesson.count', { k: k + 1, n })}
            </span>
            <button type="button" className="lesson-next" onClick={nextStep} disabled={k === n - 1 && !asking} aria-keyshortcuts="PageDown">
              {t('lesson.next')}<span aria-hidden="true"> →</span>
            </button>
            {!onStage && (
              <label className="lesson-ask">
                <input type="checkbox" checked={askQuestions} onChange={(e) => setAskQuestions(e.target.checked)} /> {t('lesson.ask')}
              </label>
            )}
          </div>
          {!step ? (
            <p className="lesson-body hint" role="status">
              {t('lesson.loading')}
            </p>
          ) : (
            <div className="lesson-body">
              <h2 className="lesson-title">{step.title}</h2>
              {asking ? (
                <p className="lesson-narration lesson-predict">{t('lesson.predict')}</p>
              ) : (
                <p className="lesson-narration">{step.narration}</p>
              )}
              {!asking && (
                <p className="lesson-rule">
                  <span className="lesson-rule-label">{t('lesson.rule')}</span> <code>{step.rule}</code>
                </p>
              )}
              {step.question && askQuestions && <LessonQuestionView question={step.question} stepKey={`${source.id}-${k}`} />}
            </div>
          )}
          {notes && <SpeakerNotes lesson={source} k={k} />}
        </>
      )}
    </section>
  );
}

import { useId } from 'react';
import type { LessonQuestion } from '../../lessons/types';
import { useLab } from '../../store/lab-store-context';
import { useT } from '../../i18n/use-t';

/** Predict, then reveal: the answers as radio buttons; after the reveal the correct one is marked in words. */
export function LessonQuestionView({ question, stepKey }: { question: LessonQuestion; stepKey: string }) {
  const revealed = useLab((s) => s.revealed);
  // A saved choice the question does not have (restored from an older build) counts as none.
  const saved = useLab((s) => s.chosenAnswer);
  const chosen = saved !== null && saved < question.answers.length ? saved : null;
  const chooseAnswer = useLab((s) => s.chooseAnswer);
  const reveal = useLab((s) => s.reveal);
  const name = useId();
  const t = useT();
  return (
    <fieldset className="lesson-question" data-revealed={revealed}>
      <legend>{question.prompt}</legend>
      <ul className="lesson-answers">
        {question.answers.map((answer, i) => {
          const correct = i === question.correct;
          const mark = revealed ? (correct ? 'correct' : chosen === i ? 'wrong' : undefined) : undefined;
          return (
            <li key={`${stepKey}-${i}`} data-mark={mark}>
              <label>
                <input type="radio" name={name} value={i} checked={chosen === i} disabled={revealed} onChange={() => chooseAnswer(i)} />
                <span>{answer}</span>
                {mark === 'correct' && <strong className="answer-mark">{t('lesson.correctMark')}</strong>}
                {mark === 'wrong' && <strong className="answer-mark">{t('lesson.wrongMark')}</strong>}
              </label>
            </li>
          );
        })}
      </ul>
      {revealed ? (
        <p className="lesson-explanation" role="status">
          <strong>
            {chosen === null ? t('lesson.answer') : chosen === question.correct ? t('lesson.right') : t('lesson.notQuite')}
          </strong>
          {question.explanation}
        </p>
      ) : (
        <button type="button" className="reveal-button" onClick={reveal}>
          {t('lesson.reveal')}
        </button>
      )}
    </fieldset>
  );
}

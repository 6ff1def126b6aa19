import { useId } from 'react';
import type { Lesson } from '../../lessons/types';
import { useLab } from '../../store/lab-store-context';

/** Notes for the presenter only: the rule, the answer and what to say next. Hidden until asked for. */
export function SpeakerNotes({ lesson, k }: { lesson: Lesson; k: number }) {
  const open = useLab((s) => s.speakerNotes);
  const setOpen = useLab((s) => s.setSpeakerNotes);
  const id = useId();
  const step = lesson.steps[k];
  if (!step) return null;
  const next = lesson.steps[k + 1];
  return (
    <div className="speaker-notes">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Speaker notes
      </button>
      <aside id={id} className="speaker-notes-pane" aria-label="Speaker notes" hidden={!open}>
        <p>
          <strong>Rule:</strong> {step.rule}
        </p>
        <p>
          <strong>Explain:</strong> {step.narration}
        </p>
        {step.question && (
          <p>
            <strong>Answer:</strong> {step.question.answers[step.question.correct]}. {step.question.explanation}
          </p>
        )}
        <p>
          <strong>Say next:</strong> {step.sayNext ?? (next ? `Next: “${next.title}”.` : 'This is the last step: sum up, or switch to the side-by-side view.')}
        </p>
      </aside>
    </div>
  );
}

import { useId, useState } from 'react';
import { useT } from '../../i18n/use-t';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** Extra words under the label (e.g. a unit or what the setting does). */
  hint?: string;
  integer?: boolean;
  onCommit(value: number): void;
}

/**
 * A number input that commits on Enter or when it is left, never on each keystroke (typing 30000 must not run the
 * simulation for 3, 30, 300 and 3000 on the way). Escape puts back the committed value. An invalid draft stays
 * visible and marked until it is fixed; leaving the field puts back the committed value.
 */
export function NumberField({ label, value, min, max, step = 1, hint, integer = true, onCommit }: Props) {
  const id = useId();
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(value);
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max && (!integer || Number.isInteger(parsed));
  /** Commits a valid draft; returns false when the draft is invalid. */
  const commit = (): boolean => {
    if (draft === null) return true;
    if (!valid) return false;
    setDraft(null);
    if (parsed !== value) onCommit(parsed);
    return true;
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={text}
        aria-invalid={!valid || undefined}
        aria-describedby={hint || !valid ? `${id}-hint` : undefined}
        onChange={(e) => setDraft(e.target.value === String(value) ? null : e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape' && draft !== null) {
            // Only this edit is undone: the key does not also close a surrounding dialog or menu.
            e.preventDefault();
            e.stopPropagation();
            setDraft(null);
          }
        }}
        onBlur={() => {
          if (!commit()) setDraft(null);
        }}
      />
      {(hint || !valid) && (
        <span className={valid ? 'hint' : 'hint invalid'} id={`${id}-hint`}>
          {valid ? hint : t(integer ? 'number.invalidWhole' : 'number.invalid', { min, max })}
        </span>
      )}
    </div>
  );
}

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

/** A number input that only commits valid values; an invalid draft stays visible and marked until fixed or left. */
export function NumberField({ label, value, min, max, step = 1, hint, integer = true, onCommit }: Props) {
  const id = useId();
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(value);
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max && (!integer || Number.isInteger(parsed));
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
        onChange={(e) => {
          const t = e.target.value;
          const n = Number(t);
          const ok = t.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
          if (ok) {
            setDraft(null);
            if (n !== value) onCommit(n);
          } else setDraft(t);
        }}
        onBlur={() => setDraft(null)}
      />
      {(hint || !valid) && (
        <span className={valid ? 'hint' : 'hint invalid'} id={`${id}-hint`}>
          {valid ? hint : t(integer ? 'number.invalidWhole' : 'number.invalid', { min, max })}
        </span>
      )}
    </div>
  );
}

import { useEffect, useRef } from 'react';
import type { MessageKey } from '../../i18n/t';
import { useT } from '../../i18n/use-t';

const KEYS: [MessageKey | string, MessageKey][] = [
  ['key.space', 'shortcut.play'],
  ['key.arrows', 'shortcut.step'],
  ['key.pages', 'shortcut.pages'],
  ['key.homeEnd', 'shortcut.jump'],
  ['+ / −', 'shortcut.zoom'],
  ['0', 'shortcut.fit'],
  ['key.enter', 'shortcut.fault'],
  ['key.upDown', 'shortcut.events'],
  ['?', 'shortcut.help'],
  ['Esc', 'shortcut.esc'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map(([k, a]) => (
            <tr key={k}>
              <td>
                <kbd>{k.startsWith('key.') ? t(k as MessageKey) : k}</kbd>
              </td>
              <td>{t(a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary">
          {t('shortcuts.close')}
        </button>
      </form>
    </dialog>
  );
}

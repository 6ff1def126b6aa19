import { useEffect, useRef } from 'react';

const KEYS: [string, string][] = [
  ['Space', 'Play or pause'],
  ['→ / ←', 'Step forward / back (in presenter mode with a lesson: next / previous lesson step)'],
  ['Page Down / Page Up', 'Next / previous lesson step (without a lesson: step forward / back)'],
  ['Home / End', 'Jump to start / end'],
  ['+ / −', 'Zoom the timeline in / out'],
  ['0', 'Fit the whole run'],
  ['Enter (timeline or event list)', 'Fault options for the request or response at the cursor'],
  ['↑ / ↓ (event list)', 'Previous / next event'],
  ['?', 'This list'],
  ['Esc', 'Close a menu or this dialog'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
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
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map(([k, a]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{a}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  );
}

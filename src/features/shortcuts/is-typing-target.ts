/** Keys typed into form fields, menus and dialogs belong to them, not to the global shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, select, textarea, [contenteditable="true"], [role="menu"], dialog[open], .fork-menu')) return true;
  return false;
}

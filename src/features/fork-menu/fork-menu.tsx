import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useLab } from '../../store/lab-store-context';
import { requestRefOf, requestLabel } from '../timeline/layout';
import { faultFor, type ForkAction } from './fault-for';
import { useLang, useT } from '../../i18n/use-t';

interface Item {
  label: string;
  run: () => void;
}

/** The small menu that forks the run: lose or delay the chosen request, or lose its response. */
export function ForkMenu() {
  const target = useLab((s) => s.forkTarget);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const closeFork = useLab((s) => s.closeFork);
  const addFault = useLab((s) => s.addFault);
  const setCursor = useLab((s) => s.setCursor);
  const menuRef = useRef<HTMLDivElement>(null);
  const t = useT();
  const lang = useLang();
  const returnFocus = useRef<Element | null>(null);

  const ev = target ? trace.events[target.event] : undefined;
  const ref = requestRefOf(ev);

  useLayoutEffect(() => {
    if (!target) return;
    returnFocus.current = document.activeElement;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => {
      const el = returnFocus.current as HTMLElement | null;
      if (el && el.isConnected && typeof el.focus === 'function') el.focus();
    };
  }, [target]);

  useEffect(() => {
    if (!target) return;
    const onDown = (e: PointerEvent) => {
      if (menuRef.current && !menuRef.current.contains(e.target as Node)) closeFork();
    };
    window.addEventListener('pointerdown', onDown, true);
    return () => window.removeEventListener('pointerdown', onDown, true);
  }, [target, closeFork]);

  if (!target || !ref || !ev) return null;

  const fork = (action: ForkAction) => () => {
    const fault = faultFor(action, ref, scenario);
    if (fault) addFault(fault);
    else closeFork();
  };
  const items: Item[] = [];
  if (target.part !== 'response') {
    items.push({ label: t('fork.loseRequest'), run: fork('lose-request') });
    items.push({ label: t('fork.delayRequest'), run: fork('delay-request') });
  }
  if (target.part !== 'request') items.push({ label: t('fork.loseResponse'), run: fork('lose-response') });
  items.push({
    label: t('fork.move'),
    run: () => {
      setCursor(target.event);
      closeFork();
    },
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      closeFork();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
      buttons[next]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      buttons[e.key === 'Home' ? 0 : buttons.length - 1]?.focus();
    } else if (e.key === 'Tab') {
      closeFork();
    }
    e.stopPropagation();
  };

  const left = Math.max(8, Math.min(target.x, window.innerWidth - 280));
  const top = Math.max(8, Math.min(target.y, window.innerHeight - 60 * items.length - 60));
  const title = t(target.part === 'response' ? 'fork.titleResponse' : 'fork.titleRequest', { label: requestLabel(ref, lang) });
  return (
    <div className="fork-menu" ref={menuRef} style={{ left, top }} onKeyDown={onKeyDown}>
      <p className="fork-menu-title" id="fork-menu-title">
        {title}
      </p>
      <div role="menu" aria-labelledby="fork-menu-title">
        {items.map((it) => (
          <button key={it.label} type="button" role="menuitem" onClick={it.run}>
            {it.label}
          </button>
        ))}
      </div>
    </div>
  );
}

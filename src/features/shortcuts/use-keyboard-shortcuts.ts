import { useEffect } from 'react';
import { useLabStore } from '../../store/lab-store-context';
import { zoomController } from '../timeline/zoom-controller';
import { isTypingTarget } from './is-typing-target';

/** Global shortcuts on window, so they keep working after a button was clicked. */
export function useKeyboardShortcuts(openHelp: () => void) {
  const store = useLabStore();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (isTypingTarget(e.target)) return;
      const s = store.getState();
      if (s.forkTarget) return;
      let handled = true;
      // Clicker keys (PageDown/PageUp) step the lesson when one is active; in presenter mode the arrows do too.
      const lessonKeys = s.lessonId !== null && (e.key === 'PageDown' || e.key === 'PageUp' || (s.presenter && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')));
      if (lessonKeys) {
        if (e.key === 'PageDown' || e.key === 'ArrowRight') s.nextStep();
        else s.prevStep();
        e.preventDefault();
        return;
      }
      switch (e.key) {
        case 'PageDown':
          s.stepForward();
          break;
        case 'PageUp':
          s.stepBack();
          break;
        case ' ':
        case 'Spacebar':
          s.togglePlay();
          break;
        case 'ArrowRight':
          s.stepForward();
          break;
        case 'ArrowLeft':
          s.stepBack();
          break;
        case 'Home':
          s.jumpToStart();
          break;
        case 'End':
          s.jumpToEnd();
          break;
        case '+':
        case '=':
          zoomController.get()?.zoomBy(2);
          break;
        case '-':
        case '_':
          zoomController.get()?.zoomBy(0.5);
          break;
        case '0':
          zoomController.get()?.fit();
          break;
        case '?':
          openHelp();
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    // A Space keyup on a focused button would click it; the shortcut already handled the key.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && !isTypingTarget(e.target) && !store.getState().forkTarget) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [store, openHelp]);
}

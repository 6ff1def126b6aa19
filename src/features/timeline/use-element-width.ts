import { useEffect, useState, type RefObject } from 'react';

/** The element's content width in CSS pixels, following resizes (and `initial` until it is first measured). */
export function useElementWidth(ref: RefObject<HTMLElement | null>, initial = 800): number {
  return useElementSize(ref, initial, 0).width;
}

/** The element's content box in CSS pixels, following resizes (`initial` sizes until it is first measured). */
export function useElementSize(ref: RefObject<HTMLElement | null>, initialWidth = 800, initialHeight = 0): { width: number; height: number } {
  const [size, setSize] = useState({ width: initialWidth, height: initialHeight });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const r = entries[0]?.contentRect;
      const width = Math.floor(r?.width ?? 0);
      const height = Math.floor(r?.height ?? 0);
      if (width > 0) setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A chart's sideways-scrolling box that keeps the innermost active state in view: when a wide chart (the producer's,
 * or a batch's on the projector) moves to a state off to the side, the box scrolls to it. Only this box scrolls,
 * never the page.
 */
export function ChartScroll({ active, children }: { active: ReadonlySet<string>; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || el.scrollWidth <= el.clientWidth) return;
    const current = el.querySelectorAll('[aria-current="true"]');
    const target = current[current.length - 1];
    if (!target) return;
    const outer = el.getBoundingClientRect();
    const r = target.getBoundingClientRect();
    if (r.left >= outer.left && r.right <= outer.right) return;
    el.scrollLeft += r.left + r.width / 2 - (outer.left + outer.width / 2);
  }, [active]);
  return (
    <div className="statechart-scroll" ref={box}>
      {children}
    </div>
  );
}

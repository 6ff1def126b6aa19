import { describe, expect, it } from 'vitest';
import { partyCharts } from './charts';
import { extractChart } from './graph';
import { labelLines, layoutChart } from './layout';
import { hierarchicalTestMachine } from './test-machine';

const inside = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;

describe('the layout', () => {
  it('places every state of every chart, children inside their parents, with an edge for each transition target', async () => {
    for (const chart of [...partyCharts(), extractChart('producer', hierarchicalTestMachine)]) {
      const layout = await layoutChart(chart);
      expect(Object.keys(layout.nodes).sort()).toEqual(chart.order.slice(1).sort());
      for (const id of chart.order.slice(1)) {
        const node = chart.nodes[id]!;
        const box = layout.nodes[id]!;
        expect(box.w, id).toBeGreaterThan(0);
        expect(inside(box, { x: 0, y: 0, w: layout.width, h: layout.height }), id).toBe(true);
        if (node.parent !== chart.rootId && node.parent !== null) expect(inside(box, layout.nodes[node.parent]!), `${id} in its parent`).toBe(true);
      }
      const drawn = layout.edges.filter((e) => !e.id.startsWith('initial:'));
      expect(drawn.length).toBe(chart.edges.reduce((n, e) => n + e.targets.length, 0));
      for (const e of drawn) expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
      const initials = chart.order.filter((id) => chart.nodes[id]!.initial);
      expect(Object.keys(layout.initials).sort()).toEqual(initials.sort());
    }
  });

  it('puts a guard on its own label line', () => {
    const chart = extractChart('producer', hierarchicalTestMachine);
    const after = chart.edges.find((e) => e.delay === '10 ms')!;
    expect(labelLines(after)).toEqual(['after 10 ms', '[isIdempotent]']);
  });
});

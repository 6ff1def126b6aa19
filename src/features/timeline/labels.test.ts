import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../i18n/lang';
import { LESSONS } from '../../lessons/lessons';
import { getPreset, PRESETS } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import type { Scenario } from '../../sim/scenario/schema';
import type { Trace } from '../../sim/trace/types';
import { makeDuplicateFixtureTrace, makeFixtureTrace } from '../../testing/fixture-trace';
import { laneGeometry, type LaneGeometry } from './geometry';
import { PALETTES } from './palette';
import { LABEL_SCALE } from './draw';
import { BADGE_SHAPES, buildLayout, localMarkText, visibleRange, type TimelineLayout } from './layout';
import { isBrokerSlot, laneSlot, shownSlots } from './consumer-lanes';
import { markText, overlaps, placeLabels, type LabelBox } from './labels';

/** A stand-in for the canvas's measureText: Chinese characters are a full em, everything else about 0.62 em. */
const measureAt = (fontSize: number) => (text: string, bold: boolean) => {
  let w = 0;
  for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.62;
  return w * fontSize * 0.92 * (bold ? 1.06 : 1);
};

interface Case {
  name: string;
  trace: Trace;
}

const withProducer = (s: Scenario, settings: Partial<Scenario['producer']>): Scenario => ({ ...s, producer: { ...s.producer, ...settings } });

function cases(): Case[] {
  const out: Case[] = [];
  for (const p of PRESETS) {
    for (const on of [false, true]) out.push({ name: `${p.id} idempotence ${on ? 'on' : 'off'}`, trace: runSimulation(withProducer(p.scenario, { 'enable.idempotence': on })) });
  }
  for (const l of LESSONS) {
    for (const step of l.steps) {
      const preset = getPreset(step.presetId ?? l.presetId);
      if (!preset) continue;
      out.push({ name: `lesson ${l.id} step ${step.id}`, trace: runSimulation(withProducer(preset.scenario, { ...l.settings, ...step.settings })) });
    }
  }
  return out;
}

/** Places the labels the way the canvas does, at a given zoom window [t0, t1]. */
function place(layout: TimelineLayout, g: LaneGeometry, width: number, fontSize: number, lang: Lang, t0: number, t1: number) {
  const base = scaleLinear().domain([0, Math.max(1, layout.endT)]).range([g.plotLeft, g.plotRight]);
  const k = Math.max(1, Math.max(1, layout.endT) / (t1 - t0));
  const x = base.copy().range([g.plotLeft - k * (base(t0) - g.plotLeft), g.plotLeft - k * (base(t0) - g.plotLeft) + k * (g.plotRight - g.plotLeft)]);
  const ta = x.invert(g.plotLeft);
  const tb = x.invert(g.plotRight);
  const marks = visibleRange(layout.marks, (m) => m.t, ta, tb, layout.maxSpan);
  const arrows = visibleRange(layout.arrows, (a) => a.t0, ta, tb, layout.maxSpan);
  return placeLabels({
    layout,
    x,
    g,
    right: width - 2,
    lang,
    measure: measureAt(fontSize),
    arrows,
    marks,
    arrowLabels: arrows[1] - arrows[0] < (g.plotRight - g.plotLeft) / 6,
    markText: (m) => marks[1] - marks[0] < (g.plotRight - g.plotLeft) / 8 || m.major,
  });
}

function expectTidy(boxes: readonly LabelBox[], g: LaneGeometry, width: number, what: string) {
  const clash = overlaps(boxes).map(([a, b]) => `"${a.text}" × "${b.text}"`);
  expect(clash, `${what}: overlapping labels`).toEqual([]);
  for (const b of boxes) {
    const inside = b.x >= g.plotLeft && b.x + b.w <= width && b.y - b.h / 2 >= g.top && b.y + b.h / 2 <= g.axisY;
    expect(inside, `${what}: "${b.text}" at ${Math.round(b.x)},${Math.round(b.y)} (${Math.round(b.w)} wide) leaves the drawing area`).toBe(true);
    const lane = Math.floor((b.y - g.top) / g.laneHeight);
    const laneTop = g.top + lane * g.laneHeight;
    expect(b.y - b.h / 2 >= laneTop && b.y + b.h / 2 <= laneTop + g.laneHeight, `${what}: "${b.text}" crosses into the next lane`).toBe(true);
  }
}

// Light and dark at the stage's sizes on a 1280 px window (compact and tall), and the projector's larger type.
const SIZES = [
  { fontSize: 12, width: 1254, height: 330 },
  { fontSize: 12, width: 1254, height: 0 },
  { fontSize: 12, width: 820, height: 0 },
  { fontSize: 20, width: 1254, height: 300 },
  { fontSize: 20, width: 1254, height: 420 },
];

describe('timeline labels', () => {
  const all = cases();

  it('covers every preset both ways and every lesson step', () => {
    expect(all.length).toBeGreaterThan(PRESETS.length * 2 + LESSONS.length);
  });

  it.each(SIZES)('never overlap or leave the drawing area, at Fit and zoomed in ($fontSize px, $width × $height)', ({ fontSize, width, height }) => {
    for (const { name, trace } of all) {
      const layout = buildLayout(trace);
      // As the timeline draws it: with replication, one lane per broker.
      const g = laneGeometry(width, fontSize, height, layout.slots.length > 3 ? layout.slots : undefined);
      for (const lang of ['en', 'zh'] as const) {
        expectTidy(place(layout, g, width, fontSize, lang, 0, Math.max(1, layout.endT)).boxes, g, width, `${name} (${lang}, Fit)`);
        // Zoomed in fourfold on each quarter of the run.
        const q = Math.max(1, layout.endT) / 4;
        for (let i = 0; i < 4; i++) expectTidy(place(layout, g, width, fontSize, lang, i * q, (i + 1) * q).boxes, g, width, `${name} (${lang}, quarter ${i + 1})`);
      }
    }
  });

  it('shows every verdict of the broker at Fit on a 1280 px stage, at the same time or not', () => {
    for (const { fontSize, width, height } of [SIZES[0]!, SIZES[1]!, SIZES[3]!, SIZES[4]!]) {
      for (const { name, trace } of all) {
        const layout = buildLayout(trace);
        // With replication, one lane per broker; the consumer side's lanes folded (its own tests cover them).
        const slots = shownSlots(layout.slots, true);
        const g = laneGeometry(width, fontSize, height, slots.length > 3 ? slots : undefined);
        const placed = place(layout, g, width, fontSize, 'en', 0, Math.max(1, layout.endT));
        // Every broker's verdicts: with replication, a later leader's lane too.
        const verdicts = layout.marks.map((m, k) => [m, k] as const).filter(([m]) => BADGE_SHAPES.has(m.shape) && isBrokerSlot(laneSlot(m.lane)));
        const missing = verdicts.filter(([, k]) => !placed.markBox.has(k)).map(([m]) => `${localMarkText(m, 'en')} at ${m.t} ms`);
        expect(missing, `${name} at ${fontSize} px: badges left out`).toEqual([]);
      }
    }
  });

  it('places a crowded instant without dropping either badge', () => {
    // Two appends at the same virtual time: both are drawn, in two rows.
    const layout = buildLayout(makeFixtureTrace());
    const g = laneGeometry(1254, 12, 330);
    const placed = place(layout, g, 1254, 12, 'en', 0, layout.endT);
    const texts = placed.boxes.filter((b) => b.kind === 'mark').map((b) => b.text);
    expect(texts).toEqual(expect.arrayContaining(['appended @0', '↺ duplicate → @0']));
    expect(overlaps(placed.boxes)).toEqual([]);
  });

  it('moves a badge at the right edge left instead of cutting it off', () => {
    const layout = buildLayout(makeFixtureTrace());
    const g = laneGeometry(600, 12, 330);
    const last = layout.marks.length - 1;
    const placed = place(layout, g, 600, 12, 'en', 0, layout.endT);
    for (const b of placed.boxes) expect(b.x + b.w).toBeLessThanOrEqual(598);
    expect(layout.marks[last]).toBeDefined();
  });

  it('says "duplicate" on a second write of the same message, with its own shape', () => {
    const layout = buildLayout(makeDuplicateFixtureTrace());
    const dup = layout.marks.filter((m) => m.shape === 'duplicate');
    expect(dup.length).toBeGreaterThan(0);
    expect(markText(dup[0]!, 'en')).toMatch(/^⚠ duplicate write @\d+$/);
    expect(markText(dup[0]!, 'zh')).toMatch(/^⚠ 重复写入 @\d+$/);
    const first = layout.marks.find((m) => m.shape === 'badge')!;
    expect(markText(first, 'en')).toMatch(/^appended @\d+$/);
    expect(layout.stats.duplicateWrites).toBe(dup.length);
  });

  it('leaves out, and makes no room for, what comes after the cursor when the future is hidden', () => {
    const layout = buildLayout(makeDuplicateFixtureTrace());
    const g = laneGeometry(1254, 20, 300);
    const x = scaleLinear().domain([0, layout.endT]).range([g.plotLeft, g.plotRight]);
    const args = { layout, x, g, right: 1252, lang: 'en' as const, measure: measureAt(20), arrows: [0, layout.arrows.length] as const, marks: [0, layout.marks.length] as const, arrowLabels: true, markText: () => true };
    for (let cursor = 0; cursor < layout.times.length; cursor++) {
      const placed = placeLabels({ ...args, until: cursor });
      for (const b of placed.boxes) {
        const event = b.kind === 'arrow' ? layout.arrows[b.index]!.startEvent : layout.marks[b.index]!.event;
        expect(event, `"${b.text}" at cursor ${cursor}`).toBeLessThanOrEqual(cursor);
      }
      // What is shown is placed exactly as if nothing came after it.
      const firstLater = layout.marks.findIndex((m) => m.event > cursor);
      const cut = placeLabels({ ...args, marks: [0, firstLater < 0 ? layout.marks.length : firstLater], until: cursor });
      expect(cut.boxes.filter((b) => b.kind === 'mark')).toEqual(placed.boxes.filter((b) => b.kind === 'mark'));
    }
  });

  it('are at least 18 px in the projector theme', () => {
    // Labels and badges are drawn at LABEL_SCALE of the palette's size, rounded; lane names and the axis are larger.
    expect(Math.round(PALETTES.projector.fontSize * LABEL_SCALE)).toBeGreaterThanOrEqual(18);
  });
});

import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/scenario/parse';
import { runSimulation } from '../../sim/run-simulation';
import type { Trace } from '../../sim/trace/types';
import { laneGeometry, slotRow } from './geometry';
import { laneSlot, slotTitle } from './consumer-lanes';
import { buildLayout, localMarkText } from './layout';
import { overlaps, placeLabels } from './labels';
import { foldTxnSlots, partitionSlot, readerSlot, TXN_APP_SLOT, TXN_COORDINATOR_SLOT, TXN_INTERNAL_SLOT, TXN_OUTPUT_BASE, TXN_PARTITIONS_SLOT, txnRequestLabel } from './txn-lanes';
import { markPoint } from './geometry';

const run = (input: unknown): Trace => {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runSimulation(parsed.scenario);
};

const zombie = () =>
  run({
    version: 3,
    name: 'zombie',
    kafkaVersion: '3.x',
    workload: { messages: 4 },
    transactions: {},
    faults: { scripted: [{ kind: 'txn-zombie', txn: 1, at: 'after-produce', pauseMs: 400, takeoverMs: 20 }] },
  });

describe('a transactional run on the timeline', () => {
  it('has its own lanes, in order: application, coordinator, partitions, then the readers', () => {
    const layout = buildLayout(zombie());
    expect(layout.slots).toEqual([TXN_APP_SLOT, TXN_COORDINATOR_SLOT, TXN_INTERNAL_SLOT, TXN_OUTPUT_BASE, TXN_OUTPUT_BASE + 1, readerSlot('reader-1'), readerSlot('reader-2', 'read_uncommitted')]);
    expect(layout.lanePrefix).toHaveLength(7);
    expect(slotTitle(TXN_OUTPUT_BASE + 1, false)).toEqual({ code: 'output-1' });
    expect(slotTitle(readerSlot('reader-2', 'read_uncommitted'), false)).toEqual({ key: 'canvas.txn.reader', params: { n: 2 }, sub: 'read_uncommitted' });
    // The slots before the transactional ones keep their numbers.
    expect(['producer', 'network', 'broker', 'broker-2'].map((l) => laneSlot(l as never))).toEqual([0, 1, 2, 6]);
  });

  it('puts each partition’s events on its lane', () => {
    const trace = zombie();
    const layout = buildLayout(trace);
    for (const ev of trace.events) {
      if (ev.kind === 'txn.marker' || ev.kind === 'input.appended') expect(layout.laneOf[ev.i]).toBe(partitionSlot(ev.partition));
      if (ev.kind === 'reader.fetched') expect(layout.laneOf[ev.i]).toBe(readerSlot(ev.reader, ev.isolation));
      if (ev.lane === 'producer') expect(layout.laneOf[ev.i]).toBe(TXN_APP_SLOT);
    }
    expect(partitionSlot('__transaction_state-0')).toBe(TXN_INTERNAL_SLOT);
  });

  it('pairs each request with its handling and its answer by req, on the lane that handled it', () => {
    const trace = zombie();
    const layout = buildLayout(trace);
    const requests = trace.events.filter((e) => e.kind === 'txn.request');
    expect(layout.arrows.filter((a) => a.kind === 'request')).toHaveLength(requests.length);
    for (const a of layout.arrows) {
      const start = trace.events[a.startEvent]!;
      const end = trace.events[a.endEvent];
      expect('req' in start && start.req).toBe(a.req);
      if (end) expect('req' in end && end.req).toBe(a.req);
      if (a.kind === 'request' && end) expect(a.brokerLane).toBe(layout.laneOf[end.i]);
    }
    const init = layout.arrows.find((a) => a.kind === 'request' && a.label?.startsWith('InitPid'))!;
    expect(init.brokerLane).toBe(TXN_COORDINATOR_SLOT);
    const produce = layout.arrows.find((a) => a.kind === 'request' && a.label?.startsWith('Produce'))!;
    expect(produce.label).toBe('Produce seq 0 e0');
    expect(produce.brokerLane).toBe(TXN_OUTPUT_BASE);
    expect(layout.arrows.some((a) => a.label === 'EndTxn COMMIT e2')).toBe(true);
  });

  it('labels markers, aborted records, fencing and the coordinator’s states', () => {
    const trace = zombie();
    const layout = buildLayout(trace);
    const texts = layout.marks.map((m) => localMarkText(m, 'en'));
    expect(texts).toContain('ABORT @1');
    expect(texts).toContain('COMMIT @3');
    expect(texts).toContain('PrepareEpochFence e1');
    expect(texts).toContain('fenced');
    expect(layout.marks.filter((m) => m.shape === 'abort')).toHaveLength(2);
    // The zombie's first writes (offset 0 of each output partition) are aborted by the ABORT markers, and so is what
    // read_uncommitted returned of them; nothing read_committed returned is.
    const abortEvents = new Set(trace.events.filter((e) => e.kind === 'txn.marker' && e.result === 'ABORT').map((e) => e.i));
    const aborted = layout.marks.filter((m) => m.abortedAt !== undefined);
    expect(aborted.map((m) => localMarkText(m, 'en')).sort()).toEqual(['@0', '@0', 'output-0: m2@0', 'output-1: m1@0']);
    for (const m of aborted) expect(abortEvents.has(m.abortedAt!)).toBe(true);
    expect(aborted.every((m) => m.lane !== 'reader-1')).toBe(true);
    expect(localMarkText(layout.marks.find((m) => m.shape === 'crash')!, 'zh')).toBe('被隔离');
  });

  it('places every label without overlaps at 1280×720', () => {
    const trace = zombie();
    const layout = buildLayout(trace);
    const g = laneGeometry(1240, 19, 380, layout.slots);
    expect(layout.slots.map((s) => slotRow(g, s))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const x = scaleLinear().domain([0, layout.endT]).range([g.plotLeft, g.plotRight]);
    for (const lang of ['en', 'zh'] as const) {
      const placed = placeLabels({ layout, x, g, right: 1238, lang, measure: (s) => s.length * 9, arrows: [0, layout.arrows.length], marks: [0, layout.marks.length], arrowLabels: true, markText: () => true });
      expect(overlaps(placed.boxes)).toEqual([]);
      expect(placed.boxes.some((b) => /ABORT/.test(b.text))).toBe(true);
    }
  });

  it('words a request in Kafka’s terms', () => {
    const base = { kind: 'txn.request' as const, i: 0, t: 0, lane: 'producer' as const, req: 1, instance: 1, txn: 1, pid: 1000, epoch: 3 };
    expect(txnRequestLabel({ ...base, api: 'InitProducerId', pid: -1, epoch: -1 })).toBe('InitPid');
    expect(txnRequestLabel({ ...base, api: 'AddPartitionsToTxn', partitions: ['output-0'] })).toBe('AddPart e3');
    expect(txnRequestLabel({ ...base, api: 'EndTxn', result: 'ABORT' })).toBe('EndTxn ABORT e3');
    expect(txnRequestLabel({ ...base, api: 'Fetch' })).toBe('Fetch');
  });

  it('folds the partitions onto one lane, where each partition’s marks are drawn', () => {
    const trace = zombie();
    const layout = buildLayout(trace);
    const { slots, alias } = foldTxnSlots(layout.slots);
    expect(slots).toEqual([TXN_APP_SLOT, TXN_COORDINATOR_SLOT, TXN_PARTITIONS_SLOT, readerSlot('reader-1'), readerSlot('reader-2', 'read_uncommitted')]);
    expect(slotTitle(TXN_PARTITIONS_SLOT, false)).toEqual({ key: 'txn.lanes.fold' });
    const g = { ...laneGeometry(1240, 19, 380, slots), alias };
    expect([TXN_INTERNAL_SLOT, TXN_OUTPUT_BASE, TXN_OUTPUT_BASE + 1].map((s) => slotRow(g, s))).toEqual([2, 2, 2]);
    const x = scaleLinear().domain([0, layout.endT]).range([g.plotLeft, g.plotRight]);
    const marker = layout.marks.find((m) => m.shape === 'abort')!;
    const row = g.top + 2 * g.laneHeight;
    expect(markPoint(marker, x, g).y).toBeGreaterThan(row);
    expect(markPoint(marker, x, g).y).toBeLessThan(row + g.laneHeight);
    const placed = placeLabels({ layout, x, g, right: 1238, lang: 'en', measure: (s) => s.length * 9, arrows: [0, layout.arrows.length], marks: [0, layout.marks.length], arrowLabels: true, markText: () => true });
    expect(overlaps(placed.boxes)).toEqual([]);
  });
});

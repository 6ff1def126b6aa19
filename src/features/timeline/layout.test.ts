import { describe, expect, it } from 'vitest';
import { makeFixtureTrace, makeLongTrace } from '../../testing/fixture-trace';
import { arrowLabel, buildLayout, createLayoutBuilder, inFlightAt, localMarkText, requestLabel, visibleRange } from './layout';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { dashFor } from './draw';

describe('timeline layout', () => {
  const layout = buildLayout(makeFixtureTrace());

  it('turns requests and responses into arrows with their fate', () => {
    const requests = layout.arrows.filter((a) => a.kind === 'request');
    const responses = layout.arrows.filter((a) => a.kind === 'response');
    expect(requests).toHaveLength(3);
    expect(responses).toHaveLength(3);
    expect(responses[0]).toMatchObject({ end: 'lost', startEvent: 6, endEvent: 7 });
    expect(requests[2]).toMatchObject({ end: 'broker', startEvent: 15, endEvent: 16 });
    expect(arrowLabel(requests[2]!, 'en')).toBe('m1 · P1000 e0 seq 0 · #2');
    expect(layout.stats).toMatchObject({ requests: 3, retries: 1, lostResponses: 1, duplicatesDiscarded: 1, timeouts: 1 });
  });

  it('labels verdicts and timeouts in words', () => {
    const texts = layout.marks.map((m) => localMarkText(m, 'en'));
    expect(texts).toContain('appended @0');
    expect(texts).toContain('duplicate → @0');
    expect(texts).toContain('timeout #1');
  });

  it('labels requests without a producer id', () => {
    expect(requestLabel({ req: 1, batch: 1, messages: [1], attempt: 3, instance: 1, pid: -1, epoch: -1, baseSeq: -1, lastSeq: -1, maxTimestamp: 0, connection: 1 })).toBe('m1 · no PID · #3');
  });

  it('uses a different dash for retries and delayed requests', () => {
    const [first, , retry] = layout.arrows.filter((a) => a.kind === 'request');
    expect(dashFor(first!)).toEqual([]);
    expect(dashFor(retry!)).not.toEqual([]);
    expect(dashFor({ ...first!, delayed: true })).not.toEqual(dashFor(retry!));
  });

  it('lists what is in flight at the cursor', () => {
    const at = (c: number) => inFlightAt(layout, c).map((i) => `${layout.arrows[i.arrow]!.kind}:${layout.arrows[i.arrow]!.ref.messages[0]}`);
    expect(at(5)).toEqual(['request:1']);
    // Message 1's response was lost at event 7, so at event 9 only message 2 is on the wire.
    expect(at(9)).toEqual(['request:2']);
    expect(at(10)).toEqual(expect.arrayContaining(['request:2', 'response:2']));
  });

  it('culls to the visible window', () => {
    const long = buildLayout(makeLongTrace(5000));
    const [lo, hi] = visibleRange(long.arrows, (a) => a.t0, 20_000, 20_100, long.maxSpan);
    expect(hi - lo).toBeLessThan(40);
    expect(hi - lo).toBeGreaterThan(10);
  });

  describe('built piece by piece as the trace arrives', () => {
    const base = getPreset('lost-ack')!.scenario;
    const traces = [
      makeFixtureTrace(),
      runSimulation({ ...base, workload: { ...base.workload, messages: 200 }, faults: { ...base.faults, rates: { ...base.faults.rates, loseRequest: 0.1, loseResponse: 0.1 } } }),
      runSimulation({ ...base, producer: { ...base.producer, 'enable.idempotence': false }, workload: { ...base.workload, messages: 150 }, faults: { ...base.faults, rates: { ...base.faults.rates, loseResponse: 0.2, delayRequest: 0.1 } } }),
    ];

    it.each([1, 5, 333])('equals the whole-trace layout for pieces of %i events, whatever the size hint', (size) => {
      for (const trace of traces) {
        for (const hint of [0, trace.events.length]) {
          const b = createLayoutBuilder(hint);
          for (let from = 0; from < trace.events.length; from += size) b.add(trace.events.slice(from, from + size));
          expect(b.finish(trace)).toEqual(buildLayout(trace));
        }
      }
    });

    it('draws arrows still open at the end of the run up to its end', () => {
      const trace = traces[1]!;
      const cut = { ...trace, events: trace.events.slice(0, 40), endT: trace.events[39]!.t };
      const l = buildLayout(cut);
      const open = l.arrows.filter((a) => a.end === 'open');
      expect(open.length).toBeGreaterThan(0);
      for (const a of open) expect(a.t1).toBe(l.endT);
    });

    it('refuses events out of order and a trace that does not match what was added', () => {
      const trace = traces[0]!;
      expect(() => createLayoutBuilder().add(trace.events.slice(2))).toThrow(/expected event 0/);
      const b = createLayoutBuilder();
      b.add(trace.events.slice(0, 3));
      expect(() => b.finish(trace)).toThrow(/3 events added/);
    });
  });
});

describe('mark texts', () => {
  it('are in Chinese when asked, made from the marked event and remembered', () => {
    const layout = buildLayout(makeFixtureTrace());
    const appended = layout.marks.find((m) => localMarkText(m, 'en') === 'appended @0')!;
    expect(localMarkText(appended, 'en')).toBe('appended @0');
    const zh = localMarkText(appended, 'zh');
    expect(zh).toBe('已追加 @0');
    expect(localMarkText(appended, 'zh')).toBe(zh);
  });
});

import { describe, expect, it } from 'vitest';
import { makeFixtureTrace, makeLongTrace } from '../../testing/fixture-trace';
import { arrowLabel, buildLayout, inFlightAt, localMarkText, requestLabel, visibleRange } from './layout';
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
    expect(requestLabel({ req: 1, batch: 1, messages: [1], attempt: 3, instance: 1, pid: -1, epoch: -1, baseSeq: -1, lastSeq: -1, connection: 1 })).toBe('m1 · no PID · #3');
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
});

import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenarios/presets';
import { runSimulation } from '../run-simulation';
import { APP_MOVES, APP_PHASES, type AppPhase } from './txn-app-model';
import { txnAppMachine } from './txn-app.machine';

/** The application region's transitions, as XState holds them: from each phase, the phases its events lead to. */
function drawnMoves(): Record<string, string[]> {
  const app = txnAppMachine.root.states['app']!;
  return Object.fromEntries(
    Object.entries(app.states).map(([name, node]) => [name, [...node.transitions.values()].flat().flatMap((t) => (t.target ?? []).map((n) => n.key)).sort()]),
  );
}

describe('the transactional application’s statechart', () => {
  it('has, from each phase, exactly the moves its loop allows (not any phase to any phase), and none out of crashed or closed', () => {
    const drawn = drawnMoves();
    expect(Object.keys(drawn).sort()).toEqual([...APP_PHASES].sort());
    for (const phase of APP_PHASES) expect(drawn[phase], phase).toEqual([...APP_MOVES[phase]].sort());
    expect(drawn['crashed']).toEqual([]);
    expect(drawn['closed']).toEqual([]);
    // The region has no transitions of its own that would take it from anywhere.
    expect(txnAppMachine.root.states['app']!.transitions.size).toBe(0);
  });

  it('every move a preset’s run makes is one of the allowed moves, and together they go round the loop', () => {
    const seen = new Set<string>();
    for (const preset of PRESETS.filter((p) => p.scenario.transactions)) {
      const trace = runSimulation(preset.scenario);
      for (const ev of trace.events) {
        const tr = ev.transition;
        if (!tr || !String(tr.event).startsWith('app.') || !tr.source?.includes('.app.')) continue;
        const from = tr.source.split('.').pop() as AppPhase;
        const to = String(tr.event).slice('app.'.length) as AppPhase;
        expect(APP_MOVES[from], `${preset.id} #${ev.i}: ${from} → ${to}`).toContain(to);
        seen.add(`${from}→${to}`);
      }
    }
    for (const move of ['starting→fetchingOffsets', 'fetchingOffsets→polling', 'polling→adding', 'adding→producing', 'producing→addingOffsets', 'addingOffsets→committingOffsets', 'committingOffsets→ending', 'ending→polling'])
      expect(seen, move).toContain(move);
  });
});

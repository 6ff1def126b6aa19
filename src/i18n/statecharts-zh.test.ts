import { describe, expect, it } from 'vitest';
import { chartsFor, lifecycleCharts, lifecyclesFor, partyCharts, txnCharts } from '../features/statecharts/charts';
import { getPreset } from '../scenarios/presets';
import { hasChinese, leftoverEnglish } from './english-check';
import { stateDescription } from './localize';
import { STATE_DESCRIPTIONS_ZH } from './statecharts-zh';

describe('Chinese state descriptions', () => {
  // With replication: the brokers' replica machine and the controller's too.
  const replicated = chartsFor({ scenario: getPreset('failover-retry-recognised')!.scenario });
  // With a consumer side: the group members', coordinator's and database's, and a message's persisted state.
  const consumerSide = { scenario: getPreset('consumer-slow-processing-rebalance')!.scenario };
  // A transactional run: the application's producer, the transaction coordinator and the readers.
  const transactional = txnCharts(2);
  const states = [...partyCharts(), ...replicated, ...chartsFor(consumerSide), ...transactional, ...lifecycleCharts(), ...lifecyclesFor(consumerSide)].flatMap((c) => c.order.slice(1).map((id) => c.nodes[id]!));

  it('cover every state of the machines (the ids listed here have no Chinese description yet)', () => {
    const missing = states.filter((n) => n.description && !(n.id in STATE_DESCRIPTIONS_ZH)).map((n) => n.id);
    expect(missing).toEqual([]);
  });

  it('are Chinese, keeping only Kafka’s own names in English', () => {
    for (const [id, text] of Object.entries(STATE_DESCRIPTIONS_ZH)) {
      expect(hasChinese(text), id).toBe(true);
      expect(leftoverEnglish(text), id).toEqual([]);
    }
  });

  it('fall back to the English description', () => {
    expect(stateDescription('producer.running', 'accepting records', 'zh')).toBe(STATE_DESCRIPTIONS_ZH['producer.running']);
    expect(stateDescription('producer.somewhereNew', 'a new state', 'zh')).toBe('a new state');
    expect(stateDescription('producer.running', 'accepting records', 'en')).toBe('accepting records');
  });
});

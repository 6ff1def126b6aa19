import { describe, expect, test } from 'vitest';
import { runCliCaptured } from './run-cli-capture';

const run = runCliCaptured;

interface EffectsJson {
  duplicates: number;
  lost: number;
  exactlyOnce: boolean;
  anomalies: { kind: string; message: number; cause: string; events: number[]; explanation: string }[];
}

const effectsOf = (argv: string[]) => {
  const r = run([...argv, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { outcome: { effects?: EffectsJson }; scenario: { version: number }; database?: { effects: unknown[] } };
};

describe('npm run sim with a consumer side', () => {
  test('--json gains outcome.effects with duplicates, lost and exactlyOnce, and the database tables', () => {
    const crash = effectsOf(['consumer-crash-before-commit']);
    expect(crash.outcome.effects).toMatchObject({ duplicates: 1, lost: 0, exactlyOnce: false });
    expect(crash.outcome.effects!.anomalies[0]).toMatchObject({ kind: 'duplicate-effect', message: 2, cause: 'consumer-crash' });
    expect(crash.outcome.effects!.anomalies[0]!.explanation).toMatch(/^Message 2 has 2 effects: a member crashed/);
    expect(crash.database!.effects).toHaveLength(4);
    const lost = effectsOf(['consumer-commit-before-processing']);
    expect(lost.outcome.effects).toMatchObject({ duplicates: 0, lost: 1, exactlyOnce: false });
  });

  test('--dedup and --commit change the strategies: the inbox makes the same crash harmless', () => {
    expect(effectsOf(['consumer-crash-before-commit', '--dedup', 'same-transaction']).outcome.effects).toMatchObject({ duplicates: 0, lost: 0, exactlyOnce: true });
    expect(effectsOf(['consumer-crash-before-commit', '--dedup', 'idempotent-effect']).outcome.effects!.exactlyOnce).toBe(true);
    expect(effectsOf(['consumer-commit-before-processing', '--dedup', 'state-machine']).outcome.effects!.exactlyOnce).toBe(true);
    expect(effectsOf(['consumer-commit-before-processing', '--commit', 'after-processing']).outcome.effects).toMatchObject({ lost: 0 });
  });

  test('a scenario without a consumer has no outcome.effects; --dedup adds a consumer with defaults', () => {
    const plain = effectsOf(['lost-ack']);
    expect(plain.outcome.effects).toBeUndefined();
    expect(plain.database).toBeUndefined();
    expect(plain.scenario.version).toBe(1);
    const added = effectsOf(['lost-ack', '--idempotence', 'off', '--dedup', 'none']);
    expect(added.scenario.version).toBe(2);
    // The lost ack put message 1 in the log twice; with no dedup it is applied twice.
    expect(added.outcome.effects).toMatchObject({ duplicates: 1, exactlyOnce: false });
    expect(added.outcome.effects!.anomalies[0]).toMatchObject({ cause: 'log-duplicate', message: 1 });
  });

  test('the text report ends with the effects table and the end-to-end verdict', () => {
    const r = run(['consumer-dedup-same-transaction', '--idempotence', 'off']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Effects verdict: duplicates 0 · lost 0 · exactly-once yes');
  });

  test('an unknown strategy is refused, naming the valid ones', () => {
    const r = run(['lost-ack', '--dedup', 'magic']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--dedup takes one of none, memory, after-effect, before-effect, same-transaction, idempotent-effect, state-machine, got "magic"');
    expect(run(['lost-ack', '--commit', 'never']).err).toContain('--commit takes one of auto, after-processing, before-processing');
  });
});

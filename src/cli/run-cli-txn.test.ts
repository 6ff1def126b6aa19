import { describe, expect, test } from 'vitest';
import { runCliCaptured } from './run-cli-capture';

const run = runCliCaptured;

interface TxnJson {
  outcome: {
    exactlyOnce: boolean;
    transactions: { committed: number; aborted: number; hanging: unknown[]; exactlyOnce: boolean; explanation: string; anomalies: { kind: string; explanation: string }[] };
    consumers: { id: string; isolation: string; records: { topic: string; partition: number; offset: number; message: number }[] }[];
  };
  partitions: { id: string; lso: number; leo: number }[];
  scenario: { version: number };
}

const json = (argv: string[]) => {
  const r = run([...argv, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as TxnJson;
};

describe('npm run sim with transactions', () => {
  test('--json gains outcome.transactions (committed, aborted, hanging) and outcome.consumers, one per reader with the records it returned', () => {
    const doc = json(['txn-abort-read-committed']);
    expect(doc.scenario.version).toBe(3);
    expect(doc.outcome.transactions).toMatchObject({ committed: 2, aborted: 1, hanging: [], exactlyOnce: true });
    expect(doc.outcome.transactions.explanation).toMatch(/^Transactions: 2 committed, 1 aborted\./);
    const [committed, uncommitted] = doc.outcome.consumers;
    expect(committed).toMatchObject({ id: 'reader-1', isolation: 'read_committed' });
    expect(uncommitted).toMatchObject({ id: 'reader-2', isolation: 'read_uncommitted' });
    expect(committed!.records.map((r) => r.message).sort()).toEqual([1, 2, 3, 4]);
    expect(uncommitted!.records.map((r) => r.message).sort()).toEqual([1, 1, 2, 2, 3, 4]);
    expect(committed!.records[0]).toEqual({ topic: 'output', partition: 0, offset: 2, message: 2 });
    expect(doc.partitions.map((p) => p.id)).toEqual(['input-0', 'output-0', 'output-1', '__consumer_offsets-0', '__transaction_state-0']);
  });

  test('a leak is an anomaly with its explanation; idempotence off is a ConfigException', () => {
    const leak = json(['txn-hanging-lso']);
    expect(leak.outcome.exactlyOnce).toBe(false);
    expect(leak.outcome.transactions.anomalies.map((a) => a.kind)).toEqual(['duplicate-output', 'duplicate-output']);
    expect(leak.outcome.transactions.anomalies[0]!.explanation).toMatch(/late write of an aborted transaction/);
    const off = run(['txn-zombie-fencing', '--idempotence', 'off']);
    expect(off.code).toBe(2);
    expect(off.err).toContain('ConfigException: Cannot set a transactional.id without also enabling idempotence.');
    expect(off.out).not.toContain('Verdict');
  });

  test('the text report lists each partition with its LSO, what each reader returned, and the verdict', () => {
    const r = run(['txn-markers-take-offsets']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('output-0: LSO 9, log end 9');
    expect(r.out).toContain('  offset   2  COMMIT marker  (producer 1000 epoch 1)');
    expect(r.out).toContain('reader-1 (read_committed) returned: m1 @output-0:0, m2 @output-0:1, m3 @output-0:3');
    expect(r.out).toMatch(/Verdict: committed 3 · aborted 0 · hanging 0 · duplicates 0 · leaked 0 · lost 0 · exactly-once yes/);
  });
});

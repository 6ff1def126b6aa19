// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTrace } from '../../sim/trace/checker';
import { parseScenario } from '../../sim/scenario/parse';
import { runSimulation } from '../../sim/run-simulation';
import type { Trace } from '../../sim/trace/types';
import { buildTxnIndex } from './txn-index';
import { TxnStateView } from './txn-state-view';
import { TxnOutcomeView } from './txn-outcome-view';

const zombie = (): Trace => {
  const parsed = parseScenario({
    version: 3,
    name: 'zombie',
    kafkaVersion: '3.x',
    workload: { messages: 4 },
    transactions: {},
    faults: { scripted: [{ kind: 'txn-zombie', txn: 1, at: 'after-produce', pauseMs: 400, takeoverMs: 20 }] },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runSimulation(parsed.scenario);
};

afterEach(cleanup);

describe('a transactional run’s inspector', () => {
  it('at the last step, agrees with the trace’s final partitions (LSO, log end, open transactions)', () => {
    const trace = zombie();
    const at = buildTxnIndex(trace).partitionsAt(trace.events.length - 1);
    expect(at.map((p) => [p.id, p.lso, p.leo, p.open])).toEqual(trace.partitions!.map((p) => [p.id, p.lso, p.leo, p.open]));
    expect(at.map((p) => p.records.length)).toEqual(trace.partitions!.map((p) => p.records.length));
  });

  it('shows each record from the step that wrote it, open until its marker, then committed or aborted', () => {
    const trace = zombie();
    const index = buildTxnIndex(trace);
    const produce = trace.events.find((e) => e.kind === 'txn.handled' && e.api === 'Produce')!;
    const before = index.partitionsAt(produce.i - 1).find((p) => p.id === 'output-0')!;
    expect(before.records).toEqual([]);
    const after = index.partitionsAt(produce.i).find((p) => p.id === 'output-0')!;
    expect(after.records.map((r) => r.status)).toEqual(['open']);
    expect(after.lso).toBe(0);
    expect(after.open).toEqual([{ pid: 1000, first: 0 }]);
    const abort = trace.events.find((e) => e.kind === 'txn.marker' && e.partition === 'output-0' && e.result === 'ABORT')!;
    const aborted = index.partitionsAt(abort.i).find((p) => p.id === 'output-0')!;
    expect(aborted.records.map((r) => [r.record.offset, r.status])).toEqual([
      [0, 'aborted'],
      [1, 'plain'],
    ]);
    expect(aborted.lso).toBe(2);
    expect(index.coordinatorAt(abort.i)?.state).toBe('PrepareAbort');
    expect(index.coordinatorAt(trace.events.length - 1)?.state).toBe('CompleteCommit');
    expect(index.coordinatorAt(0)).toBeNull();
  });

  it('renders the coordinator, the partitions with markers and aborted records, and the verdict', () => {
    const trace = zombie();
    const index = buildTxnIndex(trace);
    const abort = trace.events.find((e) => e.kind === 'txn.marker' && e.partition === 'output-1' && e.result === 'ABORT')!;
    const { unmount } = render(<TxnStateView coordinator={index.coordinatorAt(abort.i)} partitions={index.partitionsAt(abort.i)} lang="en" />);
    expect(screen.getByText(/"lab-app": PrepareAbort · producer id 1000 · epoch 1/)).toBeTruthy();
    expect(screen.getByText('output-1: LSO 2, log end 2')).toBeTruthy();
    expect(screen.getAllByText(/ABORT marker \(epoch 1\)/)).toHaveLength(2);
    expect(screen.getAllByText('⊘ aborted')).toHaveLength(2);
    unmount();
    const outcome = checkTrace(trace);
    render(<TxnOutcomeView outcome={outcome.transactions!} consumers={outcome.consumers ?? []} lang="zh" onGoTo={() => {}} />);
    expect(screen.getByText(/整个循环的精确一次：是/)).toBeTruthy();
    expect(screen.getByText(/reader-2（read_uncommitted）：m2 \(output-0@0\)/)).toBeTruthy();
  });
});

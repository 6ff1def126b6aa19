import type { DatabaseTables, EffectRow, MessageState, TraceEvent } from './types';

/**
 * The application's tables as the database's committed transactions left them at event `upTo` (the end by default),
 * rebuilt from the trace's `db.txn` events alone (as the log is rebuilt from `broker.handled`): what the database
 * inspector shows and what the end-to-end verdict is about.
 */
export function databaseTables(events: readonly TraceEvent[], upTo = events.length - 1): DatabaseTables {
  const effects: EffectRow[] = [];
  const byMessage = new Map<number, EffectRow>();
  const processed: number[] = [];
  const seen = new Set<number>();
  const states = new Map<number, MessageState>();
  for (let i = 0; i <= upTo && i < events.length; i++) {
    const ev = events[i]!;
    if (ev.kind !== 'db.txn' || ev.result !== 'committed') continue;
    for (const op of ev.ops) {
      if (op.op === 'effect') {
        const row = byMessage.get(op.message);
        if (op.upsert && row) {
          row.rewrites += 1;
          continue;
        }
        const added: EffectRow = { message: op.message, offset: op.offset, event: ev.i, rewrites: 0 };
        effects.push(added);
        if (!row) byMessage.set(op.message, added);
      } else if (op.op === 'mark') {
        if (!seen.has(op.message)) {
          seen.add(op.message);
          processed.push(op.message);
        }
      } else if (op.op === 'state') states.set(op.message, op.to);
    }
  }
  return { effects, processed, messages: [...states].map(([message, state]) => ({ message, state })) };
}

import { parseScenario } from '../src/sim/scenario/parse';
import type { Scenario, ScenarioInput } from '../src/sim/scenario/schema';
import type { EventOf, Trace, TraceEvent, TraceEventKind } from '../src/sim/trace/types';

/** A scenario from a partial description, with every default filled in; throws on invalid input. */
export function scenario(input: Omit<ScenarioInput, 'version' | 'name'> & { name?: string }): Scenario {
  const parsed = parseScenario({ version: 1, name: 'test', ...input });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.scenario;
}

/** The log as [message, offset, pid, epoch, seq] rows: easy to compare with a reference vector. */
export function logRows(trace: Trace): [number, number, number, number, number][] {
  return trace.log.map((r) => [r.message, r.offset, r.pid, r.epoch, r.seq]);
}

export function eventsOf<K extends TraceEventKind>(trace: Trace, kind: K): EventOf<K>[] {
  return trace.events.filter((e: TraceEvent): e is EventOf<K> => e.kind === kind);
}

/** What the application's callbacks reported, per message: an offset, or the exception text. */
export function callbacks(trace: Trace): Map<number, number | string> {
  const out = new Map<number, number | string>();
  for (const e of trace.events) {
    if (e.kind === 'delivery.ack') for (const m of e.messages) out.set(m, e.offset);
    if (e.kind === 'delivery.failed') for (const m of e.messages) out.set(m, e.error);
  }
  return out;
}

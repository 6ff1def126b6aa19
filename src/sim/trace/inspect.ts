import type { BrokerSnapshot, LogRecord, ProducerSnapshot, Trace, TraceEvent } from './types';

export interface Inspector {
  /** The producer's state after event `i` (null before the producer exists). */
  producerAt(i: number): ProducerSnapshot | null;
  /** The broker's state after event `i`. */
  brokerAt(i: number): BrokerSnapshot | null;
  /** The partition log as it stood after event `i`. */
  logAt(i: number): LogRecord[];
  /** How many log records existed after event `i`. */
  logLengthAt(i: number): number;
}

/** Builds an inspector from a trace's events as they arrive, in order: `add` each piece, then `finish`. */
export interface InspectorBuilder {
  /** The next events of the trace (their `i` continue where the previous piece ended). */
  add(events: readonly TraceEvent[]): void;
  /** The inspector of the whole trace, whose events are exactly those added. */
  finish(trace: Trace): Inspector;
}

/**
 * The incremental form of `createInspector`: each event costs O(1) as it arrives; `finish` adds the log lengths in
 * one pass over typed arrays. `total` sizes the arrays (more events are accepted, at the cost of a copy).
 */
export function createInspectorBuilder(total = 0): InspectorBuilder {
  let cap = Math.max(16, total);
  let lastProducer = new Int32Array(cap);
  let lastBroker = new Int32Array(cap);
  let n = 0;
  let p = -1;
  let b = -1;
  return {
    add(events) {
      if (n + events.length > cap) {
        cap = Math.max(n + events.length, cap * 2);
        const lp = new Int32Array(cap);
        lp.set(lastProducer);
        lastProducer = lp;
        const lb = new Int32Array(cap);
        lb.set(lastBroker);
        lastBroker = lb;
      }
      for (const ev of events) {
        if (ev.i !== n) throw new Error(`inspector: expected event ${n}, got ${ev.i}`);
        if (ev.producer) p = n;
        if (ev.broker) b = n;
        lastProducer[n] = p;
        lastBroker[n] = b;
        n++;
      }
    },
    finish(trace) {
      if (trace.events.length !== n) throw new Error(`inspector: ${n} events added, the trace has ${trace.events.length}`);
      const log = trace.log;
      const logLength = new Int32Array(n);
      let r = 0;
      for (let i = 0; i < n; i++) {
        while (r < log.length && log[r]!.event <= i) r++;
        logLength[i] = r;
      }
      return lookups(trace, lastProducer, lastBroker, logLength);
    },
  };
}

/**
 * Builds O(1) cursor lookups over a trace in one pass, so stepping or scrubbing to any position of a long run
 * costs a couple of array reads. Only reads the trace: no protocol logic runs here.
 * @example const ins = createInspector(trace); ins.producerAt(42)?.nextSeq
 */
export function createInspector(trace: Trace): Inspector {
  const b = createInspectorBuilder(trace.events.length);
  b.add(trace.events);
  return b.finish(trace);
}

function lookups(trace: Trace, lastProducer: Int32Array, lastBroker: Int32Array, logLength: Int32Array): Inspector {
  const n = trace.events.length;
  const log = trace.log;
  const clamp = (i: number) => Math.max(-1, Math.min(n - 1, Math.floor(i)));
  return {
    producerAt(i) {
      const c = clamp(i);
      if (c < 0) return null;
      const at = lastProducer[c]!;
      return at < 0 ? null : (trace.events[at]!.producer ?? null);
    },
    brokerAt(i) {
      const c = clamp(i);
      if (c < 0) return null;
      const at = lastBroker[c]!;
      return at < 0 ? null : (trace.events[at]!.broker ?? null);
    },
    logLengthAt(i) {
      const c = clamp(i);
      return c < 0 ? 0 : logLength[c]!;
    },
    logAt(i) {
      return log.slice(0, this.logLengthAt(i));
    },
  };
}

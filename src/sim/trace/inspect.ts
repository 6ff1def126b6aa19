import type { BrokerSnapshot, LogRecord, ProducerSnapshot, Trace } from './types';

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

/**
 * Builds O(1) cursor lookups over a trace in one pass, so stepping or scrubbing to any position of a long run
 * costs a couple of array reads. Only reads the trace: no protocol logic runs here.
 * @example const ins = createInspector(trace); ins.producerAt(42)?.nextSeq
 */
export function createInspector(trace: Trace): Inspector {
  const n = trace.events.length;
  const lastProducer = new Int32Array(n);
  const lastBroker = new Int32Array(n);
  const logLength = new Int32Array(n);
  let p = -1;
  let b = -1;
  let r = 0;
  const log = trace.log;
  for (let i = 0; i < n; i++) {
    const ev = trace.events[i]!;
    if (ev.producer) p = i;
    if (ev.broker) b = i;
    while (r < log.length && log[r]!.event <= i) r++;
    lastProducer[i] = p;
    lastBroker[i] = b;
    logLength[i] = r;
  }
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

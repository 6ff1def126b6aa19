/** What the checker concludes from a trace. */
export type AnomalyKind = 'duplicate' | 'lost' | 'reordered';

export interface Anomaly {
  kind: AnomalyKind;
  message: number;
  /** Offsets involved (both copies of a duplicate, the out-of-order record). */
  offsets: number[];
  /** Indexes of the trace events that caused it, earliest first (the witness). */
  events: number[];
  /** Plain-language explanation naming those events. */
  explanation: string;
}

export interface Outcome {
  /** Extra copies in the log: a message written twice counts 1. */
  duplicates: number;
  /** Messages the application sent that are not in the log. */
  lost: number;
  /** Records that sit after a record of a later message. */
  reordered: number;
  /** Every message the application sent is in the log exactly once. */
  exactlyOnce: boolean;
  /** The log holds the messages in the order the application sent them. */
  inOrder: boolean;
  sent: number;
  written: number;
  acknowledged: number;
  anomalies: Anomaly[];
  /** A paragraph that sums the run up. */
  explanation: string;
}

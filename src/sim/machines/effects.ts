import type { ErrorName } from '../protocol/types';
import type { RequestRef, TraceEvent } from '../trace/types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A trace event before the kernel stamps its index and time. */
export type TraceEventInput = DistributiveOmit<TraceEvent, 'i' | 't'>;

export type Packet =
  /** `timeoutMs`: the request's timeout (request.timeout.ms), which bounds a leader's wait for replication (acks=all). */
  | { kind: 'produce'; ref: RequestRef; acks: 'all' | '1' | '0'; idempotent: boolean; timeoutMs?: number }
  | { kind: 'init-pid'; instance: number; connection: number }
  | { kind: 'produce-response'; ref: RequestRef; error: ErrorName; offset: number }
  | { kind: 'init-pid-response'; instance: number; connection: number; pid: number; epoch: number };

/**
 * What one step of a machine asks for, in order. The machine turns each into XState's own actions: a trace record
 * into an emitted event, a timer into a delayed `raise` (with an id, so that `cancel` can withdraw it), a packet
 * into a `sendTo` the network.
 */
export type Effect<E> =
  | { type: 'record'; ev: TraceEventInput }
  /** With an id, the timer can be withdrawn by a later `cancel` effect. */
  | { type: 'timer'; delayMs: number; event: E; id?: string }
  | { type: 'cancel'; id: string }
  | { type: 'send'; packet: Packet }
  /** The client closes its connection (request timeout, crash): the network drops what has not arrived. */
  | { type: 'close'; connection: number };

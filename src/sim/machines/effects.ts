import type { ErrorName } from '../protocol/types';
import type { RequestRef, TraceEvent } from '../trace/types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A trace event before the kernel stamps its index and time. */
export type TraceEventInput = DistributiveOmit<TraceEvent, 'i' | 't'>;

export type Packet =
  | { kind: 'produce'; ref: RequestRef; acks: 'all' | '1' | '0'; idempotent: boolean }
  | { kind: 'init-pid'; instance: number; connection: number }
  | { kind: 'produce-response'; ref: RequestRef; error: ErrorName; offset: number }
  | { kind: 'init-pid-response'; instance: number; connection: number; pid: number; epoch: number };

/**
 * What a machine asks the kernel to do. Machines never touch time, randomness or each other directly:
 * they leave effects in their outbox and the kernel carries them out in order.
 */
export type Effect<E> =
  | { type: 'record'; ev: TraceEventInput }
  /** With a key, the timer can be cancelled by a later `cancel` effect. */
  | { type: 'timer'; delayMs: number; event: E; key?: number }
  | { type: 'cancel'; key: number }
  | { type: 'send'; packet: Packet }
  | { type: 'close'; connection: number; reason: 'request-timeout' | 'producer-crash' };

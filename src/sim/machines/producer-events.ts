import type { ErrorName } from '../protocol/types';

/** Events the producer machine accepts. Timer events carry identity so that a stale timer is ignored. */
export type ProducerEvent =
  | { type: 'producer.start' }
  | { type: 'app.send'; message: number; resend: boolean }
  | { type: 'linger.expired'; batch: number }
  | { type: 'pid.assigned'; pid: number; epoch: number; connection: number }
  | { type: 'response.received'; req: number; error: ErrorName; offset: number }
  | { type: 'request.timeout'; req: number }
  | { type: 'connection.broken'; connection: number }
  | { type: 'reconnect.ready' }
  /** The network's answer to a connection attempt: ready, or refused (the broker is down). */
  | { type: 'connect.succeeded'; connection: number }
  | { type: 'connect.failed'; connection: number }
  | { type: 'backoff.elapsed'; batch: number; attempt: number }
  | { type: 'delivery.timeout'; batch: number }
  | { type: 'producer.crash' };

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
  | { type: 'backoff.elapsed'; batch: number; attempt: number }
  | { type: 'delivery.timeout'; batch: number }
  | { type: 'producer.crash' };

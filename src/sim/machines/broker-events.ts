import type { ProduceArrival } from './broker-model';

export type BrokerEvent =
  | ({ type: 'produce' } & ProduceArrival)
  | { type: 'init-pid'; instance: number; connection: number }
  | { type: 'broker.shutdown' }
  | { type: 'broker.crash' }
  | { type: 'broker.restart' }
  | { type: 'expiry.check' };

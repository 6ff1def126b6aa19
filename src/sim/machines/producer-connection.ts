import { reconnectBackoffMs } from '../protocol/connection-rules';
import { drain } from './producer-drain';
import { fact, record, timerId, type ProducerStep } from './producer-model';

/**
 * NetworkClient.ready for the leader: true once the connection is ready. Otherwise it starts connecting, if the
 * reconnect backoff allows (a connection may be opened again once reconnect.backoff.ms has passed, even before the
 * timer fires), and the drain stops: the Sender drains only for ready nodes (Sender.sendProducerData, reference
 * §1.5), so nothing is sent to a broker that cannot be reached and no attempt is used. The lab draws no time for a
 * connection that succeeds (TCP handshake and ApiVersions); a refused one comes back after a round trip.
 */
export function nodeReady(m: ProducerStep): boolean {
  if (m.conn === 'connected') return true;
  if (m.conn === 'connecting') return false;
  if (m.conn === 'waitingToReconnect') {
    if (m.now < m.reconnectAtT) return false;
    fact(m, { type: 'reconnect.allowed' });
  }
  m.connection += 1;
  fact(m, { type: 'connection.connecting' });
  m.out.push({ type: 'connect', connection: m.connection });
  return false;
}

/** The connection is ready (ClusterConnectionStates.ready resets the reconnect backoff): drain what waits. */
export function connectSucceeded(m: ProducerStep, connection: number): void {
  if (m.conn !== 'connecting' || connection !== m.connection) return;
  fact(m, { type: 'connection.opened' });
  m.reconnectFailures = 0;
  record(m, { kind: 'connection.opened', lane: 'producer', connection });
  drain(m);
}

/** The broker refused the connection (it is down): wait the reconnect backoff, which doubles with each refusal. */
export function connectFailed(m: ProducerStep, connection: number): void {
  if (m.conn !== 'connecting' || connection !== m.connection) return;
  fact(m, { type: 'connection.refused' });
  const backoffMs = scheduleReconnect(m);
  record(m, { kind: 'connection.refused', lane: 'producer', connection, backoffMs });
}

/**
 * After a disconnect or a refused attempt (ClusterConnectionStates.disconnected): no new connection before the
 * reconnect backoff has passed; a timer drains again then. Returns the backoff.
 */
export function scheduleReconnect(m: ProducerStep): number {
  const backoffMs = reconnectBackoffMs(m.reconnectFailures, m.config['reconnect.backoff.ms'], m.config['reconnect.backoff.max.ms']);
  m.reconnectFailures += 1;
  m.reconnectAtT = m.now + backoffMs;
  m.out.push({ type: 'timer', delayMs: backoffMs, event: { type: 'reconnect.ready' }, id: timerId.reconnect(m.connection) });
  return backoffMs;
}

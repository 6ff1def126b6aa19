import { formatAttempt, formatHeader, formatMessages } from './format';
import type { TraceEvent } from './types';

/**
 * One plain-language sentence for the narration line and the transcript: what happened and why.
 * @example describeEvent(ev) // "Broker: P1000 e0 seq 0 is already in its cache of the last 5 batches → duplicate, not appended; replies with the original offset 0."
 */
export function describeEvent(ev: TraceEvent): string {
  switch (ev.kind) {
    case 'config.error':
      return `Producer refuses to start: ${ev.message}`;
    case 'producer.started':
      return ev.instance === 1 ? 'Producer created.' : `Application restarted: producer instance ${ev.instance} created; it will need a new producer id.`;
    case 'app.send':
      return ev.resend
        ? `Application re-sends message ${ev.message}: it never saw an acknowledgement before the crash. To the broker this is a new record.`
        : `Application calls send(message ${ev.message}); the record waits in the accumulator.`;
    case 'batch.created':
      return `Producer closes batch ${ev.batch} with ${formatMessages(ev.messages)}; its sequence number is assigned when it is first sent.`;
    case 'pid.requested':
      return 'Producer sends InitProducerId to the broker: idempotence needs a producer id before any batch can go out.';
    case 'pid.assigned':
      return `Broker assigns producer id ${ev.pid} with epoch ${ev.epoch}; sequence numbers for this id start at 0.`;
    case 'connection.opened':
      return `Producer opens connection ${ev.connection} to the broker.`;
    case 'connection.closed': {
      const why =
        ev.reason === 'request-timeout'
          ? 'a request timed out, so the client closes the connection'
          : ev.reason === 'network'
            ? 'the connection broke'
            : ev.reason === 'broker-crash'
              ? 'the broker went down'
              : 'the producer crashed';
      const n = ev.failed.length;
      return `Connection ${ev.connection} closed: ${why}; ${n === 0 ? 'nothing was in flight' : `${n} in-flight request${n === 1 ? '' : 's'} fail${n === 1 ? 's' : ''} at once`}.`;
    }
    case 'request.sent':
      return `Producer sends ${formatMessages(ev.messages)} (${formatHeader(ev)}, ${formatAttempt(ev.attempt)}) on connection ${ev.connection}.`;
    case 'request.lost':
      return ev.cause === 'fault'
        ? `Network loses the request for ${formatMessages(ev.messages)} (${formatAttempt(ev.attempt)}): the broker never sees it, and the connection breaks.`
        : ev.cause === 'broker-down'
          ? `The request for ${formatMessages(ev.messages)} (${formatAttempt(ev.attempt)}) goes nowhere: the broker is down.`
          : `The request for ${formatMessages(ev.messages)} (${formatAttempt(ev.attempt)}) never reaches the broker: its connection was closed under it.`;
    case 'request.delayed':
      return `Network holds the request for ${formatMessages(ev.messages)} (${formatAttempt(ev.attempt)}) for ${ev.delayMs} ms in the broker's queue; a retry may overtake it.`;
    case 'link.stalled':
      return `The link stalls on connection ${ev.connection} until t=${ev.untilT} ms: no ${ev.direction === 'request' ? 'request reaches the broker' : 'response reaches the producer'} before then.`;
    case 'broker.handled':
      return describeVerdict(ev);
    case 'response.lost':
      return ev.cause === 'fault'
        ? `Network loses the broker's response for ${formatMessages(ev.messages)}: the broker has answered, but the producer will never hear of it, and the connection breaks.`
        : `The broker's response for ${formatMessages(ev.messages)} never arrives: its connection was closed under it.`;
    case 'response.received':
      return ev.error === 'NONE'
        ? `Producer receives the ack for ${formatMessages(ev.messages)}: offset ${ev.offset}.`
        : `Producer receives ${ev.error} for ${formatMessages(ev.messages)} (${formatHeader(ev)}).`;
    case 'request.timeout':
      return `No answer within request.timeout.ms (${ev.timeoutMs} ms) for ${formatMessages(ev.messages)}: the producer cannot know whether the broker wrote it.`;
    case 'request.failed':
      return `In-flight request for ${formatMessages(ev.messages)} (${formatAttempt(ev.attempt)}) fails with ${ev.error}.`;
    case 'retry.scheduled':
      return `Producer will retry ${formatMessages(ev.messages)} as attempt ${ev.attempt} after ${ev.backoffMs} ms (${ev.reason} is retriable${ev.bump ? '; the sequence gap is real, so the epoch will be bumped first' : ''}).`;
    case 'delivery.ack':
      return ev.offset < 0
        ? `Delivery callback: ${formatMessages(ev.messages)} sent with acks=0; no offset is known (−1) and no loss would ever be reported.`
        : `Delivery callback: ${formatMessages(ev.messages)} acknowledged at offset ${ev.offset}.`;
    case 'delivery.failed':
      return `Delivery callback: ${formatMessages(ev.messages)} failed with ${ev.error}${ev.unresolved ? '; the records may still be in the log, so the sequence is unresolved' : ''}.`;
    case 'epoch.bumped': {
      const moves = ev.renumbered.map((r) => `batch ${r.batch} seq ${r.fromSeq}→${r.toSeq}`).join(', ');
      return `Producer bumps its epoch locally to ${ev.epoch} (KIP-360) and starts again at sequence 0${moves ? `: ${moves}` : ''}.`;
    }
    case 'producer.crashed':
      return `The application crashes. Unacknowledged: ${ev.unacked.length === 0 ? 'none' : formatMessages(ev.unacked)}; their fate is unknown to it.`;
    case 'broker.crashed':
      return 'The broker crashes: connections drop; the log is safe on disk, the producer state will come back from its snapshot.';
    case 'broker.restarted':
      return `The broker restarts. The snapshot kept only the last batch per producer: ${ev.keptBatches} cached batch${ev.keptBatches === 1 ? '' : 'es'} kept, ${ev.droppedBatches} forgotten, so the dedup window is smaller now.`;
    case 'producer.expired':
      return `Broker expires producer ${ev.pid}: idle for ${ev.idleMs} ms ≥ producer.id.expiration.ms. Its sequence history is gone.`;
  }
}

function describeVerdict(ev: Extract<TraceEvent, { kind: 'broker.handled' }>): string {
  const what = `${formatMessages(ev.messages)} (${formatHeader(ev)}, ${formatAttempt(ev.attempt)})`;
  const tail = ev.noResponse ? ' acks=0: no response is sent.' : ev.deadSocket ? ' Its response goes to a closed connection.' : '';
  switch (ev.verdict) {
    case 'appended':
      return `Broker appends ${what} at offset ${ev.offset}: ${ev.rule}.${tail}`;
    case 'duplicate':
      return `Broker: ${what} is a duplicate (${ev.rule}).${tail}`;
    case 'OUT_OF_ORDER_SEQUENCE_NUMBER':
      return `Broker rejects ${what} with OUT_OF_ORDER_SEQUENCE_NUMBER: ${ev.rule}.${tail}`;
    case 'INVALID_PRODUCER_EPOCH':
      return `Broker rejects ${what} with INVALID_PRODUCER_EPOCH: ${ev.rule}.${tail}`;
    default:
      return `Broker answers ${what} with ${ev.verdict}: ${ev.rule}.${tail}`;
  }
}

import { RETRIABLE_ERRORS } from '../sim/protocol/types';
import type { EventOf, TraceEvent } from '../sim/trace/types';
import { describeConsumer } from './describe-consumer';
import { describeTxn, isTxnEvent } from './describe-txn';
import { attemptText, configNoteText, configProblemText, deliveryErrorText, headerText, messagesText, ruleText } from './facts';
import type { Lang } from './lang';
import { plural, t } from './t';

/**
 * The narration of one event in a language: what happened and why, in one sentence, from the event's facts and the
 * language's catalogue. The switch is exhaustive: a new event kind fails the type check until it is described here.
 * @example describe(ev, 'en') // "Broker: message 1 (P1000 e0 seq 0, attempt 2 (retry)) is a duplicate (…)."
 */
export function describe(ev: TraceEvent, lang: Lang): string {
  const messages = 'messages' in ev ? messagesText(lang, ev.messages) : '';
  switch (ev.kind) {
    case 'config.error':
      return t(lang, 'narr.configError', { error: configProblemText(lang, ev.message) });
    case 'producer.started': {
      const started = ev.instance === 1 ? t(lang, 'narr.producerCreated') : t(lang, 'narr.producerRestarted', { instance: ev.instance });
      return [started, ...(ev.config ?? []).map((n) => configNoteText(lang, n))].join(' ');
    }
    case 'app.send':
      return t(lang, ev.resend ? 'narr.resend' : 'narr.send', { message: ev.message });
    case 'batch.created':
      return t(lang, 'narr.batchCreated', { batch: ev.batch, messages });
    case 'pid.requested':
      return t(lang, 'narr.pidRequested');
    case 'pid.assigned':
      return t(lang, 'narr.pidAssigned', { pid: ev.pid, epoch: ev.epoch });
    case 'pid.reset':
      return t(lang, 'narr.pidReset', { pid: ev.pid, epoch: ev.epoch });
    case 'sequences.restarted':
      return t(lang, 'narr.sequencesRestarted', { pid: ev.pid, epoch: ev.epoch, n: ev.renumbered.length });
    case 'connection.opened':
      return t(lang, 'narr.connectionOpened', { connection: ev.connection });
    case 'connection.closed': {
      const n = ev.failed.length;
      const failed = n === 0 ? t(lang, 'narr.closed.none') : plural(lang, 'narr.closed.failed', n);
      return t(lang, 'narr.connectionClosed', { connection: ev.connection, why: t(lang, `narr.closed.${ev.reason}`), failed });
    }
    case 'request.sent':
      return t(lang, 'narr.requestSent', { messages, header: headerText(lang, ev), attempt: attemptText(lang, ev.attempt), connection: ev.connection });
    case 'request.lost':
      return t(lang, `narr.requestLost.${ev.cause}`, { messages, attempt: attemptText(lang, ev.attempt) });
    case 'request.delayed':
      return t(lang, 'narr.requestDelayed', { messages, attempt: attemptText(lang, ev.attempt), delayMs: ev.delayMs });
    case 'link.stalled':
      return t(lang, ev.direction === 'request' ? 'narr.stalled.request' : 'narr.stalled.response', { connection: ev.connection, untilT: ev.untilT });
    case 'broker.handled':
      return describeVerdict(ev, lang);
    case 'response.lost':
      return t(lang, ev.cause === 'fault' ? 'narr.responseLost.fault' : 'narr.responseLost.closed', { messages });
    case 'response.received':
      return ev.error === 'NONE'
        ? t(lang, 'narr.ack', { messages, offset: ev.offset })
        : t(lang, 'narr.errorReceived', { messages, error: ev.error, header: headerText(lang, ev) });
    case 'request.timeout':
      return t(lang, 'narr.requestTimeout', { messages, timeoutMs: ev.timeoutMs });
    case 'request.failed':
      return t(lang, 'narr.requestFailed', { messages, attempt: attemptText(lang, ev.attempt), error: ev.error });
    case 'retry.scheduled':
      return t(lang, 'narr.retry', {
        messages,
        attempt: ev.attempt,
        backoffMs: ev.backoffMs,
        // OUT_OF_ORDER_SEQUENCE_NUMBER and UNKNOWN_PRODUCER_ID are not RetriableExceptions: TransactionManager.canRetry special-cases them.
        why: t(lang, RETRIABLE_ERRORS.has(ev.reason) ? 'narr.retry.retriable' : 'narr.retry.special', { reason: ev.reason }),
        bump: ev.bump ? t(lang, 'narr.retry.bump') : '',
      });
    case 'delivery.ack':
      return t(lang, ev.offset < 0 ? 'narr.deliveryAcks0' : 'narr.deliveryAck', { messages, offset: ev.offset });
    case 'delivery.failed':
      return t(lang, 'narr.deliveryFailed', {
        messages,
        error: deliveryErrorText(lang, ev, ev.messages.length),
        unresolved: ev.unresolved ? t(lang, 'narr.deliveryFailed.unresolved') : '',
      });
    case 'epoch.bumped': {
      const list = ev.renumbered.map((r) => t(lang, 'narr.epochBumped.move', { batch: r.batch, from: r.fromSeq, to: r.toSeq })).join(t(lang, 'fmt.listSep'));
      return t(lang, 'narr.epochBumped', { epoch: ev.epoch, moves: list ? t(lang, 'narr.epochBumped.moves', { list }) : '' });
    }
    case 'producer.crashed':
      return t(lang, 'narr.producerCrashed', { unacked: ev.unacked.length === 0 ? t(lang, 'narr.none') : messagesText(lang, ev.unacked) });
    case 'broker.shutdown':
      return t(lang, 'narr.brokerShutdown', { offset: ev.snapshotOffset });
    case 'broker.crashed':
      return t(lang, 'narr.brokerCrashed', { offset: ev.snapshotOffset });
    case 'broker.restarted':
      return plural(lang, `narr.brokerRestarted.${ev.shutdown}`, ev.keptBatches, { dropped: ev.droppedBatches, offset: ev.snapshotOffset, replayed: ev.replayedBatches });
    case 'segment.rolled':
      return t(lang, 'narr.segmentRolled', { offset: ev.baseOffset });
    case 'connection.refused':
      return t(lang, 'narr.connectionRefused', { n: ev.connection, backoffMs: ev.backoffMs });
    case 'producer.expired':
      return t(lang, 'narr.producerExpired', { pid: ev.pid, idleMs: ev.idleMs });
    case 'produce.answered':
      return ev.error === 'NONE'
        ? t(lang, 'narr.produceAnswered', { messages, offset: ev.offset })
        : t(lang, 'narr.produceAnswered.error', { messages, error: ev.error, rule: ev.rule ? ruleText(lang, ev.rule) : '' });
    case 'replica.fetched':
      return t(lang, 'narr.replicaFetched', { replica: ev.replica, leader: ev.leader, from: ev.fromOffset, to: ev.toOffset - 1, hw: ev.hw });
    case 'replica.truncated':
      return t(lang, 'narr.replicaTruncated', { replica: ev.replica, leader: ev.leader, from: ev.fromOffset, to: ev.toOffset, messages: ev.messages.length === 0 ? t(lang, 'narr.none') : messagesText(lang, ev.messages) });
    case 'isr.shrunk':
      return t(lang, 'narr.isrShrunk', { replica: ev.replica, removed: ev.removed, lagMs: ev.lagMs, isr: isrText(ev.isr) });
    case 'isr.expanded':
      return t(lang, 'narr.isrExpanded', { replica: ev.replica, added: ev.added, isr: isrText(ev.isr) });
    case 'broker.killed':
      return t(lang, ev.leader ? 'narr.brokerKilled.leader' : 'narr.brokerKilled', { replica: ev.replica });
    case 'broker.started':
      return t(lang, 'narr.brokerStarted', { replica: ev.replica, offset: ev.logEndOffset });
    case 'follower.isolated':
      return t(lang, 'narr.followerIsolated', { replica: ev.replica });
    case 'follower.reconnected':
      return t(lang, 'narr.followerReconnected', { replica: ev.replica });
    case 'leader.elected':
      return t(lang, ev.clean ? 'narr.leaderElected' : 'narr.leaderElected.unclean', { replica: ev.replica, epoch: ev.leaderEpoch, offset: ev.logEndOffset, isr: isrText(ev.isr) });
    case 'partition.offline':
      return t(lang, 'narr.partitionOffline', { replica: ev.replica, isr: isrText(ev.isr) });
    default:
      return isTxnEvent(ev) ? describeTxn(ev, lang) : describeConsumer(ev, lang);
  }
}

/** An in-sync replica set as Kafka tools print it: [1,2,3]. */
const isrText = (isr: readonly number[]) => `[${isr.join(',')}]`;

function describeVerdict(ev: EventOf<'broker.handled'>, lang: Lang): string {
  const what = t(lang, 'narr.handled.what', { messages: messagesText(lang, ev.messages), header: headerText(lang, ev), attempt: attemptText(lang, ev.attempt) });
  const tail = (ev.noResponse ? t(lang, 'narr.handled.noResponse') : ev.deadSocket ? t(lang, 'narr.handled.deadSocket') : '') + (ev.awaitingReplicas ? t(lang, 'narr.handled.awaiting') : '');
  const params = { what, rule: ruleText(lang, ev.rule), tail, offset: ev.offset, verdict: ev.verdict };
  switch (ev.verdict) {
    case 'appended':
      return t(lang, 'narr.handled.appended', params);
    case 'duplicate':
      return t(lang, 'narr.handled.duplicate', params);
    case 'OUT_OF_ORDER_SEQUENCE_NUMBER':
    case 'INVALID_PRODUCER_EPOCH':
    case 'UNKNOWN_PRODUCER_ID':
    case 'DUPLICATE_SEQUENCE_NUMBER':
      return t(lang, 'narr.handled.rejected', params);
    default:
      return t(lang, 'narr.handled.answered', params);
  }
}

import type { ConsumerMemberId, DbOp, EventOf, TraceEventKind } from '../sim/trace/types';
import type { Lang } from './lang';
import { plural, t } from './t';

/** The consumer side's event kinds (scenario version 2). */
export const CONSUMER_EVENT_KINDS = [
  'consumer.started',
  'consumer.crashed',
  'group.join.sent',
  'group.member.joined',
  'group.rebalancing',
  'group.member.removed',
  'group.stable',
  'group.empty',
  'group.joined',
  'offset.fetched',
  'records.polled',
  'record.processing',
  'dedup.skipped',
  'record.done',
  'commit.sent',
  'offset.commit.handled',
  'commit.completed',
  'poll.timeout',
  'rebalance.noticed',
  'recovery.scanned',
  'db.down',
  'db.up',
  'db.txn',
] as const satisfies readonly TraceEventKind[];
export type ConsumerEventKind = (typeof CONSUMER_EVENT_KINDS)[number];
export type ConsumerEvent = EventOf<ConsumerEventKind>;

const member = (lang: Lang, m: ConsumerMemberId) => t(lang, `lane.${m}`);

/** One database operation in words. */
export function dbOpText(lang: Lang, op: DbOp): string {
  switch (op.op) {
    case 'effect':
      return t(lang, op.upsert ? 'narr.op.upsert' : 'narr.op.effect', { message: op.message });
    case 'check':
      return t(lang, op.found ? 'narr.op.check.found' : 'narr.op.check.notFound', { message: op.message });
    case 'mark':
      return t(lang, 'narr.op.mark', { message: op.message });
    case 'state':
      return t(lang, 'narr.op.state', { message: op.message, from: t(lang, `messageState.${op.from ?? 'none'}`), to: t(lang, `messageState.${op.to}`) });
  }
}

/**
 * The narration of a consumer-side event (the consumer, the group coordinator, the database), from its facts. The
 * switch is exhaustive over the consumer side's kinds.
 */
export function describeConsumer(ev: ConsumerEvent, lang: Lang): string {
  const sep = t(lang, 'fmt.listSep');
  switch (ev.kind) {
    case 'consumer.started':
      return t(lang, 'narr.consumerStarted', {
        member: member(lang, ev.member),
        instance: ev.instance,
        strategy: t(lang, `commitStrategy.${ev.strategy}`),
        auto: ev.autoCommit && ev.strategy !== 'auto' ? t(lang, 'narr.consumerStarted.auto') : '',
        dedup: t(lang, `dedupStrategy.${ev.dedup}`),
      });
    case 'consumer.crashed': {
      const record = ev.message >= 0 ? t(lang, 'narr.consumerCrashed.record', { message: ev.message, offset: ev.offset }) : '';
      const text = t(lang, 'narr.consumerCrashed', { member: member(lang, ev.member), point: t(lang, `crashPoint.${ev.point}`), record });
      return ev.random ? text + t(lang, 'narr.consumerCrashed.random') : text;
    }
    case 'group.join.sent':
      return t(lang, 'narr.joinSent', { member: member(lang, ev.member), memberId: ev.memberId >= 0 ? t(lang, 'narr.joinSent.memberId', { memberId: ev.memberId }) : '' });
    case 'group.member.joined':
      return t(lang, ev.rejoin ? 'narr.memberRejoined' : 'narr.memberJoined', { member: member(lang, ev.member), memberId: ev.memberId, generation: ev.generation });
    case 'group.rebalancing':
      return t(lang, `narr.rebalancing.${ev.reason}`, { generation: ev.generation, memberId: ev.memberId });
    case 'group.member.removed':
      return t(lang, `narr.memberRemoved.${ev.reason}`, { member: member(lang, ev.member), memberId: ev.memberId });
    case 'group.stable':
      return ev.owner >= 0 ? t(lang, 'narr.groupStable', { generation: ev.generation, owner: ev.owner }) : t(lang, 'narr.groupStable.none', { generation: ev.generation });
    case 'group.empty':
      return t(lang, 'narr.groupEmpty', { generation: ev.generation });
    case 'group.joined':
      return t(lang, 'narr.groupJoined', {
        member: member(lang, ev.member),
        memberId: ev.memberId,
        generation: ev.generation,
        partitions: ev.assignment.length === 0 ? t(lang, 'narr.groupJoined.nothing') : t(lang, 'narr.groupJoined.partitions', { list: ev.assignment.join(sep) }),
      });
    case 'offset.fetched':
      if (ev.reset === null) return t(lang, 'narr.offsetFetched.committed', { member: member(lang, ev.member), committed: ev.committed });
      if (ev.position < 0) return t(lang, 'narr.offsetFetched.none', { member: member(lang, ev.member) });
      return t(lang, 'narr.offsetFetched.reset', { member: member(lang, ev.member), reset: ev.reset, position: ev.position, logEnd: ev.logEndOffset });
    case 'records.polled':
      return plural(lang, 'narr.recordsPolled', ev.records.length, {
        member: member(lang, ev.member),
        from: ev.records[0]?.offset ?? ev.fromOffset,
        to: ev.records[ev.records.length - 1]?.offset ?? ev.fromOffset,
      });
    case 'record.processing':
      return t(lang, 'narr.recordProcessing', {
        member: member(lang, ev.member),
        message: ev.message,
        offset: ev.offset,
        again: ev.copy > 1 ? t(lang, 'narr.recordProcessing.again', { copy: ev.copy }) : '',
        slow: ev.extraMs > 0 ? t(lang, 'narr.recordProcessing.slow', { ms: ev.extraMs }) : '',
      });
    case 'dedup.skipped':
      return t(lang, 'narr.dedupSkipped', { member: member(lang, ev.member), message: ev.message, offset: ev.offset, strategy: t(lang, `dedupStrategy.${ev.strategy}`) });
    case 'record.done':
      return t(lang, 'narr.recordDone', { member: member(lang, ev.member), message: ev.message, offset: ev.offset });
    case 'commit.sent':
      return t(lang, 'narr.commitSent', {
        member: member(lang, ev.member),
        offset: ev.offset,
        mode: ev.mode === 'sync' ? 'commitSync' : 'commitAsync',
        auto: ev.auto ? t(lang, 'narr.commitSent.auto') : '',
        commit: ev.commit,
        memberId: ev.memberId,
        generation: ev.generation,
      });
    case 'offset.commit.handled': {
      const lost = ev.lostResponse ? t(lang, 'narr.commitHandled.lost') : '';
      if (ev.error === 'NONE') return t(lang, 'narr.commitHandled.ok', { offset: ev.offset, commit: ev.commit }) + lost;
      const rule = t(lang, `narr.groupRule.${ev.rule.rule}`, ev.rule as unknown as Record<string, number>);
      return t(lang, 'narr.commitHandled.refused', { commit: ev.commit, offset: ev.offset, error: t(lang, `commitError.${ev.error}`), rule }) + lost;
    }
    case 'commit.completed':
      return ev.error === 'NONE'
        ? t(lang, 'narr.commitCompleted.ok', { member: member(lang, ev.member), commit: ev.commit, offset: ev.offset })
        : t(lang, 'narr.commitCompleted.error', {
            member: member(lang, ev.member),
            commit: ev.commit,
            offset: ev.offset,
            error: t(lang, `commitError.${ev.error}`),
            retry: ev.retry ? t(lang, 'narr.commitCompleted.retry') : '',
          });
    case 'poll.timeout':
      return t(lang, 'narr.pollTimeout', { member: member(lang, ev.member), elapsedMs: ev.elapsedMs, limitMs: ev.limitMs });
    case 'rebalance.noticed':
      return t(lang, 'narr.rebalanceNoticed', { member: member(lang, ev.member), generation: ev.generation });
    case 'recovery.scanned':
      return t(lang, 'narr.recoveryScanned', {
        member: member(lang, ev.member),
        list: ev.pending.length === 0 ? t(lang, 'narr.none') : ev.pending.map((p) => t(lang, 'narr.op.state', { message: p.message, from: t(lang, `messageState.${p.state}`), to: '…' })).join(sep),
      });
    case 'db.down':
      return t(lang, 'narr.dbDown', { untilT: ev.untilT });
    case 'db.up':
      return t(lang, 'narr.dbUp');
    case 'db.txn':
      return ev.result === 'committed'
        ? t(lang, 'narr.dbTxn.committed', { member: member(lang, ev.member), txn: ev.txn, ops: ev.ops.map((op) => dbOpText(lang, op)).join(sep) })
        : t(lang, 'narr.dbTxn.unavailable', { member: member(lang, ev.member), txn: ev.txn });
  }
}

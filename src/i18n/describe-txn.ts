import type { TxnRuleFact } from '../sim/protocol/txn-rules';
import type { EventOf, TraceEventKind } from '../sim/trace/types';
import type { Lang } from './lang';
import { plural, sentences, t } from './t';

/** A transactional run's event kinds (scenario version 3). */
export const TXN_EVENT_KINDS = [
  'input.appended',
  'txn.app.started',
  'txn.app.crashed',
  'txn.app.paused',
  'txn.app.resumed',
  'txn.app.closed',
  'txn.begun',
  'txn.request',
  'txn.handled',
  'txn.response',
  'txn.request.timeout',
  'txn.client.error',
  'txn.state',
  'txn.marker',
  'txn.verification',
  'coordinator.down',
  'coordinator.up',
  'reader.fetched',
] as const satisfies readonly TraceEventKind[];
export type TxnEventKind = (typeof TXN_EVENT_KINDS)[number];
export type TxnEvent = EventOf<TxnEventKind>;

const TXN_KINDS: ReadonlySet<string> = new Set(TXN_EVENT_KINDS);
export const isTxnEvent = (ev: { kind: string }): ev is TxnEvent => TXN_KINDS.has(ev.kind);

const list = (lang: Lang, items: readonly (string | number)[]) => (items.length === 0 ? t(lang, 'narr.none') : items.join(t(lang, 'fmt.listSep')));
const messages = (lang: Lang, ms: readonly number[]) => list(lang, ms.map((m) => `m${m}`));

/** A coordinator rule in words. */
export function txnRuleText(lang: Lang, rule: TxnRuleFact): string {
  switch (rule.id) {
    case 'txn-new-id':
      return t(lang, 'txnRule.newId', { pid: rule.pid });
    case 'txn-epoch-bumped':
      return t(lang, 'txnRule.epochBumped', { from: rule.from, to: rule.to });
    case 'txn-new-pid-epoch-exhausted':
      return t(lang, 'txnRule.newPid', { pid: rule.pid });
    case 'txn-fence-ongoing':
      return t(lang, 'txnRule.fence', { from: rule.from, to: rule.to });
    case 'txn-concurrent':
      return t(lang, 'txnRule.concurrent', { state: rule.state });
    case 'txn-stale-epoch':
      return t(lang, 'txnRule.staleEpoch', { epoch: rule.epoch, current: rule.current });
    case 'txn-unknown-pid':
      return t(lang, 'txnRule.unknownPid', { pid: rule.pid, current: rule.current });
    case 'txn-partitions-added':
      return t(lang, 'txnRule.added', { partitions: list(lang, rule.partitions) });
    case 'txn-prepare':
      return rule.bumpedTo === null ? t(lang, 'txnRule.prepare', { result: rule.result }) : t(lang, 'txnRule.prepare.bump', { result: rule.result, epoch: rule.bumpedTo });
    case 'txn-end-retry':
      return t(lang, 'txnRule.endRetry', { result: rule.result });
    case 'txn-wrong-end':
      return t(lang, 'txnRule.wrongEnd', { state: rule.state, result: rule.result });
    case 'txn-timed-out':
      return t(lang, 'txnRule.timedOut', { idle: rule.idleMs, timeout: rule.timeoutMs, to: rule.to });
  }
}

/** The narration of a transactional run's event, from its facts; the switch is exhaustive over its kinds. */
export function describeTxn(ev: TxnEvent, lang: Lang): string {
  switch (ev.kind) {
    case 'input.appended':
      return t(lang, 'narr.txn.inputAppended', { message: ev.message, partition: ev.partition, offset: ev.offset });
    case 'txn.app.started':
      return t(lang, 'narr.txn.appStarted', { instance: ev.instance, id: ev.transactionalId });
    case 'txn.app.crashed':
      return t(lang, 'narr.txn.appCrashed', { instance: ev.instance, txn: ev.txn, point: t(lang, `txnPoint.${ev.point}`) });
    case 'txn.app.paused':
      return t(lang, 'narr.txn.appPaused', { instance: ev.instance, txn: ev.txn, until: ev.untilT });
    case 'txn.app.resumed':
      return t(lang, 'narr.txn.appResumed', { instance: ev.instance, txn: ev.txn });
    case 'txn.app.closed':
      return ev.fatal === null ? t(lang, 'narr.txn.appDone', { instance: ev.instance }) : t(lang, 'narr.txn.appFenced', { instance: ev.instance, error: ev.fatal });
    case 'txn.begun':
      return t(lang, 'narr.txn.begun', { instance: ev.instance, txn: ev.txn, pid: ev.pid, epoch: ev.epoch, messages: messages(lang, ev.messages) });
    case 'txn.request': {
      const base = { instance: ev.instance, api: ev.api, txn: ev.txn, pid: ev.pid, epoch: ev.epoch };
      if (ev.batches) return t(lang, 'narr.txn.produceSent', { ...base, batches: list(lang, ev.batches.map((b) => `${b.partition} ${messages(lang, b.messages)} seq ${b.baseSeq}`)) });
      if (ev.result) return t(lang, 'narr.txn.endSent', { ...base, result: ev.result });
      if (ev.partitions && ev.txn === 0) return t(lang, 'narr.txn.readSent', { ...base, partitions: list(lang, ev.partitions) });
      if (ev.partitions) return t(lang, 'narr.txn.addSent', { ...base, partitions: list(lang, ev.partitions) });
      return t(lang, 'narr.txn.requestSent', base);
    }
    case 'txn.handled': {
      const rule = ev.rule && 'id' in ev.rule && ev.rule.id.startsWith('txn-') ? txnRuleText(lang, ev.rule as TxnRuleFact) : '';
      const results = ev.results ? list(lang, ev.results.map((r) => (r.error === 'NONE' ? `${r.partition}@${r.offset}${r.duplicate ? ' ✓' : ''}` : `${r.partition}: ${r.error}`))) : '';
      const who = t(lang, ev.lane === 'txn-coordinator' ? 'narr.txn.who.coordinator' : 'narr.txn.who.broker');
      const head = t(lang, 'narr.txn.handled', { who, api: ev.api, error: ev.error, rule: rule ? t(lang, 'narr.txn.because', { rule }) : '' });
      const tail = [results, ev.state ? t(lang, 'narr.txn.handled.state', { state: ev.state }) : '', ev.lost ? t(lang, 'narr.txn.lost') : ''].filter((x) => x);
      return sentences(lang, [head, ...tail]);
    }
    case 'txn.response':
      if (ev.records) return t(lang, 'narr.txn.response.records', { instance: ev.instance, records: list(lang, ev.records.map((r) => `m${r.message}@${r.offset}`)) });
      if (ev.api === 'OffsetFetch' && ev.error === 'NONE') {
        return ev.offset !== undefined && ev.offset >= 0 ? t(lang, 'narr.txn.response.offset', { instance: ev.instance, offset: ev.offset }) : t(lang, 'narr.txn.response.noOffset', { instance: ev.instance });
      }
      return t(lang, 'narr.txn.response', { instance: ev.instance, api: ev.api, error: ev.error });
    case 'txn.request.timeout':
      return t(lang, 'narr.txn.timeout', { instance: ev.instance, api: ev.api, ms: ev.timeoutMs });
    case 'txn.client.error':
      return t(lang, ev.fatal ? 'narr.txn.fatal' : 'narr.txn.abortable', { instance: ev.instance, txn: ev.txn, error: ev.error });
    case 'txn.state':
      return t(lang, ev.logOffset < 0 ? 'narr.txn.state.memory' : 'narr.txn.state', {
        id: ev.transactionalId,
        from: ev.from ?? '—',
        to: ev.to,
        pid: ev.pid,
        epoch: ev.epoch,
        offset: ev.logOffset,
        rule: ev.rule ? t(lang, 'narr.txn.because', { rule: txnRuleText(lang, ev.rule) }) : '',
      });
    case 'txn.marker':
      return ev.error === 'NONE'
        ? t(lang, 'narr.txn.marker', { result: ev.result, partition: ev.partition, offset: ev.offset, epoch: ev.epoch, lso: ev.lso })
        : t(lang, 'narr.txn.markerRefused', { result: ev.result, partition: ev.partition, epoch: ev.epoch });
    case 'coordinator.down':
      return t(lang, 'narr.txn.coordinatorDown', { until: ev.untilT });
    case 'coordinator.up':
      return t(lang, ev.resent ? 'narr.txn.coordinatorUp.resent' : 'narr.txn.coordinatorUp', { state: ev.state ?? '—' });
    case 'txn.verification': {
      const key = ev.ok ? 'narr.txn.verified' : ev.error === 'COORDINATOR_NOT_AVAILABLE' ? 'narr.txn.verifyUnavailable' : ev.error === 'INVALID_TXN_STATE' ? 'narr.txn.notVerified' : 'narr.txn.verifyFenced';
      return t(lang, key, { partition: ev.partition, pid: ev.pid, epoch: ev.epoch, error: ev.error });
    }
    case 'reader.fetched':
      if (ev.records.length === 0 && ev.next < ev.hw) {
        return t(lang, 'narr.txn.readerHeld', { reader: ev.reader, isolation: ev.isolation, partition: ev.partition, lso: ev.bound, hw: ev.hw });
      }
      if (ev.records.length === 0) return t(lang, 'narr.txn.readerFetched.none', { reader: ev.reader, isolation: ev.isolation, partition: ev.partition, next: ev.next });
      return plural(lang, 'narr.txn.readerFetched', ev.records.length, {
        reader: ev.reader,
        isolation: ev.isolation,
        partition: ev.partition,
        records: list(lang, ev.records.map((r) => `m${r.message}@${r.offset}`)),
        next: ev.next,
      });
  }
}

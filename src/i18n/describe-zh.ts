import { kafkaErrorZh } from './kafka-errors-zh';
import type { BrokerVerdict, RequestRef, TraceEvent } from '../sim/trace/types';

/** "消息 3" or "消息 3、4 和 5" or "消息 3–9". */
export function messagesZh(messages: readonly number[]): string {
  if (messages.length === 1) return `消息 ${messages[0]}`;
  if (messages.length <= 4) return `消息 ${messages.slice(0, -1).join('、')} 和 ${messages[messages.length - 1]}`;
  return `消息 ${messages[0]}–${messages[messages.length - 1]}`;
}

/** The batch header: "P1000 e0 seq 0–0" (protocol names stay), or "无 PID" with idempotence off. */
export function headerZh(r: Pick<RequestRef, 'pid' | 'epoch' | 'baseSeq' | 'lastSeq'>): string {
  if (r.pid < 0) return '无 PID';
  const seq = r.baseSeq === r.lastSeq ? `seq ${r.baseSeq}` : `seq ${r.baseSeq}–${r.lastSeq}`;
  return `P${r.pid} e${r.epoch} ${seq}`;
}

export function attemptZh(attempt: number): string {
  return attempt === 1 ? '第 1 次尝试' : `第 ${attempt} 次尝试（重试）`;
}

const CLOSE_REASON: Record<EventKindOf<'connection.closed'>['reason'], string> = {
  'request-timeout': '有请求超时，客户端因此关闭连接',
  network: '连接断开了',
  'broker-crash': 'Broker 宕机了',
  'producer-crash': '生产者崩溃了',
};

type EventKindOf<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

/**
 * The Chinese counterpart of the core's `describeEvent`: one sentence per event, what happened and why.
 * The switch is exhaustive: a new event kind fails the type check until it is described here.
 */
export function describeEventZh(ev: TraceEvent): string {
  switch (ev.kind) {
    case 'config.error':
      return `生产者拒绝启动：${kafkaErrorZh(ev.message)}`;
    case 'producer.started':
      return ev.instance === 1 ? '生产者已创建。' : `应用已重启：创建了生产者实例 ${ev.instance}，它需要一个新的生产者 ID。`;
    case 'app.send':
      return ev.resend
        ? `应用重新发送消息 ${ev.message}：崩溃前它没有收到确认。对 Broker 来说这是一条新记录。`
        : `应用调用 send(消息 ${ev.message})；记录在累加器中等待。`;
    case 'batch.created':
      return `生产者封装批次 ${ev.batch}，包含${messagesZh(ev.messages)}；它的序列号在第一次发送时分配。`;
    case 'pid.requested':
      return '生产者向 Broker 发送 InitProducerId：幂等要求在发出任何批次之前先取得生产者 ID。';
    case 'pid.assigned':
      return `Broker 分配生产者 ID ${ev.pid}，epoch 为 ${ev.epoch}；该 ID 的序列号从 0 开始。`;
    case 'connection.opened':
      return `生产者打开到 Broker 的连接 ${ev.connection}。`;
    case 'connection.closed': {
      const n = ev.failed.length;
      return `连接 ${ev.connection} 已关闭：${CLOSE_REASON[ev.reason]}；${n === 0 ? '当时没有在途请求' : `${n} 个在途请求同时失败`}。`;
    }
    case 'request.sent':
      return `生产者在连接 ${ev.connection} 上发送${messagesZh(ev.messages)}（${headerZh(ev)}，${attemptZh(ev.attempt)}）。`;
    case 'request.lost':
      return ev.cause === 'fault'
        ? `网络丢失了${messagesZh(ev.messages)} 的请求（${attemptZh(ev.attempt)}）：Broker 永远看不到它，连接随之断开。`
        : ev.cause === 'broker-down'
          ? `${messagesZh(ev.messages)} 的请求（${attemptZh(ev.attempt)}）无处可去：Broker 已宕机。`
          : `${messagesZh(ev.messages)} 的请求（${attemptZh(ev.attempt)}）没有到达 Broker：它所在的连接已被关闭。`;
    case 'request.delayed':
      return `网络把${messagesZh(ev.messages)} 的请求（${attemptZh(ev.attempt)}）在 Broker 的队列中滞留 ${ev.delayMs} ms；重试可能会超越它。`;
    case 'link.stalled':
      return `连接 ${ev.connection} 的链路停滞到 t=${ev.untilT} ms：在此之前${ev.direction === 'request' ? '没有请求能到达 Broker' : '没有响应能到达生产者'}。`;
    case 'broker.handled':
      return describeVerdictZh(ev);
    case 'response.lost':
      return ev.cause === 'fault'
        ? `网络丢失了 Broker 对${messagesZh(ev.messages)} 的响应：Broker 已经作答，但生产者永远不会知道，连接随之断开。`
        : `Broker 对${messagesZh(ev.messages)} 的响应没有到达：它所在的连接已被关闭。`;
    case 'response.received':
      return ev.error === 'NONE'
        ? `生产者收到${messagesZh(ev.messages)} 的确认：偏移量 ${ev.offset}。`
        : `生产者收到${messagesZh(ev.messages)}（${headerZh(ev)}）的错误 ${ev.error}。`;
    case 'request.timeout':
      return `${messagesZh(ev.messages)} 在 request.timeout.ms（${ev.timeoutMs} ms）内没有得到答复：生产者无法知道 Broker 是否已写入。`;
    case 'request.failed':
      return `${messagesZh(ev.messages)} 的在途请求（${attemptZh(ev.attempt)}）以 ${ev.error} 失败。`;
    case 'retry.scheduled':
      return `生产者将在 ${ev.backoffMs} ms 后以第 ${ev.attempt} 次尝试重试${messagesZh(ev.messages)}（${ev.reason} 可重试${ev.bump ? '；序列号缺口是真实的，因此会先提升 epoch' : ''}）。`;
    case 'delivery.ack':
      return ev.offset < 0
        ? `投递回调：${messagesZh(ev.messages)} 以 acks=0 发送；偏移量未知（−1），即使丢失也永远不会被报告。`
        : `投递回调：${messagesZh(ev.messages)} 已在偏移量 ${ev.offset} 处得到确认。`;
    case 'delivery.failed':
      return `投递回调：${messagesZh(ev.messages)} 以 ${kafkaErrorZh(ev.error)} 失败${ev.unresolved ? '；这些记录可能仍在日志中，因此该序列号处于未决状态' : ''}。`;
    case 'epoch.bumped': {
      const moves = ev.renumbered.map((r) => `批次 ${r.batch} seq ${r.fromSeq}→${r.toSeq}`).join('，');
      return `生产者在本地把 epoch 提升到 ${ev.epoch}（KIP-360），序列号从 0 重新开始${moves ? `：${moves}` : ''}。`;
    }
    case 'producer.crashed':
      return `应用崩溃。未确认的：${ev.unacked.length === 0 ? '无' : messagesZh(ev.unacked)}；它们的结局对应用来说是未知的。`;
    case 'broker.crashed':
      return 'Broker 崩溃：连接全部断开；日志安全地保存在磁盘上，生产者状态将从快照中恢复。';
    case 'broker.restarted':
      return `Broker 重启。快照只保留了每个生产者的最后一个批次：保留 ${ev.keptBatches} 个缓存批次，遗忘 ${ev.droppedBatches} 个，因此去重窗口变小了。`;
    case 'producer.expired':
      return `Broker 使生产者 ${ev.pid} 过期：空闲 ${ev.idleMs} ms ≥ producer.id.expiration.ms。它的序列号历史已被清除。`;
  }
}

/** The rule that decided, built from the verdict and the batch header (the core's `rule` text is English). */
export function ruleZh(ev: EventKindOf<'broker.handled'>): string {
  const verdict: BrokerVerdict = ev.verdict;
  if (ev.pid < 0) {
    return verdict === 'appended' || verdict === 'duplicate' ? '没有 PID，Broker 无从比较，收到的每个批次都会追加' : `Broker 无法写入，回复 ${verdict}`;
  }
  const seq = ev.baseSeq === ev.lastSeq ? `序列号 ${ev.baseSeq}` : `序列号 ${ev.baseSeq}–${ev.lastSeq}`;
  switch (verdict) {
    case 'appended':
      return ev.baseSeq === 0
        ? `生产者 ${ev.pid} 在 epoch ${ev.epoch} 中的${seq}是该 epoch 的起点（或来自 Broker 尚不认识的生产者），因此被接受`
        : `生产者 ${ev.pid} 在 epoch ${ev.epoch} 中的${seq}紧接上一个已写入的序列号（或来自 Broker 尚不认识的生产者），因此被接受`;
    case 'duplicate':
      return `生产者 ${ev.pid} 在 epoch ${ev.epoch} 中的${seq}已在最近 5 个批次的缓存中，按原偏移量 ${ev.offset} 作答`;
    case 'OUT_OF_ORDER_SEQUENCE_NUMBER':
      return `${seq}既不在缓存的最近 5 个批次中，也不紧接生产者 ${ev.pid} 在 epoch ${ev.epoch} 中最后写入的序列号`;
    case 'INVALID_PRODUCER_EPOCH':
      return `epoch ${ev.epoch} 低于 Broker 为生产者 ${ev.pid} 记录的 epoch`;
    default:
      return `Broker 此时无法写入该批次（${verdict}），该错误可重试`;
  }
}

function describeVerdictZh(ev: EventKindOf<'broker.handled'>): string {
  const what = `${messagesZh(ev.messages)}（${headerZh(ev)}，${attemptZh(ev.attempt)}）`;
  const tail = ev.noResponse ? ' acks=0：不发送响应。' : ev.deadSocket ? ' 它的响应发往一个已关闭的连接。' : '';
  const rule = ruleZh(ev);
  switch (ev.verdict) {
    case 'appended':
      return `Broker 在偏移量 ${ev.offset} 处追加${what}：${rule}。${tail}`;
    case 'duplicate':
      return `Broker：${what}是重复（${rule}），不再追加。${tail}`;
    case 'OUT_OF_ORDER_SEQUENCE_NUMBER':
      return `Broker 以 OUT_OF_ORDER_SEQUENCE_NUMBER 拒绝${what}：${rule}。${tail}`;
    case 'INVALID_PRODUCER_EPOCH':
      return `Broker 以 INVALID_PRODUCER_EPOCH 拒绝${what}：${rule}。${tail}`;
    default:
      return `Broker 以 ${ev.verdict} 回复${what}：${rule}。${tail}`;
  }
}

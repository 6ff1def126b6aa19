import { kafkaErrorZh } from './kafka-errors-zh';
import type { Anomaly, Outcome } from '../sim/trace/outcome-types';
import type { Trace, TraceEvent } from '../sim/trace/types';

const at = (ev: TraceEvent) => `t=${ev.t} ms（事件 #${ev.i}）`;

/** What one witness event contributed, in a clause. */
function witnessClause(ev: TraceEvent): string {
  switch (ev.kind) {
    case 'app.send':
      return ev.resend ? `应用在 ${at(ev)}重新发送了它` : `应用在 ${at(ev)}发送了它`;
    case 'broker.handled':
      return ev.verdict === 'appended'
        ? `Broker 在 ${at(ev)}把它写入偏移量 ${ev.offset}（第 ${ev.attempt} 次尝试，${ev.pid < 0 ? '无 PID' : `P${ev.pid} e${ev.epoch} seq ${ev.baseSeq}`}）`
        : `Broker 在 ${at(ev)}以 ${ev.verdict} 处理了它`;
    case 'response.lost':
      return `它的确认在 ${at(ev)}丢失`;
    case 'request.timeout':
      return `在 request.timeout.ms 内没有答复，请求在 ${at(ev)}超时`;
    case 'request.failed':
      return `连接在 ${at(ev)}断开，请求以 ${ev.error} 失败`;
    case 'response.received':
      return `Broker 在 ${at(ev)}回复了 ${ev.error}`;
    case 'request.delayed':
      return `原始请求（第 ${ev.attempt} 次尝试）在 Broker 的队列中滞留了 ${ev.delayMs} ms（事件 #${ev.i}）`;
    case 'epoch.bumped':
      return `生产者在 ${at(ev)}把 epoch 提升到 ${ev.epoch} 并重新编号了批次，而 Broker 只在同一个 epoch 内识别重复`;
    case 'producer.expired':
      return `Broker 在 ${at(ev)}使生产者 ${ev.pid} 过期（producer.id.expiration.ms），之后的副本来自一个“未知”生产者，因而被接受`;
    case 'producer.crashed':
      return `应用在 ${at(ev)}崩溃，还没看到确认；重启后它会重新发送，并拿到 Broker 从未见过的新生产者 ID`;
    case 'delivery.ack':
      return `生产者在 ${at(ev)}以 acks=0 报告已发送，没有人知道它其实从未进入日志`;
    case 'delivery.failed':
      return `它所在的批次在 ${at(ev)}以 ${kafkaErrorZh(ev.error)} 失败，而应用没有再次发送`;
    default:
      return `事件 #${ev.i}（t=${ev.t} ms）`;
  }
}

/**
 * A Chinese explanation of one anomaly, built from its structured data: the kind, the message, the offsets and
 * the witness events (looked up in the trace by index), never from the core's English text.
 */
export function explainAnomalyZh(a: Anomaly, trace: Trace): string {
  const witnesses = a.events.map((i) => trace.events[i]).filter((e): e is TraceEvent => e !== undefined);
  const story = witnesses.map(witnessClause).join('；');
  const because = story ? `经过：${story}。` : '';
  switch (a.kind) {
    case 'duplicate': {
      const writes = witnesses.filter((e) => e.kind === 'broker.handled');
      const idempotent = writes.some((e) => e.kind === 'broker.handled' && e.pid >= 0);
      const why = idempotent
        ? 'Broker 没有把第二份副本识别为重复：它已不在同一生产者 ID 和 epoch 的去重窗口中。'
        : '关闭幂等时，Broker 没有生产者 ID 和序列号可用来识别副本，所以再次写入了它。';
      return `消息 ${a.message} 在日志中出现了 ${a.offsets.length} 次，位于偏移量 ${a.offsets.join(' 和 ')}。${because}${why}`;
    }
    case 'lost':
      return `消息 ${a.message} 已发送，但不在日志中。${because || '运行结束时它仍处于未决状态。'}`;
    case 'reordered': {
      const [late, earlier] = a.offsets;
      const writes = witnesses.filter((e) => e.kind === 'broker.handled');
      const idempotent = writes.some((e) => e.kind === 'broker.handled' && e.pid >= 0);
      const rule = idempotent
        ? 'Broker 接受了较晚的批次，因为它还不认识这个生产者（全新的生产者 ID 接受任何起始序列号，KAFKA-15591）。'
        : '关闭幂等且 max.in.flight.requests.per.connection > 1 时，Broker 先到先追加。';
      return `消息 ${a.message} 位于偏移量 ${late}，排在偏移量 ${earlier} 处更晚发送的消息之后。${because}${rule}`;
    }
  }
}

/** The Chinese summary paragraph of a run, from the outcome's counts and the trace. */
export function summariseZh(trace: Trace, o: Outcome): string {
  if (trace.configError) return `生产者拒绝了它的配置，因此什么都没有发送。${kafkaErrorZh(trace.configError)}`;
  const dedup = trace.events.filter((e) => e.kind === 'broker.handled' && e.verdict === 'duplicate').length;
  const parts: string[] = [];
  if (o.exactlyOnce && o.inOrder) {
    parts.push(`精确一次成立：发送了 ${o.sent} 条消息，每条在日志中恰好一次，且顺序正确。`);
  } else {
    const bad: string[] = [];
    if (o.duplicates) bad.push(`${o.duplicates} 条重复`);
    if (o.lost) bad.push(`${o.lost} 条丢失`);
    if (o.reordered) bad.push(`${o.reordered} 条乱序`);
    parts.push(`${o.exactlyOnce ? '精确一次成立，但顺序没有保持' : '精确一次不成立'}：${bad.join('，')}。`);
  }
  if (dedup > 0) parts.push(`Broker 把 ${dedup} 次重试识别为重复，没有再次写入。`);
  if (trace.truncated) parts.push('本次运行在结束前达到了事件上限。');
  return parts.join('');
}

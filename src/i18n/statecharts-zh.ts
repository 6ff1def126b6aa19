import type { Lang } from './lang';

/**
 * Chinese descriptions of the parties' states, keyed by XState state node id. The English ones are the machines'
 * own `description` fields. A state without an entry here falls back to English (a unit test lists such ids).
 */
export const STATE_DESCRIPTIONS_ZH: Readonly<Record<string, string>> = {
  producer: '生产者客户端：累加器、发送线程、幂等性管理器与网络客户端',
  'producer.created': '已创建生产者对象：发送任何内容之前先校验配置',
  'producer.rejected': 'ConfigException：生产者从未构造成功',
  'producer.running': '接受记录：累加器把记录攒成批次，发送线程把就绪的批次发给分区首领',
  'producer.running.idempotence': '幂等性管理器：生产者 ID、epoch 和序列号',
  'producer.running.idempotence.disabled': 'enable.idempotence=false：没有生产者 ID，也没有序列号；Broker 收到什么批次就追加什么',
  'producer.running.idempotence.uninitialized': 'UNINITIALIZED：还没有生产者 ID；批次在累加器里等待',
  'producer.running.idempotence.initializing': 'INITIALIZING：InitProducerId 已发出；返回之前什么都不发送',
  'producer.running.idempotence.ready': 'READY：批次带着生产者 ID、epoch 和序列号',
  'producer.running.idempotence.ready.steady': '序列号从上一个批次结束处继续',
  'producer.running.idempotence.ready.bumpRequired':
    '出现了 Broker 永远补不上的序列号缺口：下一次取出批次发送时提升 epoch，并从序列号 0 重新开始（KIP-360）',
  'producer.running.connection': '到分区首领的连接',
  'producer.running.connection.disconnected': '没有连接：发送线程有东西要发时才开始建立连接',
  'producer.running.connection.connecting': '正在连接分区首领：发送线程只为就绪的连接取出批次，所以批次在等待，不消耗尝试次数',
  'producer.running.connection.connected': '请求经这条连接发出，同时最多 max.in.flight.requests.per.connection 个',
  'producer.running.connection.waitingToReconnect':
    '连接失败或被拒绝：reconnect.backoff.ms 之内不再尝试，每次被拒绝后等待时间翻倍，最多到 reconnect.backoff.max.ms；这期间什么也不发送',
  'producer.crashed': '应用进程已终止：尚未确认的内容它一概不知；迟到的应答被忽略',
  network: '生产者与分区首领之间的链路：类似 TCP 的连接，每个方向各自有序',
  'network.reachable': '可以连到分区首领：数据包带着由种子决定的延迟传输，按 TCP 顺序到达；故障会丢失、延迟或阻塞数据包',
  'network.unreachable': 'Broker 已停止：它的连接都断了，新的连接尝试被拒绝',
  connection: '生产者到分区首领的当前连接：网络的子状态机，有自己的生命周期',
  'connection.none': '生产者还没有连接',
  'connection.open': '正在传输数据包；每个方向保持自己的顺序',
  'connection.open.requests': '连接中请求的方向',
  'connection.open.requests.flowing': '请求经过各自的延迟到达 Broker，保持发送顺序',
  'connection.open.requests.stalled': '请求被扣住，直到阻塞结束，然后一起到达，顺序不变',
  'connection.open.responses': '连接中响应的方向',
  'connection.open.responses.flowing': '响应经过各自的延迟到达客户端，保持发送顺序',
  'connection.open.responses.stalled': '响应被扣住，直到阻塞结束，然后一起到达，顺序不变',
  'connection.closed': '被客户端关闭、因丢包而断开，或在 Broker 停止时被切断：尚未到达的内容都没了',
  broker: '分区首领',
  'broker.up': '分区首领接受生产请求，并检查生产者 ID、epoch 和序列号',
  'broker.down': '进程已停止：连接被拒绝；日志在磁盘上，内存中的生产者状态已经没有了',
  'broker.down.afterCleanShutdown': '正常停止（如滚动重启、升级）：生产者状态已写入日志末尾处的快照',
  'broker.down.afterCrash': '未经关闭就被终止：没有写快照；最新的快照来自上一次日志段滚动或重启，比日志末尾旧',
  'broker.recovering': '接受连接之前重建生产者状态：先加载最新的快照，再重放它之后的日志',
  'broker.recovering.loadingSnapshot': '快照只保存每个生产者 ID 的最后一个批次，截至它所在的偏移量',
  'broker.recovering.replayingLog': '快照之后写入的每个批次按顺序读回并重新缓存，每个生产者 ID 最多五个',
};

/** A state's description in the given language; Chinese falls back to the English description when missing. */
export function stateDescription(id: string, english: string | null, lang: Lang): string | null {
  if (lang === 'zh') return STATE_DESCRIPTIONS_ZH[id] ?? english;
  return english;
}

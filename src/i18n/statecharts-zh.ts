import type { Lang } from './lang';

/**
 * Chinese descriptions of the parties' states, keyed by XState state node id. The English ones are the machines'
 * own `description` fields. A state without an entry here falls back to English (a unit test lists such ids).
 */
export const STATE_DESCRIPTIONS_ZH: Readonly<Record<string, string>> = {
  'producer.created': '已创建生产者对象：发送任何内容之前先校验配置',
  'producer.rejected': 'ConfigException：生产者从未构造成功',
  'producer.running': '接受记录；开启幂等性时，批次要等 InitProducerId 返回生产者 ID（PID）之后才发送',
  'producer.crashed': '应用进程已终止；尚未确认的内容它一概不知',
  'network.carrying':
    '数据包带着由种子决定的延迟传输，并按 TCP 顺序到达；故障会丢失、延迟或阻塞数据包；连接关闭时，尚未到达的数据包被撤回',
  'broker.up': '分区首领接受生产请求，并检查 PID、epoch 和序列号',
  'broker.down': '进程已停止：连接被拒绝；日志在磁盘上，生产者状态在快照中',
};

/** A state's description in the given language; Chinese falls back to the English description when missing. */
export function stateDescription(id: string, english: string | null, lang: Lang): string | null {
  if (lang === 'zh') return STATE_DESCRIPTIONS_ZH[id] ?? english;
  return english;
}

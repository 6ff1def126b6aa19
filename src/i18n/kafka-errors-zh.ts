/**
 * Kafka's own exception texts (the client's ConfigException and TimeoutException messages, as the simulation
 * quotes them) in Chinese. The exception class keeps its name; an unknown text is returned as it is.
 */
const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^TimeoutException: Expiring (\d+) record\(s\) for (\S+):(\d+) ms has passed since batch creation$/, (m) => `TimeoutException：${m[2]} 的 ${m[1]} 条记录已过期，自批次创建起已过去 ${m[3]} ms`],
  [/^ConfigException: Must set max\.in\.flight\.requests\.per\.connection to at most 5 to use the idempotent producer\.$/, () => 'ConfigException：使用幂等生产者时，max.in.flight.requests.per.connection 最多只能设为 5。'],
  [/^ConfigException: Must set acks to all in order to use the idempotent producer\. Otherwise we cannot guarantee idempotence\.$/, () => 'ConfigException：使用幂等生产者时必须把 acks 设为 all，否则无法保证幂等。'],
  [/^ConfigException: Must set retries to non-zero when using the idempotent producer\.$/, () => 'ConfigException：使用幂等生产者时，retries 必须不为零。'],
  [/^ConfigException: delivery\.timeout\.ms should be equal to or larger than linger\.ms \+ request\.timeout\.ms$/, () => 'ConfigException：delivery.timeout.ms 应大于或等于 linger.ms + request.timeout.ms'],
];

export function kafkaErrorZh(text: string): string {
  for (const [re, f] of PATTERNS) {
    const m = re.exec(text);
    if (m) return f(m);
  }
  return text;
}

import type { PresetWords } from './language';

/** Chinese names and descriptions of the presets, keyed by preset id (the English lives in the preset files). */
export const PRESETS_ZH: Record<string, PresetWords> = {
  'lost-ack': {
    name: '确认丢失',
    description:
      'Broker 写入了消息 1，但它的响应没有到达生产者。生产者无法区分请求丢失和响应丢失，所以它会重试。关闭幂等时，重试会被再次写入（偏移量 1 处的一条重复）。开启幂等时，Broker 在最近 5 个批次的缓存中认出了生产者 ID、epoch 和序列号 0，不写入任何内容，并用原来的偏移量 0 作答。',
  },
  'lost-request': {
    name: '请求丢失',
    description:
      '携带消息 1 的请求在去往 Broker 的途中丢失，连接随之断开。Broker 从未见过它，所以无论幂等关闭还是开启，重试都是第一次也是唯一一次写入。生产者无法把这种情况与确认丢失区分开：两种情况下它都只看到连接断开。这就是它必须重试的原因，也是安全重试需要幂等的原因（可与“确认丢失”场景对照）。',
  },
  'delayed-original': {
    name: '延迟的原始请求被自己的重试超越',
    description:
      '消息 1 的第一个请求在 Broker 的队列中滞留了 1.5 秒。过了 request.timeout.ms（1 秒）后，生产者放弃等待，关闭连接并在新连接上重试；重试被写入偏移量 0。随后原始请求终于被处理。关闭幂等时它会被再次写入（偏移量 1）。开启幂等时，Broker 在缓存中找到相同的生产者 ID、epoch 和序列号，向一个已不存在的连接回复“重复，偏移量 0”。（参考用例 4。）',
  },
  'reorder-in-flight': {
    name: '多个在途请求导致乱序',
    description:
      '四条消息同时在途（max.in.flight.requests.per.connection = 5）。消息 3 被以 NOT_ENOUGH_REPLICAS 拒绝（什么都没写入），而消息 4 已经在路上。关闭幂等时，Broker 先追加消息 4，消息 3 的重试排在它后面：日志乱序。开启幂等时，Broker 认识这个生产者（它写入过消息 1 和 2），因此消息 4 的序列号 3 不紧接序列号 1：OUT_OF_ORDER_SEQUENCE_NUMBER。消息 4 不是上次确认之后的下一个批次，所以生产者只是在消息 3 之后重试它，不提升 epoch，顺序得以保持。（参考用例 5 和 6。）',
  },
  'stalled-connection': {
    name: '连接停滞导致所有在途请求失败',
    description:
      '消息 1 得到确认。随后 Broker 写入了消息 2 和 3，但回程链路停滞：2 秒内没有任何响应通过。过了 request.timeout.ms（1 秒）后，生产者关闭连接，该连接上所有在途请求同时以 REQUEST_TIMED_OUT 失败，而不只是超时的那一个。两者都在新连接上重试。开启幂等时它们按序列号顺序发出，两次重试都被识别为重复。关闭幂等时每个失败的请求都被放回队列的最前面，所以按从新到旧的顺序发出：先消息 3，再消息 2，两条都会被再写一次。（同样的停滞若发生在到达 Broker 之前，即参考用例 3，两种模式下每条消息都只写入一次。）',
  },
  'sequence-gap-epoch-bump': {
    name: '序列号缺口：生产者提升 epoch',
    description:
      '消息 1 以序列号 0 写入。携带消息 2（序列号 1）的每个请求都丢失了，直到 delivery.timeout.ms 耗尽：应用收到 TimeoutException，而且由于这些记录可能已在日志中，序列号 1 变为“未决”。接着消息 3（序列号 2）到达 Broker，而 Broker 期望的是序列号 1：OUT_OF_ORDER_SEQUENCE_NUMBER。消息 3 紧接在未决序列号之后，所以这个缺口是真实的，Broker 永远不会把它补上。开启幂等时，生产者在本地提升 epoch（KIP-360），把消息 3 作为 epoch 1 的序列号 0 重新发送，Broker 将其作为新 epoch 的开始接受。两种模式下消息 2 都丢失了：应用已被告知，必须自行决定是否重发。',
  },
  'beyond-dedup-window': {
    name: '超出 5 批次去重窗口的重复',
    description:
      '消息 1 的第一个请求在 Broker 的队列中滞留 3 秒。生产者超时、重试，然后继续：消息 1 到 8 都已写入。当这个过期的原始请求终于被处理时，Broker 的缓存只保留最近 5 个批次（序列号 3 到 7），因此无法把序列号 0 识别为重复；而 0 又不紧接 7，于是它回复 OUT_OF_ORDER_SEQUENCE_NUMBER，不写入任何内容。关闭幂等时，这个过期副本会被直接追加。这就是 max.in.flight.requests.per.connection 最多只能为 5 的原因：生产者自己发出的任何重试都一定落在窗口之内。（参考用例 9。）',
  },
  'broker-restart': {
    name: 'Broker 正常重启使去重窗口变小',
    description:
      '消息 1 到 3 得到确认。消息 4 和 5 也已写入，但它们的确认在缓慢的回程链路上受阻，而 Broker 在确认发出之前正常关闭（如滚动重启）。正常关闭会在日志末尾写下生产者状态快照，而快照只保留每个生产者的最后一个批次：重启后 Broker 记得序列号 4，却忘了序列号 3。消息 4 的重试（序列号 3）既不是被识别的重复，也不是下一个序列号：OUT_OF_ORDER_SEQUENCE_NUMBER。它是上次确认之后的下一个序列号，因此生产者断定缺口是真实的，提升 epoch，并把消息 4 和 5 作为 epoch 1 的序列号 0 和 1 重新发送，它们又被写入一次。即使开启幂等，这里仍会出现重复。若 max.in.flight.requests.per.connection = 1，只有最后一个批次可能需要去重，而它在重启后仍被保留。崩溃则不同：Broker 会重放最近一次快照之后的日志，通常能找回全部五个缓存批次（见“Broker 崩溃”场景）。',
  },
  'broker-crash': {
    name: 'Broker 崩溃后重放日志：去重窗口得以保留',
    description:
      '与正常重启相同的情节，只是 Broker 崩溃了。消息 1 到 5 都已写入；Broker 被终止时，消息 4 和 5 的确认还在缓慢的回程链路上受阻。崩溃不会写快照：重启时 Broker 加载最新的快照（这里还没有，所以是偏移量 0），并重放其后写入的每个批次，就像追随者复制时那样。全部五个缓存批次都回来了，所以消息 4 和 5 的重试被识别为重复，并以原来的偏移量作答：开启幂等时恰好一次。只有最新的快照很近时，崩溃才会缩小窗口：把 Broker 的 log.roll.ms 调低（每次日志段滚动都会写快照），需要重放的日志就很少。关闭幂等时，重试会被再次写入。',
  },
  'producer-restart': {
    name: '没有 transactional.id 的生产者重启',
    description:
      'Broker 写入了消息 1，但确认受阻，应用在确认到达之前崩溃。重启后的应用不知道消息 1 是否已写入，于是再次发送它。没有 transactional.id 时，新的生产者会得到一个新的生产者 ID；Broker 从未见过这个 ID，因此接受它的序列号 0，消息 1 被写入两次，无论幂等关闭还是开启都一样。幂等只保护同一个生产者会话内的重试。transactional.id 也不能让 Broker 识别这次重发：重启后的实例保留生产者 ID，但 epoch 更高，这会清空 Broker 的批次缓存。事务带来的是旧实例未完成的事务会被中止，read_committed 消费者会跳过它的副本；否则消费者必须是幂等的。（参考用例 12。）',
  },
  'producer-expiry': {
    name: '重试期间生产者状态过期',
    description:
      'Broker 写入了消息 1，但它的确认卡在停滞的链路上。在生产者等待期间，Broker 的定期检查发现生产者 1000 空闲时间超过 producer.id.expiration.ms（这里设为 1 秒，而不是默认的 1 天），于是遗忘了它。之后的重试来自一个“未知”生产者，而未知生产者的第一个序列号总是被接受：即使开启幂等也会出现重复。出于这个原因，Kafka 文档建议 producer.id.expiration.ms ≥ delivery.timeout.ms。（参考用例 15。）',
  },
  'new-producer-reorder': {
    name: '全新的生产者 ID 可能丢失并打乱消息（KAFKA-15591）',
    description:
      '一个新的生产者同时发送消息 1 和 2。消息 1 被以 NOT_ENOUGH_REPLICAS 拒绝。消息 2（序列号 1）到达一个从未见过该生产者 ID 的 Broker，而自 Kafka 2.5 起，未知生产者的第一个序列号会被接受，所以消息 2 先被写入。此后消息 1（序列号 0）的每次重试都是 OUT_OF_ORDER_SEQUENCE_NUMBER；它不是上次确认（1）之后的下一个序列号，所以生产者不提升 epoch 而是继续重试，直到 delivery.timeout.ms 耗尽：即使开启幂等，消息 1 也丢失了。关闭幂等时，重试被直接追加到消息 2 之后：乱序，但没有丢失。据报告，Broker 端的修复会在后续版本中发布。（参考用例 7。）',
  },
  'failover-retry-recognised': {
    name: 'Leader 故障转移：新 leader 认出了重试',
    description:
      '分区有两个副本（replication.factor 2）：Broker 1 是 leader，Broker 2 是 follower，在 ISR 中。消息 1 写入并得到确认。消息 2 写入 Broker 1，Broker 2 拉取到了它，但 Broker 1 在发出 acks=all 的应答之前被杀掉（应答要等到 ISR 中每个副本都拥有该批次）。生产者的连接断开，它看到 NETWORK_EXCEPTION，不知道消息 2 是否已写入。Controller 从 ISR 中选举之后 Broker 2 成为 leader，生产者把重试发给它，生产者 ID、epoch 和序列号都不变。follower 在复制时建立了与 leader 相同的生产者状态，所以开启幂等时 Broker 2 在缓存中找到序列号 1，并以原来的偏移量 1 作答：恰好一次。关闭幂等时没有什么可以识别，Broker 2 把消息 2 再写一次。Broker 1 回来后成为 follower，追上进度并重新加入 ISR。（参考用例 10。）本实验做了简化：controller 在固定的 50 ms 后完成选举，Broker 之间的拉取有固定的 5 ms 延迟；不涉及元数据管理（ZooKeeper、KRaft）的细节。',
  },
  'failover-acks1-loss': {
    name: '故障转移丢失了 leader 独自确认的消息',
    description:
      '在 acks=1 下，leader 一写入批次就确认，那时还没有任何 follower 拥有它；如果它随后宕机，新 leader 从未拥有这个批次，它就没了。Kafka 不允许幂等生产者使用 acks=1（ConfigException），所以这里生产者保持 acks=all，而主题允许同样的事情发生：min.insync.replicas 为 1，并且开启了 unclean.leader.election.enable。唯一的 follower Broker 2 在 60 ms 时与 leader 断开，掉出 ISR（replica.lag.time.max.ms，这里是 100 ms）；此后 Broker 1 独自确认消息 2 和 3，与 acks=1 完全一样。Broker 1 在 400 ms 时被杀掉。没有剩下任何 ISR 成员，于是 controller 让不同步的 Broker 2 成为 leader（unclean 选举）：它的日志在消息 1 之后就结束了。消息 2 和 3 已被确认却丢失了，没有人得到通知。开启幂等时，消息 4 带着序列号 3，而 Broker 2 最后见到的是序列号 0：OUT_OF_ORDER_SEQUENCE_NUMBER。序列号 3 紧跟在最后确认的序列号之后，所以缺口是真实的：生产者提升 epoch，把消息 4 作为 epoch 1 的序列号 0 发送，被接受。这次提升是丢失留下的唯一痕迹，应用什么也听不到。关闭幂等时连这一点痕迹也没有。（参考 §2.6 和用例 8。）',
  },
  'consumer-crash-before-commit': {
    name: '消费者在写入效果与提交之间崩溃',
    description:
      '生产端一切正常：消息 1–3 在日志中各出现一次。消费者在处理之后提交（至少一次），没有去重。它在数据库里为订单 2 扣款，然后在提交偏移量 2 之前崩溃。重启的进程以新成员身份加入，等消费组移除已死的旧成员（session.timeout.ms）后，从最后提交的偏移量 1 开始，再次为订单 2 扣款。日志里每条消息只有一次；数据库里消息 2 的效果却有两次。日志的精确一次并不等于效果的精确一次。',
  },
  'consumer-commit-before-processing': {
    name: '处理前提交：一次崩溃丢失一条消息',
    description:
      '消费者在 poll() 返回一批记录后、处理之前就提交它们的偏移量（至多一次）。消息 2 到达；偏移量 2 被提交；进程在为订单 2 扣款之前崩溃。重启的进程从已提交的偏移量 2 开始，越过了消息 2，它再也不会被处理：没有重复，但丢失了一个效果。把提交挪到工作之前，是用丢失换重复；任何去重都找不回这条消息。',
  },
  'consumer-slow-processing-rebalance': {
    name: '处理太慢：超过 max.poll.interval.ms，消费组再均衡',
    description:
      '消费组里有两个成员；消费者 1 拥有该分区。处理消息 2 花了 1.5 秒，超过 max.poll.interval.ms（1 秒）。消费者 1 的心跳线程放弃了它并离开消费组；消费组再均衡，分区交给消费者 2，它从已提交的偏移量 1 开始，为订单 2 扣款。消费者 1 仍然完成了处理，也为订单 2 扣了款；随后它的提交失败（CommitFailedException：它已不在消费组中）。没有任何崩溃，一条消息却有两个效果。被隔离的成员无法提交，但没有什么能阻止它的副作用：只有数据库中的去重可以。',
  },
  'consumer-dedup-in-memory-restart': {
    name: '内存中的已处理 id：重启后就忘了',
    description:
      '消费者把处理过的 id 记在内存里，遇到见过的消息就跳过。关闭幂等时，消息 1 的确认丢失使它在日志中出现两次：内存中的集合拦下了第二份。随后消费者为订单 2 扣款，并在提交之前崩溃。重启的进程集合是空的，从已提交的偏移量再次读到消息 2，又扣了一次款。内存中的集合只和进程活得一样久；而崩溃恰恰是需要它的时候。',
  },
  'consumer-dedup-same-transaction': {
    name: '收件箱（inbox）：已处理 id 与效果在同一事务中',
    description:
      '故障与内存集合那个场景相同：关闭幂等时，确认丢失让消息 1 在日志中出现两次；消费者为订单 2 扣款后、提交前崩溃。这里，消费者把消息 id 写入已处理 id 表，并与效果放在同一个数据库事务中（收件箱，即幂等接收者）。消息 1 的第二份和重新投递的消息 2 都找到了自己的 id 而被跳过：无论日志和偏移量发生了什么，每个订单都恰好扣款一次。',
  },
  'consumer-message-state-machine': {
    name: '每条消息一个持久化状态机：挺过崩溃和宕机',
    description:
      '每条消息在数据库中有一行，状态依次为已接收 → 处理中 → 已完成；效果与“已完成”在同一事务中写入。消费者在提交之前（这里是处理前提交）先为整批消息写入“已接收”，所以提交后立即崩溃也不会丢失：重启的进程先找出尚未完成的消息并把它们做完。数据库还宕机了 300 ms；消费者不断重试事务，直到它恢复。每个订单都恰好扣款一次。',
  },
  'txn-markers-take-offsets': {
    name: '标记会占用偏移量',
    description:
      '一切正常。应用读取六条消息，以三个各含两条消息的事务写入只有一个分区的输出主题。每个 COMMIT 标记本身就是一条记录：它占用一个偏移量（2、5 和 8），而且永远不会返回给消费者。因此读者拿到的偏移量是 0、1、3、4、6、7，最后的位置都是 9，即最后一个标记之后。用“日志末端偏移量减去最后读到的记录的下一个偏移量”来计算延迟的工具会一直报告 1，尽管已经没有可读的东西了。输入主题在 __consumer_offsets 中的位置也会被标记占用偏移量。',
  },
  'txn-abort-read-committed': {
    name: '一个被中止的事务，在两种隔离级别下的样子',
    description:
      '事务生产者在事务 1 中写入 m1 和 m2。应用花 200 ms 校验它们期间，事务处于打开状态：read_uncommitted 读者已经返回 m1 和 m2，read_committed 读者被挡在最后稳定偏移量。校验失败，应用中止事务 1，又在事务 2 中再次写入 m1 和 m2，事务 2 提交。ABORT 标记在每个分区上占用一个偏移量。read_uncommitted 读者在数据记录一到达就返回：被中止的 m1 和 m2 以及已提交的都返回，所以每条都看到两次。read_committed 读者停在最后稳定偏移量（LSO），直到每个事务有了结果，跳过被中止的记录和标记，m1 和 m2 各返回一次。两个读者最后的位置相同：控制记录从不返回，所以位置会跳过它们。（参考用例 16。）',
  },
  'txn-zombie-fencing': {
    name: '僵尸实例被隔离',
    description:
      '一个“消费—转换—生产”应用（Kafka 3，事务版本 1）读取 m1 和 m2，在事务 1 中把它们写入输出主题，然后在加入位移之前停顿 400 ms（一次长时间的 GC 停顿）。20 ms 后，编排系统用同一个 transactional.id 启动了替代实例。它的 InitProducerId 发现事务 1 尚未结束：协调器隔离它（epoch 0 → 1），写入 ABORT 标记，并回复 CONCURRENT_TRANSACTIONS；重试拿到 epoch 2。替代实例从已提交的偏移量 0 开始，把工作重做一遍。停顿的实例醒来后若无其事地继续：它的 AddOffsetsToTxn 带着 epoch 0，被以 PRODUCER_FENCED 拒绝，这是致命错误。read_uncommitted 看到了僵尸和替代实例的写入；read_committed 每条消息只看到一次。（参考用例 13。）',
  },
  'txn-consume-transform-produce-crash': {
    name: '消费—转换—生产：提交之前崩溃',
    description:
      '应用从输入主题读取 m1 和 m2，写入它们的输出，并用 sendOffsetsToTransaction 在同一事务中提交输入位置 2。它在 EndTxn 之前崩溃。位置 2 在 __consumer_offsets 中只是待定状态。新实例的 InitProducerId 隔离了这个未结束的事务：在两个输出分区和 __consumer_offsets 上写入 ABORT 标记，待定的位置被丢弃。它读取已提交的位置（还没有，所以从 0 开始），在一个连同位置一起提交的事务中再次写入 m1 和 m2。read_committed 每个输出只看到一次；read_uncommitted 还看到了被中止的副本。整个循环的精确一次：输入偏移量和输出一起提交或一起中止。（参考用例 20。）',
  },
  'txn-timeout-abort': {
    name: '事务超时，生产者被隔离',
    description:
      '这里 transaction.timeout.ms 是 1 秒（默认 60 秒），协调器每 500 ms 检查一次。应用写入 m1 和 m2 并加入了位移，然后在提交之前花了 3 秒做别的事。在超时后的第一次检查（1.5 秒）时，协调器通过隔离中止了事务：epoch 从 0 变为 1，并用它写入 ABORT 标记。当应用终于调用 commitTransaction 时，它的 EndTxn 带着 epoch 0：PRODUCER_FENCED，致命错误。它写的东西对 read_committed 都不可见，它的位移被丢弃，它的生产者只能关闭：工作必须由新实例重做。（参考用例 18。）',
  },
  'txn-hanging-lso': {
    name: '迟到的写入留下一个悬挂事务',
    description:
      'Kafka 3，未开启事务验证（3.6 之前的 Broker），事务版本 1。事务 1 的生产请求在网络中滞留 104 ms；100 ms（request.timeout.ms）后生产者放弃，应用中止事务并崩溃。ABORT 标记已写入。随后迟到的请求到达：分区认识这个生产者 id 和 epoch，于是追加了它，它开启了一个协调器一无所知的事务。read_committed 停在最后稳定偏移量，也就是迟到写入的偏移量，没有任何东西会结束那个事务。两秒后新实例启动并提交 m1 和 m2；它的 COMMIT 标记也把这些游离的记录一并提交了：被中止的副本泄漏出来，read_committed 看到 m1 和 m2 各两次。开启验证（Kafka 3.6+）时迟到的写入被拒绝（INVALID_TXN_STATE）；使用事务版本 2（Kafka 4.0）时，中止已经提升了 epoch，它被隔离（INVALID_PRODUCER_EPOCH）。（参考用例 19；KAFKA-17754。）',
  },
};

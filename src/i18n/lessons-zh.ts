import type { LessonWords } from './language';
import { CONSUMER_LESSONS_ZH } from './lessons-zh-consumer';
import { TXN_LESSONS_ZH } from './lessons-zh-txn';

/**
 * Simplified Chinese for every lesson, each step under its id in `LESSONS` (anchors, settings and correct answers
 * stay in lessons.ts; only the words are here). i18n.test.ts checks that every step has its translation and that
 * every translation names a step that exists.
 */
export const LESSONS_ZH: Record<string, LessonWords> = {
  'lost-ack': {
    title: '确认丢失：幂等关闭与开启',
    steps: {
      'producer-sends-message-1': {
        title: '生产者发送消息 1',
        narration: '幂等已关闭，所以请求不携带生产者 ID，也没有序列号。Broker 之后没有任何依据来识别它。',
        rule: 'enable.idempotence=false',
      },
      'broker-writes': {
        title: 'Broker 写入了它',
        narration: 'Broker 把消息 1 追加到偏移量 0，并回送一个确认。到目前为止一切正常。',
        rule: 'acks=all：写入完成后 Broker 才作答',
      },
      'ack-lost': {
        title: '确认丢失了',
        narration: '网络丢弃了响应，连接断开。写入已经发生，但只有 Broker 知道。',
        rule: 'NETWORK_EXCEPTION（Kafka 的原话：服务器在收到响应之前断开了连接）：追加可能发生了，也可能没有',
        question: {
          prompt: '确认即将消失。生产者会怎么做？',
          answers: ['什么都不做：消息 1 已经写入', '重试消息 1', '向应用报告失败'],
          explanation: '生产者只看到连接断开。从它的角度看，请求丢失和确认丢失毫无区别，而 NETWORK_EXCEPTION 可以重试，所以它再次发送消息 1。',
        },
      },
      'retry-written': {
        title: '重试又被写入一次',
        narration: '没有生产者 ID 和序列号，Broker 无法区分重试和新记录，于是把消息 1 第二次追加到偏移量 1。',
        rule: '没有 PID：Broker 追加收到的每个批次',
        question: {
          prompt: '消息 1 的重试到达了 Broker。Broker 会怎么处理？',
          answers: ['追加它：偏移量 1 处出现一条重复', '识别出它并丢弃', '以错误拒绝它'],
          explanation: '幂等关闭时没有任何可比较的东西：重试只是又一条记录。现在日志里有两条消息 1。',
        },
        sayNext: '现在在开启幂等的情况下重演同一个故事。',
      },
      'idempotence-producer-id-first': {
        title: '开启幂等：先取得生产者 ID',
        narration: '现在生产者在发送任何内容之前先申请一个生产者 ID（PID）。每个批次都会携带 PID、epoch 和序列号。',
        rule: 'InitProducerId；KIP-98 幂等生产者',
      },
      'same-ack-lost': {
        title: '同一个确认丢失了',
        narration: '消息 1（P1000，epoch 0，序列号 0）已写入偏移量 0，确认像之前一样丢失。生产者用相同的 PID、epoch 和序列号重试。',
        rule: '重试保持相同的 PID、epoch 和 seq',
      },
      'broker-recognises-retry': {
        title: 'Broker 识别出了重试',
        narration: '该生产者和 epoch 的序列号 0 就在 Broker 最近 5 个批次的缓存中，所以不写入任何内容，回复中带着原来的偏移量 0。',
        rule: 'Broker 追加规则 1：重复（NUM_BATCHES_TO_RETAIN = 5）',
        question: {
          prompt: '开启幂等后，消息 1 的重试会怎样？',
          answers: ['再次追加到偏移量 1', '被识别为重复：以偏移量 0 确认，不写入任何内容', '以 OUT_OF_ORDER_SEQUENCE_NUMBER 拒绝'],
          explanation: '相同的 PID、相同的 epoch，首尾序列号与某个缓存批次完全一致：Broker 以原偏移量回复 NONE。日志只保留一份。',
        },
      },
      'exactly-once': {
        title: '精确一次',
        narration: '日志中消息 1、2、3 各出现一次，且顺序正确。幂等把不安全的重试变成了安全的重试。',
        rule: 'enable.idempotence=true（自 Kafka 3.0 起为默认值，从 3.0.1/3.1.1/3.2.0 起才真正生效：KAFKA-13598）',
      },
    },
  },
  'lost-request': {
    title: '请求丢失：重试是唯一的写入',
    steps: {
      'request-lost': {
        title: '请求丢失了',
        narration: '这一次，请求本身在到达 Broker 之前就被丢弃，连接断开。',
        rule: 'NETWORK_EXCEPTION 可以重试',
      },
      'producer-sees-same-symptom': {
        title: '生产者看到的是同样的症状',
        narration: '从生产者这边看，这和确认丢失一模一样：连接断开、请求失败。它无法知道 Broker 从未见过这个请求。',
        rule: 'NETWORK_EXCEPTION（Kafka 的原话：服务器在收到响应之前断开了连接）：追加可能发生了，也可能没有',
      },
      'retry-first-write': {
        title: '重试是第一次写入',
        narration: 'Broker 第一次看到消息 1，把它写入偏移量 0。重试至关重要：没有它，消息 1 就丢了。',
        rule: 'retries = MAX_INT，受 delivery.timeout.ms 限制（KIP-91）',
        question: {
          prompt: '幂等已关闭。这一次重试会产生重复吗？',
          answers: ['会，和确认丢失一样', '不会：Broker 从未见过第一次尝试'],
          explanation: '第一个请求从未到达 Broker，所以无论幂等关闭还是开启，重试都是唯一的一次写入。',
        },
      },
      'why-retries-need-idempotence': {
        title: '为什么重试需要幂等',
        narration: '生产者必须重试才能避免丢数据，但在确认丢失之后，同样的重试会造成重复。幂等让两种情况下的重试都变得安全。',
        rule: 'enable.idempotence=true',
      },
    },
  },
  'delayed-original': {
    title: '延迟的原始请求被自己的重试超越',
    steps: {
      'request-held-up': {
        title: '请求被耽搁了',
        narration: '消息 1 的请求在 Broker 的队列中滞留 1.5 秒。它没有丢失，只是很慢。',
        rule: 'request.timeout.ms 限制单次尝试的时长',
      },
      'producer-gives-up-waiting': {
        title: '生产者不再等待',
        narration: '过了 request.timeout.ms（1 秒）后，生产者关闭连接并安排重试。它无法知道 Broker 之后是否还会处理原始请求。',
        rule: '客户端请求超时会关闭连接（REQUEST_TIMED_OUT）',
      },
      'retry-overtakes-original': {
        title: '重试超越了原始请求',
        narration: '重试经由新连接发出，并在原始请求被处理之前写入偏移量 0。',
        rule: 'REQUEST_TIMED_OUT 可以重试',
      },
      'original-finally-arrives': {
        title: '原始请求终于到了',
        narration: '幂等关闭时，Broker 把过期的原始请求再次追加：日志中有两条消息 1，而它的答复发往一个已关闭的连接。',
        rule: '没有 PID：Broker 追加收到的每个批次',
        question: {
          prompt: '消息 1 过期的原始请求现在被处理。幂等关闭时会怎样？',
          answers: ['它被追加：消息 1 出现两次', 'Broker 丢弃它，因为它的连接已关闭', '它替换掉重试'],
          explanation: '连接关闭只意味着答复无处可去；Broker 仍会处理已经收到的请求，而没有 PID 它就无法识别这是副本。',
        },
        sayNext: '打开幂等，看看同一个原始请求会怎样。',
      },
      'idempotence-recognised-duplicate': {
        title: '开启幂等：被识别为重复',
        narration: '原始请求携带的 PID、epoch 和序列号与已写入的重试完全相同，所以 Broker 回复“重复，偏移量 0”（发往已关闭的连接），不写入任何内容。',
        rule: 'Broker 追加规则 1：与缓存批次重复',
      },
    },
  },
  'reorder-in-flight': {
    title: '多个在途请求导致乱序',
    steps: {
      'four-requests-flight': {
        title: '四个请求同时在途',
        narration: 'max.in.flight.requests.per.connection 为 5，所以生产者不等确认就发出了消息 1 到 4。',
        rule: 'max.in.flight.requests.per.connection=5',
      },
      'message-3-refused': {
        title: '消息 3 被拒绝',
        narration: '同步副本太少：Broker 拒绝了消息 3，没有写入。消息 4 已经紧随其后在路上了。',
        rule: 'NOT_ENOUGH_REPLICAS (19)：可重试，未写入任何内容',
      },
      'message-4-overtakes-message-3': {
        title: '消息 4 先于消息 3 写入',
        narration: '幂等关闭时，Broker 没有序列号可检查，于是现在就追加消息 4。消息 3 之后会作为重试到来。',
        rule: '顺序：幂等关闭且在途请求数 > 1 时可能乱序',
        question: {
          prompt: '消息 3 被拒绝了。紧随其后的消息 4，Broker 会怎么处理？',
          answers: ['追加它：消息 4 排在消息 3 之前', '为保持顺序拒绝它', '把它留到消息 3 重试之后'],
          explanation: '没有序列号，Broker 看不到缺口。消息 4 被写入偏移量 2，消息 3 的重试排在它后面：日志乱序。',
        },
      },
      'idempotence-gap-detected': {
        title: '开启幂等：发现缺口',
        narration: '现在消息 4 携带序列号 3，但 Broker 最后写入的是序列号 1。3 不紧接 1，所以它回复 OUT_OF_ORDER_SEQUENCE_NUMBER，不写入任何内容。',
        rule: 'Broker 追加规则 5：firstSeq 必须等于 lastSeq + 1',
      },
      'retry-without-epoch-bump': {
        title: '重试，不提升 epoch',
        narration: '消息 4 不是上次确认之后的下一个批次，所以应由更早的批次（消息 3）来填补缺口。生产者只是在消息 3 之后重试消息 4。',
        rule: 'OUT_OF_ORDER_SEQUENCE_NUMBER，且不是上次确认后的下一个：重试，不提升',
      },
      'order-kept': {
        title: '顺序得以保持',
        narration: '日志依次为 1、2、3、4。开启幂等且在途请求数 ≤ 5 时，即使有多个请求在途，顺序也能保持。',
        rule: '顺序保证：enable.idempotence=true，max.in.flight ≤ 5',
      },
    },
  },
  'stalled-connection': {
    title: '连接停滞导致所有在途请求失败',
    steps: {
      'link-stalls': {
        title: '链路停滞',
        narration: '消息 2 和 3 已写入，但它们的响应在回程中卡住了 2 秒。',
        rule: 'request.timeout.ms=1000',
      },
      'one-timeout-closes-connection': {
        title: '一次超时关闭了整个连接',
        narration: '消息 2 先超时。客户端关闭整个连接，所以消息 3 在同一时刻失败，尽管它自己的超时还没到。',
        rule: 'NetworkClient.handleTimedOutRequests：每个在途请求都以 REQUEST_TIMED_OUT 失败',
        question: {
          prompt: '消息 2 的请求超时了。同一连接上也在途的消息 3 会怎样？',
          answers: ['继续等待它自己的超时', '在同一时刻失败', '得到确认'],
          explanation: '客户端请求超时会关闭连接，该连接上所有在途请求同时以 REQUEST_TIMED_OUT 失败。',
        },
      },
      'both-are-retried': {
        title: '两者都被重试，最新的先发',
        narration: '关闭幂等时，客户端把每个失败的请求放回队列的最前面，所以重试在新连接上按从新到旧的顺序发出：先消息 3，再消息 2。两条都被再写一次：两条重复，而且副本的顺序是反的。',
        rule: 'RecordAccumulator.reenqueue：关闭幂等时放回队首（开启时按序列号顺序插入）',
      },
      'idempotence-both-recognised': {
        title: '开启幂等：两者都被识别',
        narration: '两个重试都与缓存批次匹配，所以 Broker 不写入任何内容，并以原来的偏移量作答。',
        rule: 'Broker 追加规则 1：重复',
      },
    },
  },
  'sequence-gap-epoch-bump': {
    title: '序列号缺口使生产者提升 epoch',
    steps: {
      'message-2-keeps-getting-lost': {
        title: '消息 2 一直丢失',
        narration: '携带消息 2（序列号 1）的每个请求都丢失了。生产者带退避地重试。',
        rule: 'retry.backoff.ms，指数退避（KIP-580）',
      },
      'delivery-timeout-ms-runs-out': {
        title: 'delivery.timeout.ms 耗尽',
        narration: '1.5 秒后应用收到 TimeoutException。这些记录可能仍在日志中，所以序列号 1 变为“未决”。',
        rule: 'delivery.timeout.ms；未决序列号（maybeResolveSequences）',
      },
      'message-3-hits-gap': {
        title: '消息 3 撞上缺口',
        narration: '消息 3 携带序列号 2，但 Broker 最后写入的是序列号 0，期望的是 1：OUT_OF_ORDER_SEQUENCE_NUMBER。',
        rule: 'Broker 追加规则 5：firstSeq 必须等于 lastSeq + 1',
        question: {
          prompt: '消息 3（序列号 2）到达一个期望序列号 1 的 Broker。Broker 会回复什么？',
          answers: ['追加消息 3', 'OUT_OF_ORDER_SEQUENCE_NUMBER', '重复'],
          explanation: '序列号 2 不紧接最后写入的序列号 0，也不是缓存中的批次，所以 Broker 拒绝它。',
        },
      },
      'producer-bumps-epoch': {
        title: '生产者提升 epoch',
        narration: '消息 3 紧接在未决序列号之后，所以缺口是真实的，永远不会被填补。生产者在本地提升 epoch，并把消息 3 重新编号为序列号 0。',
        rule: 'KIP-360：幂等生产者在本地提升 epoch',
        question: {
          prompt: '缺口永远无法填补。生产者怎样摆脱困境？',
          answers: ['永远等待消息 2', '提升 epoch，从序列号 0 重新开始', '向 Broker 申请新的生产者 ID'],
          explanation: '自 Kafka 2.5 起，幂等生产者在本地提升 epoch（无需向 Broker 发请求），并把在途批次从 0 开始重新编号。',
        },
      },
      'new-epoch-starts-sequence-0': {
        title: '新的 epoch 从序列号 0 开始',
        narration: 'Broker 把更高 epoch 的序列号 0 作为新 epoch 的开始接受。消息 2 仍然丢失：应用已被告知，必须自行决定。',
        rule: 'Broker 追加规则 4：新的 epoch 必须从序列号 0 开始',
      },
    },
  },
  'beyond-dedup-window': {
    title: 'OUT_OF_ORDER_SEQUENCE_NUMBER，而不是“重复”',
    steps: {
      'original-held-3-s': {
        title: '原始请求被滞留 3 秒',
        narration: '消息 1 的第一个请求停在 Broker 的队列中。生产者超时、重试，然后继续往下发。',
        rule: 'request.timeout.ms',
      },
      'messages-1-8-are-written': {
        title: '消息 1 到 8 已写入',
        narration: '消息 1 的重试和消息 2 到 8 都已写入。Broker 的缓存现在只保留最近 5 个批次：序列号 3 到 7。',
        rule: 'ProducerStateEntry.NUM_BATCHES_TO_RETAIN = 5',
      },
      'stale-copy-falls-outside-window': {
        title: '过期副本落在窗口之外',
        narration: '序列号 0 已不在缓存中，所以 Broker 无法判定它是重复；而 0 又不紧接 7。它回复 OUT_OF_ORDER_SEQUENCE_NUMBER，不写入任何内容。',
        rule: 'Broker 追加规则 1 和 5；KAFKA-6683',
        question: {
          prompt: '过期的原始请求（序列号 0）在序列号 1 到 7 之后到达。Broker 会回复什么？',
          answers: ['重复，偏移量 0', 'OUT_OF_ORDER_SEQUENCE_NUMBER', '追加到偏移量 8'],
          explanation: 'Broker 只记得最近 5 个批次。序列号 0 在窗口之外，所以不会被识别；它又不紧接 7，所以是乱序。什么都不写入。',
        },
      },
      'idempotence-off-duplicate-beyond-window': {
        title: '关闭幂等：窗口之外的重复',
        narration: '没有序列号，过期副本被直接追加到偏移量 8：消息 1 出现两次。',
        rule: '没有 PID：Broker 追加收到的每个批次',
      },
      'why-at-most-5-in-flight': {
        title: '为什么在途请求数必须 ≤ 5',
        narration: '如果在途请求超过 5 个，生产者自己发出的重试就可能落在 Broker 的 5 批次窗口之外。所以 Kafka 拒绝这个设置：生产者无法启动。',
        rule: 'enable.idempotence=true 时 max.in.flight.requests.per.connection ≤ 5（ConfigException；KAFKA-5494）',
      },
    },
  },
  'broker-restart': {
    title: 'Broker 正常重启使去重窗口变小，崩溃则不会',
    steps: {
      'acks-are-held-up': {
        title: '确认受阻',
        narration: '消息 4 和 5 已写入，但它们的确认卡在缓慢的回程链路上。',
        rule: 'acks=all',
      },
      'broker-restarts-from-snapshot': {
        title: '正常关闭后，Broker 从快照重启',
        narration: 'Broker 是正常关闭的（如滚动重启），这会在日志末尾写下生产者状态快照。快照只保留每个生产者的最后一个批次：它记得序列号 4，却忘了序列号 3。',
        rule: '正常关闭：日志末尾的快照（UnifiedLog.close）只保存每个生产者的最后一个批次',
        question: {
          prompt: '正常重启后，Broker 还记得这个生产者的多少个批次？',
          answers: ['全部 5 个', '只有最后一个', '一个都不记得'],
          explanation: '生产者状态从关闭时写下的快照加载，而快照只保留每个生产者的最后一个批次，它之后也没有日志需要重放：去重窗口现在只有 1 个批次宽。',
        },
      },
      'retry-message-4-not-recognised': {
        title: '消息 4 的重试没有被识别',
        narration: '序列号 3 既不是缓存中的批次，也不是 4 之后的下一个序列号：OUT_OF_ORDER_SEQUENCE_NUMBER。',
        rule: 'Broker 追加规则 1 和 5',
      },
      'producer-bumps-epoch': {
        title: '生产者提升 epoch',
        narration: '消息 4 是上次确认之后的下一个序列号，所以生产者断定缺口是真实的，提升 epoch，并把消息 4 和 5 重新编号为序列号 0 和 1。',
        rule: 'KIP-360 提升 epoch',
      },
      'duplicates-even-idempotence': {
        title: '即使开启幂等也会重复',
        narration: '消息 4 和 5 在 epoch 1 中被再写一次。若 max.in.flight.requests.per.connection = 1，只有最后一个批次可能需要去重，而它在重启后仍被保留。',
        rule: '正常关闭：去重窗口缩小到最后一个批次',
      },
      'crash-replays-log': {
        title: '换成崩溃：日志被重放',
        narration: '同样的情节，只是 Broker 被终止了。崩溃不会写快照：重启时 Broker 加载最新的快照（还没有，所以是偏移量 0），并重放其后写入的每个批次。',
        rule: '崩溃恢复：UnifiedLog.rebuildProducerState 先加载最新的快照，再重放它之后的日志',
        question: {
          prompt: '崩溃之后，Broker 还记得这个生产者的多少个批次？',
          answers: ['全部 5 个', '只有最后一个', '一个都不记得'],
          explanation: '重放日志会把每个批次重新加入该生产者的缓存，就像追随者复制时那样，所以全部五个缓存批次都回来了。只有最新的快照很近时，崩溃才会缩小窗口（log.roll.ms：每次日志段滚动时写一个快照）。',
        },
      },
      'crash-retry-recognised': {
        title: '崩溃之后，重试被识别出来',
        narration: '消息 4 的重试（序列号 3）在重建的缓存中：它是重复，不再写入，并以原来的偏移量 3 作答。消息 4 和 5 在日志中各只有一次：恰好一次。',
        rule: 'Broker 追加规则 1：缓存中的批次是重复',
      },
    },
  },
  'kafka-versions': {
    title: '同一次正常重启，不同的 Kafka 版本',
    steps: {
      'today-bump-duplicates': {
        title: 'Kafka 4.0：提升 epoch，继续发送',
        narration: '正常重启后只缓存了一个批次，所以消息 4 的重试得到 OUT_OF_ORDER_SEQUENCE_NUMBER。从 2.5 起，生产者提升 epoch，把 4 和 5 当作新消息重发：出现重复，且没有任何错误。',
        rule: 'KIP-360（2.5）：本地提升 epoch',
      },
      'kafka-2-4-resets-id': {
        title: 'Kafka 2.4：失败并重置生产者 ID',
        narration: '同样的故障发生在 2.4 上。消息 4 已在日志中，应用却收到错误；消息 5 的重试仍用旧 ID，被识别为重复。',
        rule: 'KIP-360 之前：TransactionManager.resetProducerId',
        question: {
          prompt: 'Kafka 2.4 没有 epoch 提升。生产者如何处理 OUT_OF_ORDER_SEQUENCE_NUMBER？',
          answers: ['用相同的编号重试消息 4', '让消息 4 失败，并申请新的生产者 ID', '关闭生产者'],
          explanation: '该批次以 OUT_OF_ORDER_SEQUENCE_NUMBER 失败，生产者丢弃自己的 ID 和序列号，再获取新的 ID：没有重复，但一条已写入的消息报告了错误。',
        },
      },
      'kafka-1-0-duplicate-sequence': {
        title: 'Kafka 1.0.0：回复 DUPLICATE_SEQUENCE_NUMBER',
        narration: '1.0.0 的 Broker 对早于缓存的副本回复 DUPLICATE_SEQUENCE_NUMBER，客户端把它当作成功，偏移量为 −1：没有重复，没有错误，也没有偏移量。从 1.1 起它是 OUT_OF_ORDER_SEQUENCE_NUMBER。',
        rule: 'DUPLICATE_SEQUENCE_NUMBER：仅 1.0.0–1.0.1（KAFKA-6683）',
      },
      'kafka-0-11-one-in-flight': {
        title: 'Kafka 0.11：缓存一个批次，在途一个请求',
        narration: '0.11 每个生产者只缓存一个批次，因此要求 max.in.flight.requests.per.connection = 1：只有最后一个批次可能需要去重，而它在重启后仍被保留。1.0 起可以有 5 个在途请求，并缓存 5 个批次。',
        rule: 'KAFKA-5494（1.0）：在途请求数 1 → 5',
      },
    },
  },
  'producer-restart': {
    title: '没有 transactional.id 的生产者重启',
    steps: {
      'message-1-written-ack-slow': {
        title: '消息 1 已写入，确认很慢',
        narration: 'Broker 以生产者 ID 1000 写入了消息 1，但确认在回程中受阻。',
        rule: 'acks=all',
      },
      'application-crashes': {
        title: '应用崩溃',
        narration: '它从未看到确认，所以重启后不知道消息 1 是否已写入，于是再次发送。',
        rule: '应用层的至少一次发送',
      },
      'new-producer-new-id': {
        title: '新的生产者，新的 ID',
        narration: '没有 transactional.id，重启后的生产者会得到一个全新的生产者 ID。Broker 对它没有任何历史记录。',
        rule: '没有 transactional.id 的重启：新的 PID',
        question: {
          prompt: '重启后的应用申请生产者 ID。它会得到什么？',
          answers: ['相同的 ID 1000，因此 Broker 可以去重', 'Broker 从未见过的新 ID', '没有 ID：崩溃后幂等被禁用'],
          explanation: '每个幂等生产者实例都会得到新的 PID。稳定的 transactional.id 能找回相同的 PID，但 epoch 更高，而新的 epoch 会清空 Broker 的批次缓存：即便如此，重发也不会被识别。',
        },
      },
      'message-1-written-twice': {
        title: '消息 1 被写入两次',
        narration: '未知生产者的第一个序列号总是被接受，所以消息 1 又被写入一次。幂等只保护同一个生产者会话内的重试。',
        rule: 'Broker 追加规则 3：未知生产者，任何 firstSeq 都被接受；事务的做法是中止旧实例的副本，或者使用幂等的消费者',
      },
    },
  },
  'client-side-dedup': {
    title: '为什么客户端的“已发送 ID”集合修不好确认丢失',
    steps: {
      'client-not-know': {
        title: '客户端并不知道',
        narration: '消息 1 的确认丢失了。写入已经发生，但客户端只知道它发送了消息 1，并不知道是否已写入。',
        rule: 'NETWORK_EXCEPTION（Kafka 的原话：服务器在收到响应之前断开了连接）：追加可能发生了，也可能没有',
        question: {
          prompt: '假设客户端维护一个已发送消息 ID 的集合，并丢弃 ID 在集合中的任何重试。这里会怎样？',
          answers: ['正确：重试被丢弃，日志中消息 1 只有一次', '重试被丢弃；这只是碰巧正确'],
          explanation: '这里写入确实发生了，所以丢弃重试碰巧是对的。但客户端不可能知道：它是盲目选择的。',
        },
      },
      'same-symptom-request-lost': {
        title: '同样的症状，请求丢失',
        narration: '现在改为请求丢失（“请求丢失”场景）。客户端看到的是完全相同的连接断开。',
        rule: '对客户端来说，请求丢失和确认丢失无法区分',
        question: {
          prompt: '使用同样的“已发送 ID”集合，当请求丢失时，消息 1 会怎样？',
          answers: ['被写入一次', '丢失：集合丢弃了唯一的重试'],
          explanation: 'Broker 从未见过消息 1。因为它的 ID “已发送”就丢弃重试，会让这条消息永久丢失。',
        },
      },
      'keeping-retry-means-duplicate': {
        title: '保留重试就意味着重复',
        narration: '如果客户端改为保留重试，那么在确认丢失的情况下消息 1 会被写入两次。两种选择都会在其中一种情况下出错。只有 Broker 知道自己写入了什么，所以只有 Broker 能去重。',
        rule: '幂等在 Broker 端实现：PID + epoch + 序列号（KIP-98）',
      },
    },
  },
  'new-producer-reorder': {
    title: '全新的生产者 ID 可能丢失消息（KAFKA-15591）',
    steps: {
      'message-1-refused': {
        title: '消息 1 被拒绝',
        narration: '一个新的生产者同时发送消息 1 和 2。消息 1 被以 NOT_ENOUGH_REPLICAS 拒绝：什么都没写入。',
        rule: 'NOT_ENOUGH_REPLICAS (19)',
      },
      'message-2-goes-first': {
        title: '消息 2 先行',
        narration: 'Broker 从未见过这个生产者 ID，而未知生产者的第一个序列号会被接受。消息 2（序列号 1）先被写入。',
        rule: 'Broker 追加规则 3：未知生产者，任何 firstSeq 都被接受（KAFKA-8710）',
        question: {
          prompt: '消息 2 携带序列号 1，但序列号 0 从未写入。Broker 会接受它吗？',
          answers: ['不会：OUT_OF_ORDER_SEQUENCE_NUMBER', '会：未知生产者的第一个序列号会被接受'],
          explanation: '自 Kafka 2.5 起，来自未知生产者的任何起始序列号都会被接受。这正是 KAFKA-15591 描述的漏洞。',
        },
      },
      'message-1-lost-idempotence': {
        title: '开启幂等，消息 1 却丢失了',
        narration: '现在序列号 0 的每次重试都是乱序的，而且它不是上次确认之后的下一个序列号，所以不会提升 epoch。delivery.timeout.ms 最终耗尽。',
        rule: 'KAFKA-15591',
      },
    },
  },
  'producer-expiry': {
    title: '重试期间生产者状态过期',
    steps: {
      'ack-stuck': {
        title: '确认卡住了',
        narration: '消息 1 已写入，但确认卡在停滞的链路上。',
        rule: 'request.timeout.ms',
      },
      'broker-forgets-producer': {
        title: 'Broker 遗忘了生产者',
        narration: '这里 producer.id.expiration.ms 为 1 秒。生产者空闲的时间比这更长，所以 Broker 清除了它的序列号历史。',
        rule: 'producer.id.expiration.ms（KIP-854）',
      },
      'retry-accepted-new': {
        title: '重试被当作新消息接受',
        narration: '现在重试来自一个“未知”生产者，因此被接受：即使开启幂等也出现了重复。请保持 producer.id.expiration.ms ≥ delivery.timeout.ms。',
        rule: 'Broker 追加规则 3；producer.id.expiration.ms ≥ delivery.timeout.ms',
        question: {
          prompt: 'Broker 已经遗忘了生产者 1000。消息 1 的重试会怎样？',
          answers: ['被识别为重复', '被接受并再次写入', '以 OUT_OF_ORDER_SEQUENCE_NUMBER 拒绝'],
          explanation: '没有这个生产者 ID 的状态，任何起始序列号都会被接受，所以重试被写入第二次。',
        },
      },
    },
  },
  // The consumer side's lessons.
  ...CONSUMER_LESSONS_ZH,
  ...TXN_LESSONS_ZH,
};

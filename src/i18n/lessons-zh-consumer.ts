import type { LessonWords } from './language';

/** Simplified Chinese for the consumer side's lessons (consumer-lessons.ts), each step under its id. */
export const CONSUMER_LESSONS_ZH: Record<string, LessonWords> = {
  'consumer-commit-order': {
    title: '消费者：提交顺序决定至少一次还是至多一次',
    steps: {
      'effect-then-commit': {
        title: '先处理，后提交',
        narration: '消费者先把消息 1 的效果写入数据库，然后才提交位移 1：即下一条要读取的记录的位置。',
        rule: '处理之后调用 commitSync()；已提交位移是下一条要读的记录，而不是最后读到的那条',
      },
      'restart-position': {
        title: '新进程从哪里开始？',
        narration: '消费者在写入消息 2 的效果之后、提交位移 2 之前崩溃。新进程向协调者查询已提交位移：1。消息 2 会被再次读取。',
        rule: '重启的消费者向协调者查询消费组的已提交位移，并从那里继续',
        question: {
          prompt: '消费者在写入消息 2 的效果之后、提交之前崩溃。新进程已经加入消费组。它首先读取哪条记录？',
          answers: ['位移 1：消息 2', '位移 2：消息 3', '位移 0：消息 1'],
          explanation: '只有位移 1 被提交了。最后一次提交之后的一切都会被再次读取，所以消息 2 会回来：处理之后再提交不会丢失，但一条消息可能被处理两次（至少一次）。',
        },
      },
      'at-least-once': {
        title: '至少一次投递',
        narration: '数据库中现在有两次消息 2 的效果。处理之后再提交就是至少一次：不会丢失，但崩溃之后会出现重复。',
        rule: 'enable.auto.commit=false，处理之后提交：至少一次',
        sayNext: '现在换一种顺序：先提交，再处理。',
      },
      'commit-first-restart': {
        title: '先提交：这次从哪里开始？',
        narration: '这个消费者一拉取到消息 2 就提交了位移 2，然后在处理它之前崩溃。新进程从位移 2 开始：消息 2 永远不会被处理。',
        rule: '处理之前提交：至多一次',
        question: {
          prompt: '这个消费者一拉取到消息 2 就提交位移 2，然后在处理之前崩溃。消息 2 会怎样？',
          answers: ['重启之后被处理', '永远不会被处理', 'Broker 把它退回给生产者'],
          explanation: '已提交位移已经越过了消息 2，所以没有成员会再读取它。处理之前提交就是至多一次：没有重复，但崩溃会丢失消息。',
        },
      },
    },
  },
  'consumer-crash-between-effect-and-commit': {
    title: '消费者：效果与提交之间的崩溃',
    steps: {
      'effect-committed': {
        title: '消息 2 的效果已在数据库中',
        narration: '数据库提交了消息 2 的效果。消费者还没有提交位移 2：效果和位移提交属于两个不同的系统。',
        rule: '效果（数据库）和位移（__consumer_offsets）不是原子地一起提交的',
      },
      crash: {
        title: '进程在提交之前崩溃',
        narration: '消费者死在两次提交之间。它内存中的一切都丢了；在会话超时之前，消费组仍然认为旧成员拥有分区 0。',
        rule: '崩溃的进程不会发出离开消费组的请求：协调者要等待 session.timeout.ms',
      },
      'old-member-removed': {
        title: '重启的进程在等待',
        narration: '旧成员在 session.timeout.ms（这里是 6 秒）内没有发送心跳，于是协调者移除它，把分区 0 交给新成员。',
        rule: 'session.timeout.ms；从此旧成员的提交会被拒绝（UNKNOWN_MEMBER_ID）',
        question: {
          prompt: '重启的进程已经作为新成员加入。为什么消费组要等大约 6 秒才把分区 0 交给它？',
          answers: ['旧成员在会话超时之前一直拥有它', '数据库宕机了', '生产者还在重试'],
          explanation: '崩溃的进程没有道别。只有在 session.timeout.ms 内没有心跳，协调者才会移除它并再均衡。',
        },
      },
      'database-after-restart': {
        title: '重启之后的数据库',
        narration: '新成员从已提交位移 1 开始，再次处理消息 2：它的效果在数据库里有两次。',
        rule: '对应用而言是至少一次投递',
        question: {
          prompt: '新成员从已提交位移 1 开始。数据库中会有几次消息 2 的效果？',
          answers: ['一次', '两次', '零次'],
          explanation: '第一次效果在崩溃之前已经提交；重新投递的记录从头处理，没有去重：于是有了第二次效果。',
        },
      },
      verdict: {
        title: '日志中恰好一次，数据库中两次',
        narration: '结果面板给出两个结论：日志中每条消息只有一次，但效果表中消息 2 有两次。',
        rule: '端到端恰好一次也需要消费端的配合',
      },
    },
  },
  'consumer-slow-poll-rebalance': {
    title: '消费者：一次慢 poll 之后的再均衡',
    steps: {
      'slow-record': {
        title: '消息 2 多花 1.5 秒',
        narration: '消费者 1 开始处理消息 2，比平时多花 1500 毫秒。消费者 2 也在消费组中，但没有分区。',
        rule: 'max.poll.interval.ms=1000：两次 poll() 调用之间允许的最长时间',
      },
      'no-poll': {
        title: '1000 毫秒没有 poll()',
        narration: '心跳线程发现超过 max.poll.interval.ms 没有调用 poll()，于是让消费者 1 离开消费组，尽管进程还活着。',
        rule: 'max.poll.interval.ms（KIP-62）：活着但卡住的消费者会离开消费组',
        question: {
          prompt: '消费者 1 仍在处理消息 2，已经超过 1000 毫秒没有调用 poll()。它的心跳线程会怎么做？',
          answers: ['什么都不做：心跳让它留在组里', '离开消费组', '杀死进程'],
          explanation: '自 KIP-62 起，仅靠心跳不能让成员留在组里：如果在 max.poll.interval.ms 内没有调用 poll()，成员就会离开，它的分区会被重新分配。',
        },
      },
      takeover: {
        title: '消费者 2 从位移 1 接手',
        narration: '分区 0 交给了消费者 2，它从已提交位移 1 开始处理消息 2，而消费者 1 仍在忙着处理它。',
        rule: '再均衡：新的所有者从已提交位移继续',
      },
      'late-commit': {
        title: '消费者 1 迟迟才完成',
        narration: '消费者 1 终于写入了消息 2 的效果（一次重复），并尝试提交位移 2。它已不在消费组中：提交以 CommitFailedException 失败。',
        rule: 'CommitFailedException；ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID 隔离已离开的成员',
        question: {
          prompt: '消费者 1 处理完消息 2 并提交位移 2。它的提交会得到什么？',
          answers: ['成功', 'CommitFailedException', '等到下一次再均衡，然后成功'],
          explanation: '消费者 1 已经离开了消费组。它的提交被拒绝，但它的效果已经写进数据库：消息 2 被两个成员各处理了一次。',
        },
      },
    },
  },
  'consumer-memory-dedup': {
    title: '消费者：为什么内存中的已处理集合会遗忘',
    steps: {
      'memory-set': {
        title: '已处理的 id 保存在内存中',
        narration: '每次写入效果之后，消费者把消息 id 加入自己内存中的一个集合，并跳过已经见过的 id。',
        rule: '进程内的已处理 id 集合',
      },
      crash: {
        title: '进程在消息 2 的效果之后崩溃',
        narration: '进程在提交位移 2 之前死掉。它的内存，包括这个集合，也随之消失。',
        rule: '进程内存在崩溃后不会保留',
      },
      'message-2-returns': {
        title: '消息 2 回来了',
        narration: '新进程从一个空集合开始，所以消息 2 看起来是新的：它的效果被第二次写入。',
        rule: '去重状态必须与效果一样持久',
        question: {
          prompt: '新进程从位移 1 再次读取消息 2。它内存中的集合会怎么说？',
          answers: ['消息 2 已处理：跳过', '什么都没有：集合是空的', '它从 Broker 重新加载集合'],
          explanation: '集合存在于崩溃的进程里。新进程从空集合开始，所以消息 2 被再次处理：效果重复。',
        },
      },
    },
  },
  'consumer-processed-id-transaction': {
    title: '消费者：已处理 id 要与效果同在一个事务中',
    steps: {
      'separate-transactions': {
        title: '效果与已处理 id 分在两个事务',
        narration: '这里消费者在一个事务中写入消息 2 的效果，在下一个事务中把消息 2 标记为已处理。',
        rule: '已处理 id 表在效果之后单独写入',
      },
      'two-transactions-return': {
        title: '消息 2 回来了：两个事务',
        narration: '崩溃发生在两个事务之间：效果在数据库中，已处理 id 却不在。检查什么也找不到，效果又被写了一次。',
        rule: '两个事务之间的崩溃会留下第一个而没有第二个',
        question: {
          prompt: '消费者在效果事务与已处理 id 事务之间崩溃。消息 2 回来了。检查会发现什么？',
          answers: ['消息 2 已标记为已处理：跳过', '没有标记：效果再写一次', '数据库拒绝该事务'],
          explanation: '标记从未写入。只有当 id 与效果一起提交时，按已处理 id 去重才有效。',
        },
        sayNext: '现在同样的崩溃，但已处理 id 写在效果的事务里（收件箱表）。',
      },
      'one-transaction': {
        title: '一个事务：效果与已处理 id 一起',
        narration: '现在检查、效果和已处理 id 属于同一个数据库事务：要么全部提交，要么全都不提交。',
        rule: '收件箱模式：已处理 id 与效果在同一个事务中',
      },
      'one-transaction-return': {
        title: '消息 2 回来了：一个事务',
        narration: '重新投递的消息 2 在已处理 id 表中被找到并跳过：它的效果在数据库中只有一次。',
        rule: '效果与已处理 id 原子提交：在至少一次投递之上实现效果恰好一次',
        question: {
          prompt: '同样的崩溃，但已处理 id 写在效果的事务里。消息 2 回来了。会发生什么？',
          answers: ['效果再写一次', '被找到并跳过', '丢失'],
          explanation: '效果和标记在崩溃之前一起提交了，所以检查找到了消息 2 并跳过它。',
        },
      },
    },
  },
  'consumer-message-state-machine': {
    title: '消费者：持久化的每消息状态机能够恢复',
    steps: {
      received: {
        title: '每条消息的状态都被持久化',
        narration: '消费者首先在数据库中把消息 1 记为“已接收”；然后是“处理中”，最后与效果一起变为“已完成”。',
        rule: '数据库中的每消息状态机：已接收 → 处理中 → 已完成',
      },
      'crash-after-commit': {
        title: '提交位移 2，然后崩溃',
        narration: '这个消费者在处理之前提交。它提交了位移 2，然后崩溃：消息 2 只处于“已接收”。仅靠处理前提交，这条消息会丢失。',
        rule: '处理之前提交',
      },
      outage: {
        title: '数据库宕机一段时间',
        narration: '数据库有 300 毫秒无法访问。没有任何丢失：已经提交的内容在它恢复时仍然在那里。',
        rule: '持久状态能挺过宕机',
      },
      recovery: {
        title: '第一次 poll 之前',
        narration: '在拉取之前，新进程向数据库询问未完成的消息：消息 2 仍处于“已接收”，所以它先把它处理完。',
        rule: '从持久化状态恢复，而不是从已提交位移恢复',
        question: {
          prompt: '新进程从已提交位移 2 开始，已经越过了消息 2。拉取之前，它向数据库询问未完成的消息。它会找到什么？',
          answers: ['什么都没有：位移 2 已提交', '消息 2，尚未完成', '消息 3'],
          explanation: '消息 2 持久化的状态是“已接收”，而不是“已完成”。决定还剩什么要做的是数据库中的状态机，而不是位移。',
        },
      },
      done: {
        title: '消息 2 完成，仅一次',
        narration: '消息 2 进入“处理中”，然后与效果在同一个事务中变为“已完成”。每条消息的效果在数据库中恰好一次。',
        rule: '效果与“已完成”状态在同一个事务中',
      },
    },
  },
  'consumer-idempotent-producer-not-enough': {
    title: '幂等生产者并不能让消费者恰好一次',
    steps: {
      'retry-recognised': {
        title: '生产者的重试被识别出来',
        narration: '消息 1 的确认丢失，生产者重试。幂等已开启：Broker 识别出这次重试，日志中只有一条消息 1。',
        rule: 'enable.idempotence=true：日志中恰好一次',
      },
      'after-restart': {
        title: '消费者重启之后',
        narration: '消费者在写入消息 2 的效果之后、提交之前崩溃。新进程再次读取消息 2，并再次写入它的效果。',
        rule: '生产者的幂等止于日志',
        question: {
          prompt: '日志中每条消息恰好一次。消费者在写入消息 2 的效果之后、提交之前崩溃。数据库中会有几次消息 2 的效果？',
          answers: ['一次：日志中没有重复', '两次', '零次'],
          explanation: 'Broker 对生产者的重试去重；它对消费者的数据库一无所知。除非应用自己去重，否则重新投递的记录会被再次处理。',
        },
      },
      'two-verdicts': {
        title: '两个结论',
        narration: '结果面板显示：日志中恰好一次，效果却不是。端到端恰好一次还需要应用自己去重（或者在“消费-转换-生产”循环中使用 Kafka 事务）。',
        rule: '端到端：幂等生产者 + 幂等或事务性的消费者',
      },
    },
  },
};

import type { LessonWords } from './language';

/** Simplified Chinese for the transaction lessons (txn-lessons.ts), each step under its id. */
export const TXN_LESSONS_ZH: Record<string, LessonWords> = {
  'txn-zombie-fencing': {
    title: '事务：隔离僵尸实例',
    steps: {
      stall: {
        title: '实例 1 在事务中途停住',
        narration: '实例 1 已在事务 1（生产者 id 1000，epoch 0）中写入 m1 和 m2，然后一动不动：一次长时间的 GC 停顿。它的事务在协调器那里保持打开。',
        rule: '事务从第一次 AddPartitionsToTxn 起处于 Ongoing，直到 EndTxn',
      },
      fence: {
        title: '替代实例调用 initTransactions()',
        narration: '编排系统用同一个 transactional.id 启动实例 2。它的 InitProducerId 发现事务 1 尚未结束：协调器把 epoch 提升到 1，用它写入 ABORT 标记，并让实例 2 重试。',
        rule: '在 Ongoing 时收到 InitProducerId：隔离（epoch + 1），中止，回复 CONCURRENT_TRANSACTIONS',
        question: {
          prompt: '实例 1 的事务仍未结束时，实例 2 请求生产者 id。协调器会怎么做？',
          answers: ['中止未结束的事务并提升 epoch', '等待实例 1 提交', '给实例 2 一个新的生产者 id'],
          explanation: '同一个 transactional.id，同一个生产者 id：协调器提升 epoch 来隔离旧实例，并用带着新 epoch 的标记中止它留下的事务。实例 2 必须重试，直到中止完成。',
        },
      },
      'second-bump': {
        title: '重试再提升一次',
        narration: '重试时中止已经完成，epoch 再提升一次：实例 2 使用 epoch 2。这个 +2 是被隔离的接管的典型特征。',
        rule: '从 CompleteAbort 收到 InitProducerId 会提升 epoch：隔离用掉一次，重试再用一次',
        question: {
          prompt: '实例 1 用的是 epoch 0。实例 2 得到哪个 epoch？',
          answers: ['1', '2', '0，换一个新的生产者 id'],
          explanation: 'epoch 1 被隔离用掉了（ABORT 标记带着它，它从不交给客户端）。重试再提升一次：epoch 2。',
        },
      },
      'zombie-wakes': {
        title: '僵尸醒来',
        narration: '实例 1 不知道已经过去了 400 ms。它若无其事地继续事务 1，带着 epoch 0 发送 AddOffsetsToTxn。',
        rule: '停顿的进程不知道自己已被替代：只有 epoch 能阻止它',
      },
      'zombie-fenced': {
        title: '被拒绝：PRODUCER_FENCED',
        narration: 'epoch 0 比协调器的 2 旧：请求被以 PRODUCER_FENCED 拒绝，这是致命错误。实例 1 只能关闭它的生产者。',
        rule: '协调器遇到过时的 epoch：PRODUCER_FENCED（致命）；分区遇到：INVALID_PRODUCER_EPOCH',
        question: {
          prompt: '僵尸的 AddOffsetsToTxn 得到什么回复？',
          answers: ['PRODUCER_FENCED：它必须关闭', 'CONCURRENT_TRANSACTIONS：稍后重试', 'NONE：它的位移加入实例 2 的事务'],
          explanation: '协调器把请求的 epoch 与自己的比较。更旧的 epoch 意味着已有更新的实例：永久隔离。',
        },
      },
      'read-committed-once': {
        title: '对 read_committed 而言每条消息一次',
        narration: 'read_uncommitted 看到了僵尸和替代实例的写入；read_committed 跳过被中止的写入，每条消息只看到一次。',
        rule: 'isolation.level=read_committed 隐藏被中止的事务',
      },
    },
  },
  'txn-isolation-levels': {
    title: '事务：中止之后每种隔离级别看到什么',
    steps: {
      'written-open': {
        title: '事务 1 写入 m1 和 m2',
        narration: '记录已经在输出分区中，但事务 1 仍未结束：分区的最后稳定偏移量停在它们中的第一条。',
        rule: 'LSO = 最早的未结束事务的第一个偏移量（或高水位）',
      },
      'committed-held': {
        title: 'read_committed 被挡在 LSO',
        narration: 'read_committed 读者在同一时刻读取了同样的分区，什么也没得到：它不能越过最后稳定偏移量，即未结束事务的第一条记录。',
        rule: 'isolation.level=read_committed 只读到最后稳定偏移量',
        question: {
          prompt: '事务 1 仍未结束：m1 和 m2 已在分区中。read_committed 读者得到什么？',
          answers: ['还什么都没有：它停在最后稳定偏移量', 'm1 和 m2', '一个错误'],
          explanation: 'read_committed 从不越过最后稳定偏移量。在事务 1 有结果之前，它从这些分区什么也得不到。',
        },
      },
      'uncommitted-sees': {
        title: 'read_uncommitted 立即读到它们',
        narration: '同一时刻读取的 read_uncommitted 读者返回了 m1 和 m2：它读到高水位，不管事务是否结束。',
        rule: 'isolation.level=read_uncommitted（默认）读到高水位',
      },
      'abort-marker': {
        title: '应用中止事务',
        narration: '应用中止事务 1。每个分区写入一个 ABORT 标记：它本身是一条记录，有自己的偏移量。',
        rule: 'abortTransaction()：先 EndTxn(ABORT)，然后在事务的每个分区写入 ABORT 标记',
      },
      'committed-skips': {
        title: '提交之后的 read_committed',
        narration: '事务 2 再次写入 m1 和 m2 并提交。read_committed 各返回一次；被中止的副本和两个标记都被跳过。',
        rule: 'read_committed 丢弃被中止的记录（读取响应列出被中止的事务）；控制记录从不返回',
        question: {
          prompt: '事务 1（m1、m2）被中止，事务 2（m1、m2）已提交。read_committed 返回什么？',
          answers: ['m1 和 m2 各一次', 'm1 和 m2 各两次', '什么也没有：一次中止会毒化整个分区'],
          explanation: '被中止的范围被跳过，已提交的被返回。相比之下，read_uncommitted 两份副本都返回了。',
        },
      },
      'same-position': {
        title: '两者最后停在同一位置',
        narration: '两个读者的位置最后都停在最后一个标记之后：它们跳过相同的偏移量，只是返回的内容不同。',
        rule: '位置会越过标记，也会越过被中止的记录',
      },
    },
  },
  'txn-consume-transform-produce': {
    title: '事务：消费—转换—生产挺过一次崩溃',
    steps: {
      'offsets-pending': {
        title: '输入位置加入事务',
        narration: 'sendOffsetsToTransaction：位置 2 作为事务的一部分写入 __consumer_offsets。它处于待定状态：在事务提交之前没有人能看到它。',
        rule: 'AddOffsetsToTxn + TxnOffsetCommit：位移与输出一起提交或一起中止（KIP-98、KIP-447）',
      },
      crash: {
        title: '应用在 EndTxn 之前崩溃',
        narration: '输出 m1 和 m2 已经写入，位置 2 处于待定状态，进程在提交之前死掉了。',
        rule: '在 COMMIT 标记之前，对 read_committed 什么都不可见',
      },
      'fenced-abort': {
        title: '新实例隔离并中止',
        narration: '重启实例的 InitProducerId 中止了未结束的事务：在两个输出分区和 __consumer_offsets 上写入 ABORT 标记。待定的位置与输出一起被丢弃。',
        rule: '一个事务，一个结果：输出和位移一起中止',
      },
      'restart-position': {
        title: '它从哪里开始读？',
        narration: '读取消费组已提交的位置（requireStable：事务的位移待定时不读）。从来没有提交过，所以实例从偏移量 0 开始。',
        rule: 'OffsetFetch 使用 requireStable=true（KIP-447）',
        question: {
          prompt: '崩溃的实例在它的事务中写入了位置 2。新实例从哪里开始读输入？',
          answers: ['偏移量 0：待定的位置被中止了', '偏移量 2', '日志末端'],
          explanation: '这个位置属于被中止的事务，所以被丢弃了。输入从最后提交的位置重新读取，输出也重新写入：只有一次，因为第一份副本被中止了。',
        },
      },
      once: {
        title: '整个循环的精确一次',
        narration: 'read_committed 每个输出只看到一次。这就是 Kafka 中的精确一次处理：输入位置和输出原子地提交。它止步于 Kafka 的边界：如果转换步骤还扣了一次信用卡或写了一行数据库，那个效果发生了两次。在 Kafka 之外，仍然需要消费端的防护（收件箱、幂等效果）。',
        rule: '事务只覆盖 Kafka 主题；外部效果需要自己的幂等性',
        sayNext: '消费端的课程展示这些防护。',
      },
    },
  },
  'txn-markers-take-offsets': {
    title: '事务：为什么偏移量会跳过、延迟总是 1',
    steps: {
      'first-marker': {
        title: 'COMMIT 标记是一条记录',
        narration: '事务 1 在偏移量 0 写入 m1，在偏移量 1 写入 m2。它的 COMMIT 标记是只有一条记录的控制批次：它占用偏移量 2。',
        rule: '事务标记在它写入的每个分区中占用一个偏移量',
      },
      'next-offset': {
        title: '下一次写入',
        narration: '事务 2 写入 m3 和 m4。',
        rule: '偏移量按分区计，数据记录和控制记录共用',
        question: {
          prompt: '偏移量 0 和 1 是 m1 和 m2，偏移量 2 是标记。m3 写在哪个偏移量？',
          answers: ['3', '2', '0：新事务从头开始'],
          explanation: '标记占用了偏移量 2，所以 m3 落在 3。一个在 1 读到 m2、然后在 3 读到 m3 的消费者会看到一个空缺：没有记录丢失，那里是一个标记。',
        },
      },
      'never-returned': {
        title: '标记从不返回',
        narration: '读者返回偏移量 0、1、3、4、6 和 7，它们的位置最后停在 9：最后一个标记（在 8）之后。',
        rule: '控制记录从不返回给应用',
      },
      lag: {
        title: '永远到不了零的延迟',
        narration: '用“日志末端偏移量减去（最后读到的记录 + 1）”计算延迟的工具会一直说 9 − 8 = 1，尽管已经没有可读的东西了。应该比较的是消费者的位置（9）。',
        rule: '用消费者的位置计算延迟，而不是最后一条记录的偏移量',
        question: {
          prompt: '日志末端偏移量是 9，最后读到的记录在 7。“日志末端 −（最后一条记录 + 1）”报告多少延迟？',
          answers: ['1', '0', '2'],
          explanation: '9 −（7 + 1）= 1：偏移量 8 上的标记被算作未读。与位置 9 相比，延迟是 0。',
        },
      },
    },
  },
  'txn-hanging-lso': {
    title: '事务：悬挂事务卡住 LSO',
    steps: {
      'gives-up': {
        title: '生产请求超时',
        narration: '事务 1 的生产请求卡在网络里。过了 request.timeout.ms，生产者放弃了它；这个事务只能中止。',
        rule: '事务中的写入失败会让事务变为可中止（ABORTABLE_ERROR）',
      },
      aborted: {
        title: '中止被写入',
        narration: '先 EndTxn(ABORT)，然后在两个输出分区写入 ABORT 标记。在协调器看来，事务 1 已经结束。随后应用崩溃。',
        rule: '事务版本 1：中止不改变 epoch',
      },
      'late-write': {
        title: '迟到的请求到达',
        narration: '请求终于到达分区。分区认识 epoch 0 的生产者 id 1000，却不知道这个请求属于一个已中止的事务。',
        rule: '3.6 之前，leader 不会向协调器确认该分区是否在事务中',
        question: {
          prompt: '没有开启验证的 Kafka 3（3.6 之前）：分区如何处理被中止事务的迟到写入？',
          answers: ['追加它：它开启了一个没人会结束的事务', '拒绝它：事务已被中止', '作为已提交的数据追加'],
          explanation: 'epoch 和序列号都没问题，所以它被追加；作为事务写入，它在这个分区开启了一个事务。协调器对此一无所知：不会有标记来结束它。',
        },
      },
      stuck: {
        title: 'read_committed 被卡住',
        narration: '最后稳定偏移量就是迟到写入的偏移量。无论之后写入什么，read_committed 都无法越过它。',
        rule: '悬挂事务会一直卡住 LSO，直到管理员用 kafka-transactions.sh 中止它，或被意外结束',
      },
      leak: {
        title: '下一次提交把它泄漏出来',
        narration: '新实例用同一个生产者 id 提交 m1 和 m2。它的 COMMIT 标记结束了迟到写入开启的事务：被中止的副本变成已提交。read_committed 看到 m1 和 m2 各两次。',
        rule: 'KAFKA-17754：被中止事务的迟到写入泄漏进下一个事务',
        question: {
          prompt: '新实例提交 m1 和 m2。read_committed 看到它们几次？',
          answers: ['两次：迟到的副本也被提交了', '一次', '一次也没有：LSO 一直卡住'],
          explanation: '分区为每个生产者 id 跟踪一个未结束的事务。COMMIT 标记提交从它的第一个偏移量以来的一切，包括迟到的写入。',
        },
      },
      'tv2-fenced': {
        title: '事务版本 2：迟到的写入被隔离',
        narration: 'Kafka 4.0，事务版本 2：每次中止都会提升 epoch，标记带着新的 epoch。迟到写入的 epoch 已过时：INVALID_PRODUCER_EPOCH。（有了 3.6 的验证，leader 会询问协调器，并以 INVALID_TXN_STATE 拒绝它。）',
        rule: 'KIP-890：验证（3.6）以及每次提交和中止时提升 epoch（4.0）',
      },
    },
  },
};

import type { EnglishLessonWords } from './language';

/** The transaction lessons' step words in English, each step under its id in `TXN_LESSONS`. */
export const TXN_LESSON_STEPS_EN: Record<string, EnglishLessonWords> = {
  'txn-zombie-fencing': {
    steps: {
      stall: {
        title: 'Instance 1 stalls mid-transaction',
        narration: 'Instance 1 has written m1 and m2 in transaction 1 (producer id 1000, epoch 0) and then stands still: a long GC pause. Its transaction stays open at the coordinator.',
        rule: 'A transaction is Ongoing from its first AddPartitionsToTxn until EndTxn',
      },
      fence: {
        title: 'A replacement calls initTransactions()',
        narration: 'An orchestrator starts instance 2 with the same transactional.id. Its InitProducerId finds transaction 1 open: the coordinator bumps the epoch to 1, writes ABORT markers with it, and tells instance 2 to retry.',
        rule: 'InitProducerId while Ongoing: fence (epoch + 1), abort, answer CONCURRENT_TRANSACTIONS',
        question: {
          prompt: 'Instance 2 asks for the producer id while instance 1’s transaction is still open. What does the coordinator do?',
          answers: ['It aborts the open transaction and bumps the epoch', 'It waits for instance 1 to commit', 'It gives instance 2 a new producer id'],
          explanation: 'Same transactional.id, same producer id: the coordinator fences the old instance by raising the epoch, and aborts what it left open with markers that carry the new epoch. Instance 2 must retry until the abort is complete.',
        },
      },
      'second-bump': {
        title: 'The retry bumps again',
        narration: 'The retry finds the abort complete and bumps the epoch once more: instance 2 works with epoch 2. The +2 is typical of a fenced takeover.',
        rule: 'From CompleteAbort, InitProducerId bumps the epoch: the fence cost one, the retry another',
        question: {
          prompt: 'Instance 1 had epoch 0. Which epoch does instance 2 get?',
          answers: ['1', '2', '0, with a new producer id'],
          explanation: 'Epoch 1 was used up by the fence (the abort markers carry it, and it is never given to a client). The retry bumps again: epoch 2.',
        },
      },
      'zombie-wakes': {
        title: 'The zombie wakes up',
        narration: 'Instance 1 has no idea 400 ms passed. It carries on with transaction 1 as if nothing happened and sends AddOffsetsToTxn with epoch 0.',
        rule: 'A paused process does not know it was replaced: only the epoch can stop it',
      },
      'zombie-fenced': {
        title: 'Refused: PRODUCER_FENCED',
        narration: 'Epoch 0 is older than the coordinator’s 2: the request is refused with PRODUCER_FENCED, a fatal error. Instance 1 can only close its producer.',
        rule: 'A stale epoch at the coordinator: PRODUCER_FENCED (fatal); at a partition: INVALID_PRODUCER_EPOCH',
        question: {
          prompt: 'What answer does the zombie’s AddOffsetsToTxn get?',
          answers: ['PRODUCER_FENCED: it must close', 'CONCURRENT_TRANSACTIONS: retry later', 'NONE: its offsets join instance 2’s transaction'],
          explanation: 'The coordinator compares the request’s epoch with its own. An older epoch means a newer instance exists: fenced, for good.',
        },
      },
      'read-committed-once': {
        title: 'Each message once, for read_committed',
        narration: 'read_uncommitted saw the zombie’s writes and the replacement’s; read_committed skipped the aborted ones and sees each message once.',
        rule: 'isolation.level=read_committed hides aborted transactions',
      },
    },
  },
  'txn-isolation-levels': {
    steps: {
      'written-open': {
        title: 'Transaction 1 writes m1 and m2',
        narration: 'The records are in the output partitions, but transaction 1 is still open: the partitions’ last stable offset stays at the first of them.',
        rule: 'LSO = the first offset of the earliest open transaction (or the high watermark)',
      },
      'committed-held': {
        title: 'read_committed is held at the LSO',
        narration: 'The read_committed reader fetched the same partitions at the same moment and got nothing: it may not read past the last stable offset, the first record of the open transaction.',
        rule: 'isolation.level=read_committed reads up to the last stable offset',
        question: {
          prompt: 'Transaction 1 is open: m1 and m2 are in the partitions. What does the read_committed reader get?',
          answers: ['Nothing yet: it waits at the last stable offset', 'm1 and m2', 'An error'],
          explanation: 'read_committed never reads past the last stable offset. Until transaction 1 is decided it gets nothing from these partitions.',
        },
      },
      'uncommitted-sees': {
        title: 'read_uncommitted reads them at once',
        narration: 'The read_uncommitted reader, fetching at the same moment, returns m1 and m2: it reads up to the high watermark, open transaction or not.',
        rule: 'isolation.level=read_uncommitted (the default) reads up to the high watermark',
      },
      'abort-marker': {
        title: 'The application aborts',
        narration: 'The application aborts transaction 1. An ABORT marker is written to each partition: a record of its own, with its own offset.',
        rule: 'abortTransaction(): EndTxn(ABORT), then an ABORT marker in every partition of the transaction',
      },
      'committed-skips': {
        title: 'read_committed after the commit',
        narration: 'Transaction 2 wrote m1 and m2 again and committed. read_committed returns them once; the aborted copies and both markers are skipped.',
        rule: 'read_committed drops aborted records (the fetch lists the aborted transactions); control records are never returned',
        question: {
          prompt: 'Transaction 1 (m1, m2) was aborted, transaction 2 (m1, m2) committed. What does read_committed return?',
          answers: ['m1 and m2 once', 'm1 and m2 twice', 'Nothing: an abort poisons the partition'],
          explanation: 'The aborted range is skipped, the committed one returned. read_uncommitted, by contrast, returned both copies.',
        },
      },
      'same-position': {
        title: 'Both end at the same position',
        narration: 'Both readers’ positions end one past the last marker: they skip the same offsets, only what they return differs.',
        rule: 'Positions advance over markers and aborted records alike',
      },
    },
  },
  'txn-consume-transform-produce': {
    steps: {
      'offsets-pending': {
        title: 'The input position joins the transaction',
        narration: 'sendOffsetsToTransaction: the position 2 is written to __consumer_offsets as part of the transaction. It is pending: no one sees it until the transaction commits.',
        rule: 'AddOffsetsToTxn + TxnOffsetCommit: offsets commit or abort with the outputs (KIP-98, KIP-447)',
      },
      crash: {
        title: 'The application crashes before EndTxn',
        narration: 'The outputs m1 and m2 are written, the position 2 is pending, and the process dies before it commits.',
        rule: 'Nothing is visible to read_committed until the COMMIT marker',
      },
      'fenced-abort': {
        title: 'The new instance fences and aborts',
        narration: 'The restarted instance’s InitProducerId aborts the open transaction: ABORT markers on both output partitions and on __consumer_offsets. The pending position is discarded with the outputs.',
        rule: 'One transaction, one decision: outputs and offsets abort together',
      },
      'restart-position': {
        title: 'Where does it read from?',
        narration: 'The group’s committed position is read (with requireStable: not while a transaction’s offsets are pending). None was ever committed, so the instance starts at offset 0.',
        rule: 'OffsetFetch with requireStable=true (KIP-447)',
        question: {
          prompt: 'The crashed instance had written position 2 in its transaction. Where does the new instance start reading the input?',
          answers: ['At offset 0: the pending position was aborted', 'At offset 2', 'At the log end'],
          explanation: 'The position was part of the aborted transaction, so it was discarded. The input is read again from the last committed position, and the outputs are written again: once, since the first copies were aborted.',
        },
      },
      once: {
        title: 'Exactly once across the loop',
        narration: 'read_committed sees each output once. This is exactly-once processing in Kafka: the input position and the outputs commit atomically. It stops at Kafka’s edge: if the transform also charged a credit card or wrote a database row, that effect happened twice. Outside Kafka, the consumer-side defences (an inbox, an idempotent effect) are still needed.',
        rule: 'Transactions cover Kafka topics only; external effects need idempotence of their own',
        sayNext: 'The consumer-side lessons show those defences.',
      },
    },
  },
  'txn-markers-take-offsets': {
    steps: {
      'first-marker': {
        title: 'The COMMIT marker is a record',
        narration: 'Transaction 1 wrote m1 at offset 0 and m2 at offset 1. Its COMMIT marker is a control batch of one record: it takes offset 2.',
        rule: 'A transaction marker uses one offset in every partition it is written to',
      },
      'next-offset': {
        title: 'The next write',
        narration: 'Transaction 2 writes m3 and m4.',
        rule: 'Offsets are per partition, shared by data and control records',
        question: {
          prompt: 'Offsets 0 and 1 hold m1 and m2, offset 2 the marker. At which offset is m3 written?',
          answers: ['3', '2', '0: a new transaction starts over'],
          explanation: 'The marker took offset 2, so m3 lands at 3. A consumer that reads m2 at 1 and then m3 at 3 sees a gap: no record is missing, a marker is there.',
        },
      },
      'never-returned': {
        title: 'Markers are never returned',
        narration: 'The readers return offsets 0, 1, 3, 4, 6 and 7, and their positions end at 9: one past the last marker at 8.',
        rule: 'Control records are never returned to the application',
      },
      lag: {
        title: 'Lag that never reaches zero',
        narration: 'A tool that computes lag as the log end offset minus (last record read + 1) says 9 − 8 = 1, for ever, although there is nothing left to read. The consumer’s position (9) is what to compare.',
        rule: 'Measure lag from the consumer’s position, not from the last record’s offset',
        question: {
          prompt: 'The log end offset is 9 and the last record read is at 7. What lag does “log end − (last record + 1)” report?',
          answers: ['1', '0', '2'],
          explanation: '9 − (7 + 1) = 1: the marker at offset 8 is counted as unread. Compared with the position, 9, the lag is 0.',
        },
      },
    },
  },
  'txn-hanging-lso': {
    steps: {
      'gives-up': {
        title: 'The produce request times out',
        narration: 'Transaction 1’s produce request is stuck in the network. After request.timeout.ms the producer gives up on it; the transaction can only be aborted.',
        rule: 'A failed transactional write makes the transaction abortable (ABORTABLE_ERROR)',
      },
      aborted: {
        title: 'The abort is written',
        narration: 'EndTxn(ABORT), then ABORT markers on both output partitions. As far as the coordinator knows, transaction 1 is over. The application then crashes.',
        rule: 'Transaction version 1: the abort keeps the epoch',
      },
      'late-write': {
        title: 'The late request arrives',
        narration: 'The request finally reaches the partitions. They know producer id 1000 at epoch 0 and nothing about the abort’s meaning for this request.',
        rule: 'Before 3.6 the leader does not ask the coordinator whether the partition is in a transaction',
        question: {
          prompt: 'Kafka 3.x without verification (before 3.6): what do the partitions do with the aborted transaction’s late write?',
          answers: ['Append it: it opens a transaction nobody will end', 'Refuse it: the transaction was aborted', 'Append it as committed data'],
          explanation: 'Epoch and sequence are fine, so it is appended, and as a transactional write it opens a transaction at this partition. The coordinator knows nothing of it: no marker will ever close it.',
        },
      },
      stuck: {
        title: 'read_committed is stuck',
        narration: 'The last stable offset is the late write’s offset. read_committed cannot read past it, whatever is written after.',
        rule: 'A hanging transaction holds the LSO until it is aborted (kafka-transactions.sh abort) or closed by accident',
      },
      leak: {
        title: 'The next commit leaks it',
        narration: 'A new instance commits m1 and m2 with the same producer id. Its COMMIT marker closes the transaction the late write opened: the aborted copies become committed. read_committed sees m1 and m2 twice.',
        rule: 'KAFKA-17754: a late write of an aborted transaction leaking into the next one',
        question: {
          prompt: 'The new instance commits m1 and m2. How many times does read_committed see them?',
          answers: ['Twice: the late copies are committed too', 'Once', 'Never: the LSO stays stuck'],
          explanation: 'The partition tracks one open transaction per producer id. The COMMIT marker commits everything since its first offset, including the late write.',
        },
      },
      'tv2-fenced': {
        title: 'Transaction version 2: the late write is fenced',
        narration: 'Kafka 4.0, transaction version 2: every abort bumps the epoch, and the markers carry the new one. The late write’s epoch is stale: INVALID_PRODUCER_EPOCH. (With 3.6’s verification, the leader would have asked the coordinator and refused it with INVALID_TXN_STATE.)',
        rule: 'KIP-890: verification (3.6) and an epoch bump at every commit and abort (4.0)',
      },
    },
  },
};

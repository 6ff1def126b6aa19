import type { EnglishLessonWords } from './language';
import { CONSUMER_LESSON_STEPS_EN } from './lesson-steps-en-consumer';
import { TXN_LESSON_STEPS_EN } from './lesson-steps-en-txn';

/**
 * Every lesson step's words in English, the source language, under its lesson's and its own id in `LESSONS`
 * (anchors, settings, correct answers and the lessons' titles stay in lessons/; the steps' words are here, as every
 * other language's are in its own files). They are loaded when a lesson is first shown, so that they are not part
 * of the first page. i18n.test.ts checks that every step has its words and that every entry names a step that exists.
 */
export const LESSON_STEPS_EN: Record<string, EnglishLessonWords> = {
  'lost-ack': {
    steps: {
      'producer-sends-message-1': {
        title: 'The producer sends message 1',
        narration: 'Idempotence is off, so the request carries no producer id and no sequence number. The broker has nothing to recognise it by later.',
        rule: 'enable.idempotence=false',
      },
      'broker-writes': {
        title: 'The broker writes it',
        narration: 'The broker appends message 1 at offset 0 and sends an ack back. So far everything worked.',
        rule: 'acks=all: the broker answers once the write is done',
      },
      'ack-lost': {
        title: 'The ack is lost',
        narration: 'The network drops the response and the connection breaks. The write happened, but only the broker knows it.',
        rule: 'NETWORK_EXCEPTION (Kafka: “The server disconnected before a response was received.”): the append may or may not have happened',
        question: {
          prompt: 'The ack is about to vanish. What will the producer do?',
          answers: ['Nothing: message 1 is already written', 'Retry message 1', 'Report a failure to the application'],
          explanation: 'The producer only sees a broken connection. A lost request and a lost ack look the same from its side, and NETWORK_EXCEPTION is retriable, so it sends message 1 again.',
        },
      },
      'retry-written': {
        title: 'The retry is written again',
        narration: 'Without a producer id and sequence number the broker cannot tell a retry from a new record, so it appends message 1 a second time at offset 1.',
        rule: 'No PID: the broker appends every batch it gets',
        question: {
          prompt: 'The retry of message 1 reaches the broker. What does the broker do with it?',
          answers: ['Appends it: a duplicate at offset 1', 'Recognises it and discards it', 'Rejects it with an error'],
          explanation: 'With idempotence off there is nothing to compare: the retry is just another record. The log now holds message 1 twice.',
        },
        sayNext: 'Now the same story with idempotence on.',
      },
      'idempotence-producer-id-first': {
        title: 'Idempotence on: a producer id first',
        narration: 'Now the producer asks for a producer id (PID) before sending anything. Every batch will carry PID, epoch and a sequence number.',
        rule: 'InitProducerId; KIP-98 idempotent producer',
      },
      'same-ack-lost': {
        title: 'The same ack is lost',
        narration: 'Message 1 (P1000, epoch 0, sequence 0) was written at offset 0 and the ack is lost exactly as before. The producer retries with the same PID, epoch and sequence.',
        rule: 'A retry keeps the same PID, epoch and seq',
      },
      'broker-recognises-retry': {
        title: 'The broker recognises the retry',
        narration: 'Sequence 0 of this producer and epoch is in the broker’s cache of the last 5 batches, so nothing is written and the reply carries the original offset 0.',
        rule: 'Broker append rule 1: duplicate (NUM_BATCHES_TO_RETAIN = 5)',
        question: {
          prompt: 'With idempotence on, what happens to the retry of message 1?',
          answers: ['Appended again at offset 1', 'Recognised as a duplicate: acknowledged with offset 0, nothing written', 'Rejected with OUT_OF_ORDER_SEQUENCE_NUMBER'],
          explanation: 'Same PID, same epoch, exactly the same first and last sequence as a cached batch: the broker answers NONE with the original offset. The log keeps one copy.',
        },
      },
      'exactly-once': {
        title: 'Exactly once',
        narration: 'The log holds messages 1, 2 and 3 once each, in order. Idempotence turned an unsafe retry into a safe one.',
        rule: 'enable.idempotence=true (the default since Kafka 3.0, in effect from 3.0.1/3.1.1/3.2.0: KAFKA-13598)',
      },
    },
  },
  'lost-request': {
    steps: {
      'request-lost': {
        title: 'The request is lost',
        narration: 'This time the request itself is dropped before it reaches the broker, and the connection breaks.',
        rule: 'NETWORK_EXCEPTION is retriable',
      },
      'producer-sees-same-symptom': {
        title: 'The producer sees the same symptom',
        narration: 'From the producer’s side this looks exactly like a lost ack: a broken connection and a failed request. It cannot know the broker never saw it.',
        rule: 'NETWORK_EXCEPTION (Kafka: “The server disconnected before a response was received.”): the append may or may not have happened',
      },
      'retry-first-write': {
        title: 'The retry is the first write',
        narration: 'The broker sees message 1 for the first time and writes it at offset 0. Retrying was essential: without it, message 1 would be lost.',
        rule: 'retries = MAX_INT, bounded by delivery.timeout.ms (KIP-91)',
        question: {
          prompt: 'Idempotence is off. Will the retry create a duplicate this time?',
          answers: ['Yes, like with a lost ack', 'No: the broker never saw the first attempt'],
          explanation: 'The first request never reached the broker, so the retry is the one and only write, with idempotence off or on.',
        },
      },
      'why-retries-need-idempotence': {
        title: 'Why retries need idempotence',
        narration: 'The producer must retry to avoid losing data, but the same retry after a lost ack duplicates. Idempotence makes the retry safe in both cases.',
        rule: 'enable.idempotence=true',
      },
    },
  },
  'delayed-original': {
    steps: {
      'request-held-up': {
        title: 'The request is held up',
        narration: 'Message 1’s request sits in the broker’s queue for 1.5 s. It is not lost, only slow.',
        rule: 'request.timeout.ms bounds one attempt',
      },
      'producer-gives-up-waiting': {
        title: 'The producer gives up waiting',
        narration: 'After request.timeout.ms (1 s) the producer closes the connection and schedules a retry. It cannot know whether the broker will still process the original.',
        rule: 'A client-side request timeout closes the connection (REQUEST_TIMED_OUT)',
      },
      'retry-overtakes-original': {
        title: 'The retry overtakes the original',
        narration: 'The retry travels on a new connection and is written at offset 0 before the original is processed.',
        rule: 'REQUEST_TIMED_OUT is retriable',
      },
      'original-finally-arrives': {
        title: 'The original finally arrives',
        narration: 'With idempotence off the broker appends the stale original again: message 1 is in the log twice, and its answer goes to a closed connection.',
        rule: 'No PID: the broker appends every batch it gets',
        question: {
          prompt: 'The stale original of message 1 is processed now. With idempotence off, what happens?',
          answers: ['It is appended: message 1 twice', 'The broker drops it because its connection is closed', 'It replaces the retry'],
          explanation: 'A closed connection only means the answer goes nowhere; the broker still processes the request it already received, and without a PID it cannot recognise it.',
        },
        sayNext: 'Switch idempotence on and watch the same original.',
      },
      'idempotence-recognised-duplicate': {
        title: 'Idempotence on: recognised as a duplicate',
        narration: 'The original carries the same PID, epoch and sequence as the retry already written, so the broker answers “duplicate, offset 0” (to a dead socket) and writes nothing.',
        rule: 'Broker append rule 1: duplicate of a cached batch',
      },
    },
  },
  'reorder-in-flight': {
    steps: {
      'four-requests-flight': {
        title: 'Four requests in flight',
        narration: 'max.in.flight.requests.per.connection is 5, so the producer sends messages 1 to 4 without waiting for acks.',
        rule: 'max.in.flight.requests.per.connection=5',
      },
      'message-3-refused': {
        title: 'Message 3 is refused',
        narration: 'Too few in-sync replicas: the broker refuses message 3 without writing it. Message 4 is already on its way behind it.',
        rule: 'NOT_ENOUGH_REPLICAS (19): retriable, nothing written',
      },
      'message-4-overtakes-message-3': {
        title: 'Message 4 is written before message 3',
        narration: 'With idempotence off the broker has no sequence numbers to check, so it appends message 4 now. Message 3 will come later as a retry.',
        rule: 'Ordering: idempotence off with in-flight > 1 can reorder',
        question: {
          prompt: 'Message 3 was refused. What does the broker do with message 4, which is right behind it?',
          answers: ['Appends it: message 4 lands before message 3', 'Rejects it to keep the order', 'Holds it until message 3 is retried'],
          explanation: 'Without sequence numbers the broker cannot see the gap. Message 4 is written at offset 2, and the retry of message 3 lands after it: the log is out of order.',
        },
      },
      'idempotence-gap-detected': {
        title: 'Idempotence on: the gap is detected',
        narration: 'Now message 4 carries sequence 3, but the broker last wrote sequence 1. Sequence 3 does not follow 1, so it answers OUT_OF_ORDER_SEQUENCE_NUMBER and writes nothing.',
        rule: 'Broker append rule 5: firstSeq must be lastSeq + 1',
      },
      'retry-without-epoch-bump': {
        title: 'Retry without an epoch bump',
        narration: 'Message 4 is not the next batch after the last ack, so an earlier batch (message 3) should fill the gap. The producer simply retries message 4 after message 3.',
        rule: 'OUT_OF_ORDER_SEQUENCE_NUMBER, not next after last ack: retry, no bump',
      },
      'order-kept': {
        title: 'Order kept',
        narration: 'The log reads 1, 2, 3, 4. With idempotence on and in-flight ≤ 5, order is kept even with several requests in flight.',
        rule: 'Ordering guarantee: enable.idempotence=true, max.in.flight ≤ 5',
      },
    },
  },
  'stalled-connection': {
    steps: {
      'link-stalls': {
        title: 'The link stalls',
        narration: 'Messages 2 and 3 are written, but their responses are stuck on the way back for 2 s.',
        rule: 'request.timeout.ms=1000',
      },
      'one-timeout-closes-connection': {
        title: 'One timeout closes the connection',
        narration: 'Message 2 times out first. The client closes the whole connection, so message 3 fails at the same moment, even though its own timeout has not run out.',
        rule: 'NetworkClient.handleTimedOutRequests: every in-flight request fails with REQUEST_TIMED_OUT',
        question: {
          prompt: 'Message 2’s request times out. What happens to message 3, also in flight on the same connection?',
          answers: ['It keeps waiting for its own timeout', 'It fails at the same moment', 'It is acknowledged'],
          explanation: 'A client-side request timeout closes the connection, and every request in flight on it fails at once with REQUEST_TIMED_OUT.',
        },
      },
      'both-are-retried': {
        title: 'Both are retried, newest first',
        narration: 'Without idempotence the client puts each failed request back at the front of its queue, so the retries go out on the new connection newest first: message 3, then message 2. Both are written a second time: two duplicates, the copies in reverse order.',
        rule: 'RecordAccumulator.reenqueue: addFirst without idempotence (insertInSequenceOrder with it)',
      },
      'idempotence-both-recognised': {
        title: 'Idempotence on: both recognised',
        narration: 'Both retries match cached batches, so the broker writes nothing and answers with the original offsets.',
        rule: 'Broker append rule 1: duplicate',
      },
    },
  },
  'sequence-gap-epoch-bump': {
    steps: {
      'message-2-keeps-getting-lost': {
        title: 'Message 2 keeps getting lost',
        narration: 'Every request carrying message 2 (sequence 1) is lost. The producer retries with backoff.',
        rule: 'retry.backoff.ms, exponential backoff (KIP-580)',
      },
      'delivery-timeout-ms-runs-out': {
        title: 'delivery.timeout.ms runs out',
        narration: 'After 1.5 s the application gets a TimeoutException. The records might still be in the log, so sequence 1 becomes “unresolved”.',
        rule: 'delivery.timeout.ms; unresolved sequence (maybeResolveSequences)',
      },
      'message-3-hits-gap': {
        title: 'Message 3 hits the gap',
        narration: 'Message 3 carries sequence 2, but the broker last wrote sequence 0 and expects 1: OUT_OF_ORDER_SEQUENCE_NUMBER.',
        rule: 'Broker append rule 5: firstSeq must be lastSeq + 1',
        question: {
          prompt: 'Message 3 (sequence 2) reaches a broker that expects sequence 1. What does the broker answer?',
          answers: ['It appends message 3', 'OUT_OF_ORDER_SEQUENCE_NUMBER', 'Duplicate'],
          explanation: 'Sequence 2 does not follow the last written sequence 0, and it is not a cached batch, so the broker refuses it.',
        },
      },
      'producer-bumps-epoch': {
        title: 'The producer bumps its epoch',
        narration: 'Message 3 directly follows the unresolved sequence, so the gap is real and will never be filled. The producer bumps its epoch locally and renumbers message 3 as sequence 0.',
        rule: 'KIP-360: local epoch bump of the idempotent producer',
        question: {
          prompt: 'The gap can never be filled. How does the producer get out of it?',
          answers: ['It waits for message 2 forever', 'It bumps its epoch and starts again at sequence 0', 'It asks the broker for a new producer id'],
          explanation: 'Since Kafka 2.5 an idempotent producer bumps its epoch locally (no request to the broker) and renumbers its in-flight batches from 0.',
        },
      },
      'new-epoch-starts-sequence-0': {
        title: 'A new epoch starts at sequence 0',
        narration: 'The broker accepts sequence 0 of the higher epoch as the start of a new epoch. Message 2 stays lost: the application was told and must decide.',
        rule: 'Broker append rule 4: a new epoch must start at sequence 0',
      },
    },
  },
  'beyond-dedup-window': {
    steps: {
      'original-held-3-s': {
        title: 'The original is held for 3 s',
        narration: 'Message 1’s first request sits in the broker’s queue. The producer times out, retries and moves on.',
        rule: 'request.timeout.ms',
      },
      'messages-1-8-are-written': {
        title: 'Messages 1 to 8 are written',
        narration: 'The retry of message 1 and messages 2 to 8 are written. The broker’s cache now holds only the last 5 batches: sequences 3 to 7.',
        rule: 'ProducerStateEntry.NUM_BATCHES_TO_RETAIN = 5',
      },
      'stale-copy-falls-outside-window': {
        title: 'The stale copy falls outside the window',
        narration: 'Sequence 0 is no longer in the cache, so the broker cannot call it a duplicate; and 0 does not follow 7. It answers OUT_OF_ORDER_SEQUENCE_NUMBER and writes nothing.',
        rule: 'Broker append rules 1 and 5; KAFKA-6683',
        question: {
          prompt: 'The stale original (sequence 0) arrives after sequences 1 to 7. What does the broker answer?',
          answers: ['Duplicate, offset 0', 'OUT_OF_ORDER_SEQUENCE_NUMBER', 'Appended at offset 8'],
          explanation: 'The broker only remembers the last 5 batches. Sequence 0 is outside that window, so it is not recognised, and it does not follow 7, so it is out of order. Nothing is written.',
        },
      },
      'idempotence-off-duplicate-beyond-window': {
        title: 'Idempotence off: a duplicate beyond the window',
        narration: 'Without sequence numbers the stale copy is simply appended at offset 8: message 1 twice.',
        rule: 'No PID: the broker appends every batch it gets',
      },
      'why-at-most-5-in-flight': {
        title: 'Why in-flight must be ≤ 5',
        narration: 'With more than 5 requests in flight, a retry the producer itself sends could fall outside the broker’s 5-batch window. So Kafka refuses the setting: the producer does not start.',
        rule: 'max.in.flight.requests.per.connection ≤ 5 with enable.idempotence=true (ConfigException; KAFKA-5494)',
      },
    },
  },
  'broker-restart': {
    steps: {
      'acks-are-held-up': {
        title: 'Acks are held up',
        narration: 'Messages 4 and 5 are written, but their acks are stuck on a slow return path.',
        rule: 'acks=all',
      },
      'broker-restarts-from-snapshot': {
        title: 'After a clean shutdown the broker restarts from its snapshot',
        narration: 'The broker was shut down cleanly (as in a rolling restart), which writes a producer-state snapshot at the log end. A snapshot keeps only the last batch per producer: it remembers sequence 4 but has forgotten sequence 3.',
        rule: 'Clean shutdown: a snapshot at the log end (UnifiedLog.close) stores only the last batch per producer',
        question: {
          prompt: 'After the clean restart, how many of this producer’s batches does the broker still remember?',
          answers: ['All 5', 'Only the last one', 'None'],
          explanation: 'The producer state is loaded from the snapshot written at shutdown, which keeps only the last batch per producer, and there is no log after it to replay: the dedup window is now 1 batch wide.',
        },
      },
      'retry-message-4-not-recognised': {
        title: 'The retry of message 4 is not recognised',
        narration: 'Sequence 3 is neither a cached batch nor the next sequence after 4: OUT_OF_ORDER_SEQUENCE_NUMBER.',
        rule: 'Broker append rules 1 and 5',
      },
      'producer-bumps-epoch': {
        title: 'The producer bumps its epoch',
        narration: 'Message 4 is the next sequence after the last ack, so the producer concludes the gap is real, bumps its epoch and renumbers messages 4 and 5 as sequences 0 and 1.',
        rule: 'KIP-360 epoch bump',
      },
      'duplicates-even-idempotence': {
        title: 'Duplicates, even with idempotence on',
        narration: 'Messages 4 and 5 are written a second time in epoch 1. With max.in.flight.requests.per.connection = 1 only the last batch would ever need deduplication, and it survives the restart.',
        rule: 'Clean shutdown: the dedup window shrinks to the last batch',
      },
      'crash-replays-log': {
        title: 'A crash instead: the log is replayed',
        narration: 'The same story, but the broker is killed. A crash writes no snapshot: on restart the broker loads its newest snapshot (none yet, so offset 0) and replays every batch written after it.',
        rule: 'Crash recovery: UnifiedLog.rebuildProducerState loads the newest snapshot, then replays the log after it',
        question: {
          prompt: 'After the crash, how many of this producer’s batches does the broker remember?',
          answers: ['All 5', 'Only the last one', 'None'],
          explanation: 'Replaying the log adds each batch to the producer’s cache again, as a follower does while replicating, so all five cached batches come back. A crash shrinks the window only when the newest snapshot is recent (log.roll.ms: a snapshot at every segment roll).',
        },
      },
      'crash-retry-recognised': {
        title: 'After the crash the retry is recognised',
        narration: 'The retry of message 4 (sequence 3) is in the rebuilt cache: a duplicate, not written again, answered with its original offset 3. Messages 4 and 5 are in the log once: exactly once.',
        rule: 'Broker append rule 1: a cached batch is a duplicate',
      },
    },
  },
  'kafka-versions': {
    steps: {
      'today-bump-duplicates': {
        title: 'Kafka 4.0: bump the epoch and carry on',
        narration: 'The clean restart left one cached batch, so the retry of message 4 is OUT_OF_ORDER_SEQUENCE_NUMBER. Since 2.5 the producer bumps its epoch and resends 4 and 5 as new: duplicates, and no error.',
        rule: 'KIP-360 (2.5): local epoch bump',
      },
      'kafka-2-4-resets-id': {
        title: 'Kafka 2.4: fail and reset the producer id',
        narration: 'Same faults on 2.4. Message 4 is in the log, yet the application gets an error; message 5’s retry, under the old id, is recognised.',
        rule: 'Before KIP-360: TransactionManager.resetProducerId',
        question: {
          prompt: 'Kafka 2.4 has no epoch bump. What does the producer do with the OUT_OF_ORDER_SEQUENCE_NUMBER?',
          answers: ['Retries message 4 with the same numbers', 'Fails message 4 and asks for a new producer id', 'Closes the producer'],
          explanation: 'The batch fails with OutOfOrderSequenceException and the producer drops its id and sequence numbers, then fetches a new id: no duplicate, but an error for a message that was written.',
        },
      },
      'kafka-1-0-duplicate-sequence': {
        title: 'Kafka 1.0.0: DUPLICATE_SEQUENCE_NUMBER',
        narration: 'A 1.0.0 broker answers a copy older than its cache with DUPLICATE_SEQUENCE_NUMBER, which the client takes as success with offset −1: no duplicate, no error, no offset. From 1.1 it is OUT_OF_ORDER_SEQUENCE_NUMBER.',
        rule: 'DUPLICATE_SEQUENCE_NUMBER: 1.0.0–1.0.1 only (KAFKA-6683)',
      },
      'kafka-0-11-one-in-flight': {
        title: 'Kafka 0.11: one batch cached, one in flight',
        narration: '0.11 cached one batch per producer and so required max.in.flight.requests.per.connection = 1: only the last batch can need deduplication, and it survives the restart. 1.0 allowed 5 in flight with a five-batch cache.',
        rule: 'KAFKA-5494 (1.0): in-flight 1 → 5',
      },
    },
  },
  'producer-restart': {
    steps: {
      'message-1-written-ack-slow': {
        title: 'Message 1 is written, the ack is slow',
        narration: 'The broker writes message 1 under producer id 1000, but the ack is held up on the way back.',
        rule: 'acks=all',
      },
      'application-crashes': {
        title: 'The application crashes',
        narration: 'It never saw the ack, so after the restart it does not know whether message 1 was written, and sends it again.',
        rule: 'At-least-once sending by the application',
      },
      'new-producer-new-id': {
        title: 'A new producer, a new id',
        narration: 'Without a transactional.id, the restarted producer gets a brand-new producer id. The broker has no history for it.',
        rule: 'Restart without transactional.id: new PID',
        question: {
          prompt: 'The restarted application asks for a producer id. What does it get?',
          answers: ['The same id 1000, so the broker can deduplicate', 'A new id the broker has never seen', 'No id: idempotence is disabled after a crash'],
          explanation: 'Every idempotent producer instance gets a fresh PID. A stable transactional.id brings back the same PID, but with a higher epoch, and the new epoch clears the broker’s batch cache: even then the re-send would not be recognised.',
        },
      },
      'message-1-written-twice': {
        title: 'Message 1 is written twice',
        narration: 'An unknown producer’s first sequence is always accepted, so message 1 is written again. Idempotence protects retries within one producer session only.',
        rule: 'Broker append rule 3: unknown producer, any firstSeq accepted; transactions abort the old instance’s copy instead, or use an idempotent consumer',
      },
    },
  },
  'client-side-dedup': {
    steps: {
      'client-not-know': {
        title: 'The client does not know',
        narration: 'The ack for message 1 is lost. The write happened, but the client only knows that it sent message 1, not whether it was written.',
        rule: 'NETWORK_EXCEPTION (Kafka: “The server disconnected before a response was received.”): the append may or may not have happened',
        question: {
          prompt: 'Suppose the client keeps a set of message ids it has already sent and drops any retry whose id is in the set. What happens here?',
          answers: ['Correct: the retry is dropped and message 1 is in the log once', 'The retry is dropped; that is only right by luck'],
          explanation: 'Here the write happened, so dropping the retry happens to be right. But the client could not have known: it chose blindly.',
        },
      },
      'same-symptom-request-lost': {
        title: 'Same symptom, request lost',
        narration: 'Now the request is lost instead (the lost-request scenario). The client sees exactly the same broken connection.',
        rule: 'Lost request and lost ack are indistinguishable to the client',
        question: {
          prompt: 'With the same “sent ids” set, what happens to message 1 when the request was lost?',
          answers: ['It is written once', 'It is lost: the set drops the only retry'],
          explanation: 'The broker never saw message 1. Dropping the retry because its id is “already sent” loses the message for good.',
        },
      },
      'keeping-retry-means-duplicate': {
        title: 'Keeping the retry means a duplicate',
        narration: 'If the client keeps the retry instead, the lost-ack case writes message 1 twice. Either choice is wrong in one of the two cases. Only the broker knows what it wrote, so only the broker can deduplicate.',
        rule: 'Idempotence is broker-side: PID + epoch + sequence (KIP-98)',
      },
    },
  },
  'new-producer-reorder': {
    steps: {
      'message-1-refused': {
        title: 'Message 1 is refused',
        narration: 'A fresh producer sends messages 1 and 2 together. Message 1 is refused with NOT_ENOUGH_REPLICAS: nothing written.',
        rule: 'NOT_ENOUGH_REPLICAS (19)',
      },
      'message-2-goes-first': {
        title: 'Message 2 goes first',
        narration: 'The broker has never seen this producer id, and an unknown producer’s first sequence is accepted. Message 2 (sequence 1) is written first.',
        rule: 'Broker append rule 3: unknown producer, any firstSeq (KAFKA-8710)',
        question: {
          prompt: 'Message 2 carries sequence 1, but sequence 0 was never written. Does the broker accept it?',
          answers: ['No: OUT_OF_ORDER_SEQUENCE_NUMBER', 'Yes: an unknown producer’s first sequence is accepted'],
          explanation: 'Since Kafka 2.5 any first sequence from an unknown producer is accepted. That is the hole KAFKA-15591 describes.',
        },
      },
      'message-1-lost-idempotence': {
        title: 'Message 1 is lost, with idempotence on',
        narration: 'Every retry of sequence 0 is now out of order, and it is not the next sequence after the last ack, so no epoch bump happens. delivery.timeout.ms runs out.',
        rule: 'KAFKA-15591',
      },
    },
  },
  'producer-expiry': {
    steps: {
      'ack-stuck': {
        title: 'The ack is stuck',
        narration: 'Message 1 is written, but the ack is held up on a stalled link.',
        rule: 'request.timeout.ms',
      },
      'broker-forgets-producer': {
        title: 'The broker forgets the producer',
        narration: 'producer.id.expiration.ms is 1 s here. The producer has been idle longer than that, so the broker drops its sequence history.',
        rule: 'producer.id.expiration.ms (KIP-854)',
      },
      'retry-accepted-new': {
        title: 'The retry is accepted as new',
        narration: 'The retry now comes from an “unknown” producer, so it is accepted: a duplicate even with idempotence on. Keep producer.id.expiration.ms ≥ delivery.timeout.ms.',
        rule: 'Broker append rule 3; producer.id.expiration.ms ≥ delivery.timeout.ms',
        question: {
          prompt: 'The broker has forgotten producer 1000. What happens to the retry of message 1?',
          answers: ['Recognised as a duplicate', 'Accepted and written again', 'Rejected with OUT_OF_ORDER_SEQUENCE_NUMBER'],
          explanation: 'With no state for this producer id, any first sequence is accepted, so the retry is written a second time.',
        },
      },
    },
  },
  ...CONSUMER_LESSON_STEPS_EN,
  ...TXN_LESSON_STEPS_EN,
};

import type { EnglishLessonWords } from './language';

/** The consumer-side lessons' step words in English, each step under its id in `CONSUMER_LESSONS`. */
export const CONSUMER_LESSON_STEPS_EN: Record<string, EnglishLessonWords> = {
  'consumer-commit-order': {
    steps: {
      'effect-then-commit': {
        title: 'Process, then commit',
        narration: 'The consumer writes message 1’s effect to the database first, and only then commits offset 1: the position of the next record to read.',
        rule: 'commitSync() after processing; the committed offset is the next record to read, not the last one read',
      },
      'restart-position': {
        title: 'Where does the new process start?',
        narration: 'The consumer crashed after message 2’s effect and before committing offset 2. The new process asks the coordinator for the committed offset: 1. Message 2 will be read again.',
        rule: 'OffsetFetch: a restarted consumer resumes at the group’s committed offset',
        question: {
          prompt: 'Crash after message 2’s effect, before its commit. Which record does the new process read first?',
          answers: ['Offset 1: message 2', 'Offset 2: message 3', 'Offset 0: message 1'],
          explanation: 'Only offset 1 was committed. Everything after the last commit is read again, so message 2 comes back: with commit after processing nothing is lost, but a message may be processed twice (at-least-once).',
        },
      },
      'at-least-once': {
        title: 'At-least-once delivery',
        narration: 'The database now holds message 2’s effect twice. Committing after processing is at-least-once: no loss, but duplicates after a crash.',
        rule: 'enable.auto.commit=false, commit after processing: at-least-once',
        sayNext: 'Now the other order: commit first, then process.',
      },
      'commit-first-restart': {
        title: 'Commit first: where does it start this time?',
        narration: 'This consumer committed offset 2 as soon as it polled message 2, then crashed before processing it. The new process starts at offset 2: message 2 is never processed.',
        rule: 'Commit before processing: at-most-once',
        question: {
          prompt: 'Offset 2 is committed on poll, then a crash before processing. What becomes of message 2?',
          answers: ['Processed after the restart', 'Never processed', 'Sent back to the producer'],
          explanation: 'The committed offset already points past message 2, so no member reads it again. Committing before processing is at-most-once: no duplicates, but a crash loses messages.',
        },
      },
    },
  },
  'consumer-crash-between-effect-and-commit': {
    steps: {
      'effect-committed': {
        title: 'Message 2’s effect is in the database',
        narration: 'The database commits message 2’s effect. The consumer has not committed offset 2 yet: the effect and the offset commit are two different systems.',
        rule: 'The effect (database) and the offset (__consumer_offsets) are not committed atomically',
      },
      crash: {
        title: 'The process crashes before its commit',
        narration: 'The consumer dies between the two commits. What it held in memory is gone; the group still believes the old member owns partition 0 until its session times out.',
        rule: 'A crash sends no LeaveGroup: the coordinator waits for session.timeout.ms',
      },
      'old-member-removed': {
        title: 'The restarted process waits',
        narration: 'The old member sent no heartbeat within session.timeout.ms (6 s here), so the coordinator removes it and gives partition 0 to the new member.',
        rule: 'session.timeout.ms; the old member’s commits are refused from now on (UNKNOWN_MEMBER_ID)',
        question: {
          prompt: 'The new process has joined. Why does the group wait about 6 s to give it partition 0?',
          answers: ['The old member’s session must time out', 'The database is down', 'The producer retries'],
          explanation: 'The crashed process never said goodbye. Only when session.timeout.ms passes without a heartbeat does the coordinator remove it and rebalance.',
        },
      },
      'database-after-restart': {
        title: 'The database after the restart',
        narration: 'The new member starts at the committed offset 1 and processes message 2 again: its effect is in the database twice.',
        rule: 'At-least-once delivery to the application',
        question: {
          prompt: 'The new member starts at offset 1. How many effects of message 2 will the database hold?',
          answers: ['One', 'Two', 'None'],
          explanation: 'The first effect was committed before the crash; the redelivered record is processed from scratch, with no deduplication: a second effect.',
        },
      },
      verdict: {
        title: 'Exactly once in the log, twice in the database',
        narration: 'The outcome shows both verdicts: the log holds each message once, but the effects table holds message 2 twice.',
        rule: 'End-to-end exactly-once needs the consumer’s side too',
      },
    },
  },
  'consumer-slow-poll-rebalance': {
    steps: {
      'slow-record': {
        title: 'Message 2 takes 1.5 s longer',
        narration: 'Consumer 1 starts processing message 2, which takes 1,500 ms longer than usual. Consumer 2 is in the group too, with no partition.',
        rule: 'max.poll.interval.ms=1000: the longest allowed time between two poll() calls',
      },
      'no-poll': {
        title: '1000 ms without poll()',
        narration: 'The heartbeat thread sees no poll() for more than max.poll.interval.ms and makes consumer 1 leave the group, although the process is alive.',
        rule: 'max.poll.interval.ms (KIP-62): a live but stuck consumer leaves the group',
        question: {
          prompt: 'Consumer 1 has not called poll() for over 1000 ms. What does its heartbeat thread do?',
          answers: ['Nothing: heartbeats keep it in', 'Leaves the group', 'Kills the process'],
          explanation: 'Since KIP-62 heartbeats alone do not keep a member in the group: if poll() is not called within max.poll.interval.ms, the member leaves and its partitions are reassigned.',
        },
      },
      takeover: {
        title: 'Consumer 2 takes over at offset 1',
        narration: 'Partition 0 goes to consumer 2, which starts at the committed offset 1 and processes message 2, while consumer 1 is still busy with it.',
        rule: 'Rebalance: the new owner resumes at the committed offset',
      },
      'late-commit': {
        title: 'Consumer 1 finishes, late',
        narration: 'Consumer 1 finally writes message 2’s effect (a duplicate) and tries to commit offset 2. It is no longer in the group: the commit fails with CommitFailedException.',
        rule: 'CommitFailedException; ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID fence a member that has left',
        question: {
          prompt: 'Consumer 1 finishes message 2 and commits offset 2. What does the commit get?',
          answers: ['Success', 'CommitFailedException', 'Success after a rebalance'],
          explanation: 'Consumer 1 left the group. Its commit is refused, but its effect is already in the database: message 2 was applied twice, once by each member.',
        },
      },
    },
  },
  'consumer-memory-dedup': {
    steps: {
      'memory-set': {
        title: 'Processed ids kept in memory',
        narration: 'After each effect the consumer adds the message id to a set in its own memory, and skips any id it has already seen.',
        rule: 'An in-process set of processed ids',
      },
      crash: {
        title: 'The process crashes after message 2’s effect',
        narration: 'The process dies before committing offset 2. Its memory, the seen-set included, is gone with it.',
        rule: 'Process memory does not survive a crash',
      },
      'message-2-returns': {
        title: 'Message 2 comes back',
        narration: 'The new process starts with an empty set, so message 2 looks new: its effect is written a second time.',
        rule: 'Dedup state must be as durable as the effect',
        question: {
          prompt: 'The new process reads message 2 again. What does its in-memory set say?',
          answers: ['Seen: skip it', 'Nothing: it is empty', 'It reloads from the broker'],
          explanation: 'The set lived in the crashed process. The new one starts empty, so message 2 is processed again: a duplicated effect.',
        },
      },
    },
  },
  'consumer-processed-id-transaction': {
    steps: {
      'separate-transactions': {
        title: 'Effect and processed id in two transactions',
        narration: 'Here the consumer writes message 2’s effect in one transaction and marks message 2 processed in the next one.',
        rule: 'Processed-id table written after the effect, separately',
      },
      'two-transactions-return': {
        title: 'Message 2 comes back: two transactions',
        narration: 'The crash fell between the two transactions: the effect is in the database, the processed id is not. The check finds nothing, and the effect is written again.',
        rule: 'A crash between two transactions leaves the first without the second',
        question: {
          prompt: 'Crash between the two transactions; message 2 comes back. What does the check find?',
          answers: ['Marked processed: skip', 'No mark: effect again', 'The database refuses'],
          explanation: 'The mark was never written. Dedup by processed id only works if the id and the effect commit together.',
        },
        sayNext: 'Now the same crash with the processed id in the effect’s transaction (an inbox table).',
      },
      'one-transaction': {
        title: 'One transaction: effect and processed id together',
        narration: 'Now the check, the effect and the processed id are one database transaction: either all of them are committed or none.',
        rule: 'Inbox pattern: the processed id in the same transaction as the effect',
      },
      'one-transaction-return': {
        title: 'Message 2 comes back: one transaction',
        narration: 'The redelivered message 2 is found in the processed-id table and skipped: its effect stays in the database once.',
        rule: 'Atomic effect + processed id: exactly-once effects on top of at-least-once delivery',
        question: {
          prompt: 'Same crash, one transaction for effect and id. Message 2 comes back: what happens?',
          answers: ['Effect written again', 'Found and skipped', 'Lost'],
          explanation: 'The effect and the mark were committed together before the crash, so the check finds message 2 and skips it.',
        },
      },
    },
  },
  'consumer-message-state-machine': {
    steps: {
      received: {
        title: 'Each message’s state is persisted',
        narration: 'Before anything else the consumer records message 1 as received in the database; then processing, then done together with its effect.',
        rule: 'A per-message state machine in the database: received → processing → done',
      },
      'crash-after-commit': {
        title: 'Offset 2 committed, then a crash',
        narration: 'This consumer commits before processing. It commits offset 2, then crashes: message 2 is only received. With commit before processing alone this would lose it.',
        rule: 'Commit before processing',
      },
      outage: {
        title: 'The database goes down for a while',
        narration: 'The database is unreachable for 300 ms. Nothing is lost: whatever was committed is still there when it comes back.',
        rule: 'Durable state survives an outage',
      },
      recovery: {
        title: 'Before the first poll',
        narration: 'Before polling, the new process asks the database for unfinished messages: message 2 is still received, so it finishes it first.',
        rule: 'Recovery from persisted state, not from the committed offset',
        question: {
          prompt: 'The new process starts at offset 2, past message 2. What does its scan for unfinished messages find?',
          answers: ['Nothing: offset 2 is committed', 'Message 2, not done', 'Message 3'],
          explanation: 'Message 2’s persisted state is received, not done. The state machine in the database, not the offset, decides what is left to do.',
        },
      },
      done: {
        title: 'Message 2 done, once',
        narration: 'Message 2 moves to processing, then done together with its effect in one transaction. Every message’s effect is in the database exactly once.',
        rule: 'Effect and state done in one transaction',
      },
    },
  },
  'consumer-idempotent-producer-not-enough': {
    steps: {
      'retry-recognised': {
        title: 'The producer’s retry is recognised',
        narration: 'The ack of message 1 was lost and the producer retried. Idempotence is on: the broker recognises the retry, and the log holds message 1 once.',
        rule: 'enable.idempotence=true: exactly-once in the log',
      },
      'after-restart': {
        title: 'After the consumer’s restart',
        narration: 'The consumer crashed after message 2’s effect and before its commit. The new process reads message 2 again and writes its effect again.',
        rule: 'The producer’s idempotence ends at the log',
        question: {
          prompt: 'No duplicates in the log; a crash after message 2’s effect. How many effects of message 2?',
          answers: ['One', 'Two', 'None'],
          explanation: 'The broker deduplicates the producer’s retries; it knows nothing about the consumer’s database. A redelivered record is processed again unless the application deduplicates.',
        },
      },
      'two-verdicts': {
        title: 'Two verdicts',
        narration: 'The outcome shows exactly-once in the log but not in the effects. Exactly-once end to end needs deduplication in the application too (or Kafka transactions for a consume-transform-produce loop).',
        rule: 'End-to-end: idempotent producer + idempotent or transactional consumer',
      },
    },
  },
};

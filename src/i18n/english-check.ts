/**
 * Finds English words left in a Chinese text. Kafka's own names are allowed: configuration names and error
 * codes (anything with a dot, an underscore or a digit, or in capitals), and the protocol terms the lab keeps in
 * every language. Used by the unit tests and the browser test of the Chinese interface.
 */
export const ALLOWED_WORDS: ReadonlySet<string> = new Set([
  // Protocol terms and names kept as Kafka spells them
  'Kafka',
  'Broker',
  'epoch',
  'seq',
  'acks',
  'retries',
  'all',
  'true',
  'false',
  'InitProducerId',
  'TimeoutException',
  'ConfigException',
  'firstSeq',
  'lastSeq',
  'maybeResolveSequences',
  'truncateAndReload',
  'send',
  // Replication, as Kafka names it
  'Leader',
  'leader',
  'follower',
  'Controller',
  'controller',
  'high',
  'watermark',
  'offset',
  'unclean',
  'broker-restart',
  'broker-kill',
  'follower-isolate',
  'ZooKeeper',
  'KRaft',
  // The consumer side, as Kafka names it
  'JoinGroup',
  'NoOffsetForPartitionException',
  'CommitFailedException',
  'commitSync',
  'poll',
  'commitAsync',
  'upsert',
  'inbox',
  'id',
  // Transactions, as Kafka names them (the scenario section keeps its file name)
  'transactions',
  'Produce',
  'EndTxn',
  'initTransactions',
  'AddPartitionsToTxn',
  'AddOffsetsToTxn',
  'TxnOffsetCommit',
  'OffsetFetch',
  'Fetch',
  'sendOffsetsToTransaction',
  'commitTransaction',
  'abortTransaction',
  'beginTransaction',
  'requireStable',
  // The transaction coordinator's states (TransactionMetadata), as the statechart names them
  'Empty',
  'Ongoing',
  'PrepareCommit',
  'PrepareAbort',
  'CompleteCommit',
  'CompleteAbort',
  'PrepareEpochFence',
  'Dead',
  // Units and variables
  'ms',
  's',
  't',
  'e',
  'm',
  'P',
  // Key names
  'Space',
  'Home',
  'End',
  'Enter',
  'Esc',
  'Page',
  'Down',
  'Up',
  'Ctrl',
  'C',
  // The language control is bilingual on purpose
  'Language',
  'English',
]);

function allowed(word: string): boolean {
  if (ALLOWED_WORDS.has(word)) return true;
  if (/[._=\d]/.test(word)) return true; // enable.idempotence, acks=all, OUT_OF_ORDER_SEQUENCE_NUMBER, P1000, KIP-360
  if (word.length >= 2 && word === word.toUpperCase()) return true; // PID, ID, NONE, SVG, JSON
  return false;
}

/** The English words in `text` that are not allowed in the Chinese interface (each listed once). */
export function leftoverEnglish(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9_.=]*(?:-[A-Za-z0-9_.=]+)*/g)) {
    const word = m[0].replace(/\.+$/, '');
    if (word && !allowed(word)) found.add(word);
  }
  return [...found];
}

/** True when the text has at least one CJK character. */
export function hasChinese(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

/**
 * The text without its field paths (`cursor：`, `scenario.producer.acks：`): a problem names the field as the file
 * or link spells it, in every language.
 */
export function withoutFieldPaths(text: string): string {
  return text.replace(/[A-Za-z][\w.[\]-]*(?=：)/g, '');
}

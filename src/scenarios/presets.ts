import { parseScenario } from '../sim/scenario/parse';
import type { Scenario } from '../sim/scenario/schema';
import lostAck from './presets/lost-ack.json';
import lostRequest from './presets/lost-request.json';
import delayedOriginal from './presets/delayed-original.json';
import reorderInFlight from './presets/reorder-in-flight.json';
import stalledConnection from './presets/stalled-connection.json';
import sequenceGapEpochBump from './presets/sequence-gap-epoch-bump.json';
import beyondDedupWindow from './presets/beyond-dedup-window.json';
import brokerRestart from './presets/broker-restart.json';
import brokerCrash from './presets/broker-crash.json';
import producerRestart from './presets/producer-restart.json';
import producerExpiry from './presets/producer-expiry.json';
import newProducerReorder from './presets/new-producer-reorder.json';
import failoverRetryRecognised from './presets/failover-retry-recognised.json';
import failoverAcks1Loss from './presets/failover-acks1-loss.json';
import consumerCrashBeforeCommit from './presets/consumer-crash-before-commit.json';
import consumerCommitBeforeProcessing from './presets/consumer-commit-before-processing.json';
import consumerSlowProcessingRebalance from './presets/consumer-slow-processing-rebalance.json';
import consumerDedupInMemoryRestart from './presets/consumer-dedup-in-memory-restart.json';
import consumerDedupSameTransaction from './presets/consumer-dedup-same-transaction.json';
import consumerMessageStateMachine from './presets/consumer-message-state-machine.json';
import txnMarkersTakeOffsets from './presets/txn-markers-take-offsets.json';
import txnAbortReadCommitted from './presets/txn-abort-read-committed.json';
import txnZombieFencing from './presets/txn-zombie-fencing.json';
import txnConsumeTransformProduceCrash from './presets/txn-consume-transform-produce-crash.json';
import txnTimeoutAbort from './presets/txn-timeout-abort.json';
import txnHangingLso from './presets/txn-hanging-lso.json';

export interface Preset {
  id: string;
  scenario: Scenario;
}

/** In teaching order: simplest story first. */
const FILES: readonly unknown[] = [
  lostAck,
  lostRequest,
  delayedOriginal,
  reorderInFlight,
  stalledConnection,
  sequenceGapEpochBump,
  beyondDedupWindow,
  brokerRestart,
  brokerCrash,
  producerRestart,
  producerExpiry,
  newProducerReorder,
  failoverRetryRecognised,
  failoverAcks1Loss,
  // The consumer side (scenario version 2): what happens after the broker's log.
  consumerCrashBeforeCommit,
  consumerCommitBeforeProcessing,
  consumerSlowProcessingRebalance,
  consumerDedupInMemoryRestart,
  consumerDedupSameTransaction,
  consumerMessageStateMachine,
  // Kafka transactions (scenario version 3): exactly-once across consume-transform-produce, and where it stops.
  txnMarkersTakeOffsets,
  txnAbortReadCommitted,
  txnZombieFencing,
  txnConsumeTransformProduceCrash,
  txnTimeoutAbort,
  txnHangingLso,
];

/** Every preset, validated at load; a broken preset file fails loudly in tests, not silently in the UI. */
export const PRESETS: readonly Preset[] = FILES.map((file) => {
  const parsed = parseScenario(file);
  if (!parsed.ok) throw new Error(`preset: ${parsed.errors.join('; ')}`);
  return { id: parsed.scenario.id, scenario: parsed.scenario };
});

export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

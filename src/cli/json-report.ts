import { checkTrace } from '../sim/trace/checker';
import type { Trace } from '../sim/trace/types';
import { explainAnomaly, summarise } from '../i18n/explain';
import { explainEffectAnomaly, summariseEffects } from '../i18n/explain-effects';
import { configProblemText } from '../i18n/facts';
import { explainTxnAnomaly, summariseTransactions } from '../i18n/explain-txn';

/**
 * The JSON document of `--json`: stable field names for scripts and course material. The trace and the outcome carry
 * facts (rule ids, error codes, anomaly causes with their numbers); the English renderings sit beside them
 * (`configError`, `outcome.explanation`, each anomaly's `explanation`).
 */
export function toJsonReport(trace: Trace) {
  const outcome = checkTrace(trace);
  return {
    kafkaVersion: trace.scenario.kafkaVersion,
    scenario: trace.scenario,
    configError: trace.configError === null ? null : configProblemText('en', trace.configError),
    configProblem: trace.configError,
    outcome: {
      ...outcome,
      explanation: summarise('en', outcome),
      anomalies: outcome.anomalies.map((a) => ({ ...a, explanation: explainAnomaly('en', a) })),
      ...(outcome.effects
        ? {
            effects: {
              ...outcome.effects,
              explanation: summariseEffects('en', outcome.effects),
              anomalies: outcome.effects.anomalies.map((a) => ({ ...a, explanation: explainEffectAnomaly('en', a) })),
            },
          }
        : {}),
      ...(outcome.transactions
        ? {
            transactions: {
              ...outcome.transactions,
              explanation: summariseTransactions('en', outcome.transactions),
              anomalies: outcome.transactions.anomalies.map((a) => ({ ...a, explanation: explainTxnAnomaly('en', a) })),
            },
          }
        : {}),
    },
    log: trace.log.map((r) => ({ offset: r.offset, producerId: r.pid, epoch: r.epoch, sequence: r.seq, messageId: r.message, t: r.t })),
    events: trace.events,
    ...(trace.database ? { database: trace.database } : {}),
    ...(trace.partitions ? { partitions: trace.partitions } : {}),
  };
}

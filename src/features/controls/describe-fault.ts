import type { Translate } from '../../i18n/t';
import { translator } from '../../i18n/t';
import type { Fault } from '../../sim/scenario/schema';

/** A scripted fault in one line, in the interface language (English by default). */
export function describeFault(f: Fault, t: Translate = translator('en')): string {
  const text = describeKind(f, t);
  return 'instance' in f && f.instance > 1 ? t('fault.instance', { text, n: f.instance }) : text;
}

function describeKind(f: Fault, t: Translate): string {
  switch (f.kind) {
    case 'lose-request':
      return t('fault.loseRequest', { m: f.message, a: f.attempt });
    case 'lose-response':
      return t('fault.loseResponse', { m: f.message, a: f.attempt });
    case 'delay-request':
      return t('fault.delayRequest', { ms: f.delayMs, m: f.message, a: f.attempt });
    case 'stall':
      return t(f.direction === 'request' ? 'fault.stallRequest' : 'fault.stallResponse', { ms: f.durationMs, m: f.message, a: f.attempt });
    case 'error-reply':
      return t('fault.errorReply', { error: f.error, m: f.message, a: f.attempt });
    case 'broker-restart':
      return t(f.shutdown === 'clean' ? 'fault.brokerRestart.clean' : 'fault.brokerRestart.crash', { at: f.atMs, down: f.downMs });
    case 'producer-restart':
      return t('fault.producerRestart', { at: f.atMs, down: f.downMs });
    case 'broker-kill':
      return f.downMs === undefined ? t('fault.brokerKill', { b: f.broker, at: f.atMs }) : t('fault.brokerKillRestart', { b: f.broker, at: f.atMs, down: f.downMs });
    case 'follower-isolate':
      return t('fault.followerIsolate', { b: f.broker, at: f.atMs, ms: f.durationMs });
    case 'consumer-crash':
      return t('fault.consumerCrash', { at: t(`crashPoint.${f.at}`), m: f.message, copy: f.copy });
    case 'slow-processing':
      return t(f.stall === 'slow' ? 'fault.slowProcessing.slow' : 'fault.slowProcessing.pause', { ms: f.durationMs, m: f.message, copy: f.copy });
    case 'lose-commit-response':
      return t('fault.loseCommitResponse', { n: f.commit });
    case 'database-outage':
      return t('fault.databaseOutage', { at: f.atMs, down: f.downMs });
    case 'member-join':
      return t('fault.memberJoin', { at: f.atMs });
    case 'txn-crash':
      return t('fault.txnCrash', { n: f.txn, at: t(`txnPoint.${f.at}`), down: f.downMs });
    case 'txn-zombie':
      return t('fault.txnZombie', { n: f.txn, at: t(`txnPoint.${f.at}`), ms: f.pauseMs, takeover: f.takeoverMs });
    case 'txn-abort':
      return t('fault.txnAbort', { n: f.txn });
    case 'lose-endtxn-response':
      return t('fault.loseEndTxnResponse', { n: f.txn });
    case 'delay-produce':
      return t('fault.delayProduce', { n: f.txn, ms: f.delayMs });
    case 'txn-idle':
      return t('fault.txnIdle', { n: f.txn, ms: f.idleMs });
    case 'coordinator-restart':
      return t('fault.coordinatorRestart', { at: f.atMs, down: f.downMs });
  }
}

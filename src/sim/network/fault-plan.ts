import type { Stream } from '../kernel/rng';
import { errorReplyPossible, possibleErrorReplies } from '../protocol/error-replies';
import type { BrokerErrorFault, Fault, FaultRates, ProducerConfig } from '../scenario/schema';

export type RequestFate =
  | { kind: 'deliver' }
  | { kind: 'lose' }
  | { kind: 'delay'; delayMs: number }
  | { kind: 'stall'; durationMs: number };

export type ResponseFate = { kind: 'deliver' } | { kind: 'lose' } | { kind: 'stall'; durationMs: number };

export interface FaultPlan {
  requestFate(message: number, attempt: number, instance: number): RequestFate;
  responseFate(message: number, attempt: number, instance: number): ResponseFate;
  /** An error reply for this request instead of normal handling; only errors that its `acks` allow (§1.7). */
  brokerError(message: number, attempt: number, instance: number, acks: ProducerConfig['acks']): BrokerErrorFault | null;
}

/** Draw keys: each kind of fault has its own slot, so the draws never depend on each other. */
const SLOT = { loseRequest: 1, loseResponse: 2, delay: 3, stall: 4, error: 5, errorKind: 6 } as const;

/**
 * Scripted faults name a logical message and attempt ("lose the response to message 3, attempt 1"), so they
 * mean the same thing with idempotence on or off. Random faults are keyed the same way through the faults
 * stream. A scripted fault for a packet takes precedence over a random one.
 */
export function createFaultPlan(scripted: readonly Fault[], rates: FaultRates, faults: Stream): FaultPlan {
  const byPacket = new Map<string, Fault[]>();
  for (const f of scripted) {
    if (!('attempt' in f)) continue;
    const key = `${f.message}:${f.attempt}:${f.instance}`;
    const list = byPacket.get(key) ?? [];
    list.push(f);
    byPacket.set(key, list);
  }
  const scriptedFor = (message: number, attempt: number, instance: number) => byPacket.get(`${message}:${attempt}:${instance}`) ?? [];
  const roll = (rate: number, message: number, attempt: number, instance: number, slot: number) =>
    rate > 0 && faults.at(message, attempt, instance, slot) < rate;

  return {
    requestFate(message, attempt, instance) {
      for (const f of scriptedFor(message, attempt, instance)) {
        if (f.kind === 'lose-request') return { kind: 'lose' };
        if (f.kind === 'delay-request') return { kind: 'delay', delayMs: f.delayMs };
        if (f.kind === 'stall' && f.direction === 'request') return { kind: 'stall', durationMs: f.durationMs };
      }
      if (roll(rates.loseRequest, message, attempt, instance, SLOT.loseRequest)) return { kind: 'lose' };
      if (roll(rates.delayRequest, message, attempt, instance, SLOT.delay)) return { kind: 'delay', delayMs: rates.delayMs };
      if (roll(rates.stall, message, attempt, instance, SLOT.stall)) return { kind: 'stall', durationMs: rates.stallMs };
      return { kind: 'deliver' };
    },
    responseFate(message, attempt, instance) {
      for (const f of scriptedFor(message, attempt, instance)) {
        if (f.kind === 'lose-response') return { kind: 'lose' };
        if (f.kind === 'stall' && f.direction === 'response') return { kind: 'stall', durationMs: f.durationMs };
      }
      if (roll(rates.loseResponse, message, attempt, instance, SLOT.loseResponse)) return { kind: 'lose' };
      return { kind: 'deliver' };
    },
    brokerError(message, attempt, instance, acks) {
      // A scenario with a scripted error its acks cannot produce is refused when it is read (parseScenario).
      for (const f of scriptedFor(message, attempt, instance)) {
        if (f.kind === 'error-reply' && errorReplyPossible(f.error, acks)) return f.error;
      }
      // Whether a request gets an error reply does not depend on acks; which one is drawn from those acks allow,
      // with the same keyed draw, so no other packet's fate moves.
      if (roll(rates.errorReply, message, attempt, instance, SLOT.error)) {
        const possible = possibleErrorReplies(acks);
        const pick = Math.floor(faults.at(message, attempt, instance, SLOT.errorKind) * possible.length);
        return possible[pick] ?? null;
      }
      return null;
    },
  };
}

/** Latency for one packet, keyed by its identity on the network stream. */
export function latencyMs(network: Stream, min: number, max: number, keys: readonly number[]): number {
  if (max <= min) return min;
  return min + Math.floor(network.at(...keys) * (max - min + 1));
}

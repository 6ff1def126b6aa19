import type { Stream } from '../kernel/rng';
import { CRASH_POINTS, type ConsumerFaultRates, type CrashPoint, type Fault } from '../scenario/schema';

/** Keys that set the consumer side's random draws apart from the producer side's in the faults stream. */
const CRASH_SLOT = 0x7c01;
const CRASH_POINT_SLOT = 0x7c02;
const COMMIT_SLOT = 0x7c03;

export interface ConsumerFaultPlan {
  crashAt(message: number, copy: number, point: CrashPoint): { downMs: number; random: boolean } | null;
  slowness(message: number, copy: number): { extraMs: number; stall: 'slow' | 'pause' } | null;
  loseCommitResponse(commit: number): boolean;
}

/**
 * The consumer faults of a run: scripted ones by message and delivery (or by commit number), random ones drawn from
 * the faults stream keyed by the same identity, so a draw never depends on what happened before it. A random crash
 * picks one point per delivery.
 */
export function createConsumerFaultPlan(scripted: readonly Fault[], rates: ConsumerFaultRates | undefined, faults: Stream, restartMs: number): ConsumerFaultPlan {
  const crashes = new Map<string, { downMs: number }>();
  const slow = new Map<string, { extraMs: number; stall: 'slow' | 'pause' }>();
  const lostCommits = new Set<number>();
  for (const f of scripted) {
    if (f.kind === 'consumer-crash') crashes.set(`${f.message}:${f.copy}:${f.at}`, { downMs: f.downMs ?? restartMs });
    else if (f.kind === 'slow-processing') slow.set(`${f.message}:${f.copy}`, { extraMs: f.durationMs, stall: f.stall });
    else if (f.kind === 'lose-commit-response') lostCommits.add(f.commit);
  }
  const crashRate = rates?.crash ?? 0;
  const commitRate = rates?.loseCommitResponse ?? 0;
  return {
    crashAt(message, copy, point) {
      const hit = crashes.get(`${message}:${copy}:${point}`);
      if (hit) return { downMs: hit.downMs, random: false };
      if (crashRate > 0 && faults.at(message, copy, CRASH_SLOT) < crashRate) {
        const drawn = CRASH_POINTS[Math.floor(faults.at(message, copy, CRASH_POINT_SLOT) * CRASH_POINTS.length)]!;
        if (drawn === point) return { downMs: restartMs, random: true };
      }
      return null;
    },
    slowness(message, copy) {
      return slow.get(`${message}:${copy}`) ?? null;
    },
    loseCommitResponse(commit) {
      return lostCommits.has(commit) || (commitRate > 0 && faults.at(commit, COMMIT_SLOT) < commitRate);
    },
  };
}

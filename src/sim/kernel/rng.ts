/**
 * Seeded randomness, split into independent streams.
 *
 * Two kinds of draw:
 * - `next()`: a sequential stream (mulberry32), used where the order of draws is fixed by the scenario alone
 *   (the workload).
 * - `at(...keys)`: a counter-based draw, a pure hash of (seed, stream, keys). The network and fault streams key
 *   their draws by a packet's logical identity (message, attempt, direction), so turning idempotence on or off,
 *   or adding one scripted fault, never shifts which other packets are dropped or how long they take.
 */

export type StreamName = 'workload' | 'network' | 'faults';

export interface Stream {
  /** Next value in [0, 1) of this stream's sequence. */
  next(): number;
  /** A value in [0, 1) that depends only on the seed, the stream and the keys. */
  at(...keys: number[]): number;
}

const STREAM_SALT: Record<StreamName, number> = { workload: 0x9e3779b9, network: 0x85ebca6b, faults: 0xc2b2ae35 };

/** The murmur3 finaliser: a fast, well-mixed 32-bit hash step. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashKeys(seed: number, salt: number, keys: readonly number[]): number {
  let h = fmix32((seed ^ salt) >>> 0);
  for (const k of keys) h = fmix32((h ^ Math.imul((k | 0) + 0x27d4eb2f, 0x165667b1)) >>> 0);
  return h;
}

/** https://gist.github.com/tommyettinger/46a874533244883189143505d203312c (mulberry32) */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createStream(seed: number, name: StreamName): Stream {
  const salt = STREAM_SALT[name];
  const seq = mulberry32(hashKeys(seed, salt, []));
  return {
    next: seq,
    at: (...keys) => hashKeys(seed, salt, keys) / 4294967296,
  };
}

export interface Rng {
  workload: Stream;
  network: Stream;
  faults: Stream;
}

export function createRng(seed: number): Rng {
  return { workload: createStream(seed, 'workload'), network: createStream(seed, 'network'), faults: createStream(seed, 'faults') };
}

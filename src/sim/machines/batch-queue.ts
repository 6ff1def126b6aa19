import type { Batch } from './producer-model';

/**
 * The partition's deque of batches waiting to be sent (RecordAccumulator's per-partition deque): batches waiting
 * for another attempt at the front, then batches never sent, oldest first. Kept as two lists because a long run
 * can have thousands of unsent batches while retries come and go at the front.
 */
export class BatchQueue {
  private retries: Batch[] = [];
  private fresh: Batch[] = [];
  private head = 0;

  get size(): number {
    return this.retries.length + this.unsent;
  }

  /** Batches in the queue that have never been sent. */
  get unsent(): number {
    return this.fresh.length - this.head;
  }

  peek(): Batch | undefined {
    return this.retries[0] ?? this.fresh[this.head];
  }

  shift(): Batch | undefined {
    if (this.retries.length > 0) return this.retries.shift();
    const b = this.fresh[this.head];
    if (b === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.fresh.length) {
      this.fresh = this.fresh.slice(this.head);
      this.head = 0;
    }
    return b;
  }

  pushFresh(b: Batch): void {
    this.fresh.push(b);
  }

  /**
   * Puts a batch back for another attempt: in sequence order with idempotence (insertInSequenceOrder), otherwise
   * at the very front (addFirst).
   */
  insertRetry(b: Batch, bySequence: boolean): void {
    if (!bySequence) {
      this.retries.unshift(b);
      return;
    }
    let at = 0;
    while (at < this.retries.length && this.retries[at]!.baseSeq < b.baseSeq) at++;
    this.retries.splice(at, 0, b);
  }

  remove(b: Batch): boolean {
    const r = this.retries.indexOf(b);
    if (r >= 0) {
      this.retries.splice(r, 1);
      return true;
    }
    const f = this.fresh.indexOf(b, this.head);
    if (f < 0) return false;
    this.fresh.splice(f, 1);
    return true;
  }

  find(id: number): Batch | undefined {
    for (const b of this.retries) if (b.id === id) return b;
    for (let i = this.head; i < this.fresh.length; i++) if (this.fresh[i]!.id === id) return this.fresh[i];
    return undefined;
  }

  toArray(): Batch[] {
    return [...this.retries, ...this.fresh.slice(this.head)];
  }
}

// Records the webhook fast path last read or wrote, with the row version they had. A cached entry is
// only ever a guess: every write that uses one compares the version in the same statement, and a
// mismatch (another process or path changed the record) rolls the write back and evicts the entry.
// A Map in insertion order is the LRU; nothing here needs a library's eviction policies.
import type { BillingRecord } from '../billing/record.ts';

export type CachedRecord = { record: BillingRecord; version: number };

export class RecordCache {
  readonly #max: number;
  readonly #entries = new Map<string, CachedRecord>();

  constructor(max: number) {
    this.#max = max;
  }

  get(stripeCustomerId: string): CachedRecord | undefined {
    const hit = this.#entries.get(stripeCustomerId);
    if (hit) {
      this.#entries.delete(stripeCustomerId);
      this.#entries.set(stripeCustomerId, hit);
    }
    return hit;
  }

  set(stripeCustomerId: string, entry: CachedRecord): void {
    if (this.#max === 0) return;
    this.#entries.delete(stripeCustomerId);
    this.#entries.set(stripeCustomerId, entry);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  delete(stripeCustomerId: string): void {
    this.#entries.delete(stripeCustomerId);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

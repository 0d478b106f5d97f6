// Records the webhook fast path last read or wrote, with the row version they had. A cached entry is
// only ever a guess: every write that uses one compares the version in the same statement, and a
// mismatch (another process or path changed the record) rolls the write back and evicts the entry.
// A Map in insertion order is the LRU; nothing here needs a library's eviction policies.
//
// An entry may also hold no record, only the fact that the customer's row exists: the record moved
// on elsewhere (the locking path wrote it, or a batch with it failed), so the next batch must read
// it, and must not take a late or redelivered `customer.created` for a new customer (ingest-batch.ts
// would insert it, fail its assert and pay a retry of the whole batch).
import type { BillingRecord } from '../billing/record.ts';

export type CachedRecord = { record: BillingRecord; version: number };

/** The row exists; its record and version are not known here. */
const ROW_EXISTS = null;

export class RecordCache {
  readonly #max: number;
  readonly #entries = new Map<string, CachedRecord | typeof ROW_EXISTS>();

  constructor(max: number) {
    this.#max = max;
  }

  /** The cached record and its version; undefined when not cached (or only known to exist). */
  get(stripeCustomerId: string): CachedRecord | undefined {
    const hit = this.#entries.get(stripeCustomerId);
    if (hit !== undefined) {
      this.#entries.delete(stripeCustomerId);
      this.#entries.set(stripeCustomerId, hit);
    }
    return hit ?? undefined;
  }

  /** Whether this process knows the customer's row exists (a cached record, or a row written elsewhere). */
  rowExists(stripeCustomerId: string): boolean {
    return this.#entries.has(stripeCustomerId);
  }

  set(stripeCustomerId: string, entry: CachedRecord): void {
    this.#put(stripeCustomerId, entry);
  }

  /** The locking path wrote this customer's row: forget the record, remember that the row exists. */
  written(stripeCustomerId: string): void {
    this.#put(stripeCustomerId, ROW_EXISTS);
  }

  /**
   * The cached record may be out of date (a batch using it failed): forget it. A row this process
   * knew of still exists, so that knowledge stays; an unknown customer stays unknown.
   */
  forget(stripeCustomerId: string): void {
    if (this.#entries.has(stripeCustomerId)) this.#put(stripeCustomerId, ROW_EXISTS);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #put(stripeCustomerId: string, entry: CachedRecord | typeof ROW_EXISTS): void {
    if (this.#max === 0) return;
    this.#entries.delete(stripeCustomerId);
    this.#entries.set(stripeCustomerId, entry);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}

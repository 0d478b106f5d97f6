// Group commit for webhook events. A delivery that finds the database idle is written at once, as a
// batch of one; deliveries that arrive while batches are in flight wait (never longer than the batch
// ahead of them takes) and go together in the next statement. At low rates this adds no delay; at
// high rates it turns N round trips into one. Batches in flight at once never share a customer, so
// they cannot contend for a row inside this process.
import { customerIdOf, type StripeEventLike } from '../billing/reduce.ts';
import { type IngestResult, ingestEvent } from './ingest.ts';
import { disputeCustomer, ingestBatch } from './ingest-batch.ts';

type Pending = {
  event: StripeEventLike;
  /** The delivery's raw body, stored as the payload instead of serialising the event again. */
  raw: string | undefined;
  customer: string | null;
  /** A dispute naming only its charge: it may change any record. */
  barrier: boolean;
  resolve(r: IngestResult): void;
  reject(e: Error): void;
};

export type Ingestor = { submit(event: StripeEventLike, raw?: string): Promise<IngestResult> };

type IngestorDeps = Parameters<typeof ingestBatch>[0];

export function createIngestor(deps: IngestorDeps): Ingestor {
  if (!deps.config.INGEST_FAST_PATH) return { submit: (event) => ingestEvent(deps, event, 'webhook') };
  return new IngestBatcher(deps, deps.config.INGEST_BATCH_MAX, deps.config.INGEST_CONCURRENCY);
}

export class IngestBatcher implements Ingestor {
  readonly #queue: Pending[] = [];
  readonly #busy = new Set<string>();
  #running = 0;
  #exclusive = false;

  constructor(
    private readonly deps: IngestorDeps,
    private readonly maxBatch: number,
    private readonly concurrency: number,
    /** The batch writer; tests pass their own to observe how deliveries are grouped. */
    private readonly write: typeof ingestBatch = ingestBatch,
    /** The customer a dispute's payment is registered to, if any (tests pass their own). */
    private readonly disputeOwner: (event: StripeEventLike) => Promise<string | null> = (e) =>
      disputeCustomer(deps, e),
  ) {}

  async submit(event: StripeEventLike, raw?: string): Promise<IngestResult> {
    let customer = customerIdOf(event);
    // A dispute names only its charge. Once a record has registered that payment, the ref is that
    // customer's for good (payment_refs never moves one), so the dispute is an ordinary event of
    // that customer; otherwise it may have to wait for its payment, which the locking path decides.
    const dispute = !customer && event.type === 'charge.dispute.created';
    if (dispute) customer = await this.disputeOwner(event);
    return new Promise((resolve, reject) => {
      this.#queue.push({ event, raw, customer, barrier: dispute && !customer, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.concurrency && this.#queue.length > 0) {
      const batch = this.#take();
      if (batch.length === 0) return;
      this.#running += 1;
      void this.#run(batch).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }

  /**
   * The oldest deliveries whose customers no batch in flight holds, in arrival order. A dispute that
   * names no customer (only its charge) may change any record, so it is a barrier:
   * it waits for the batches in flight, runs alone, and nothing starts until it is done.
   */
  #take(): Pending[] {
    if (this.#exclusive) return [];
    const head = this.#queue[0];
    if (head?.barrier) {
      if (this.#running > 0) return [];
      this.#queue.shift();
      this.#exclusive = true;
      return [head];
    }
    const batch: Pending[] = [];
    const claimed = new Set<string>();
    for (let i = 0; i < this.#queue.length && batch.length < this.maxBatch; ) {
      const p = this.#queue[i]!;
      if (p.barrier) break;
      if (p.customer && this.#busy.has(p.customer)) {
        i++;
        continue;
      }
      if (p.customer) claimed.add(p.customer);
      batch.push(p);
      this.#queue.splice(i, 1);
    }
    for (const c of claimed) this.#busy.add(c);
    return batch;
  }

  async #run(batch: Pending[]): Promise<void> {
    try {
      const results = await this.write(
        this.deps,
        batch.map((p) => p.event),
        'webhook',
        batch.map((p) => p.customer),
        batch.map((p) => p.raw),
      );
      batch.forEach((p, i) => {
        const r = results[i]!;
        if (r instanceof Error) p.reject(r);
        else p.resolve(r);
      });
    } catch (err) {
      for (const p of batch) p.reject(err instanceof Error ? err : new Error(String(err)));
    } finally {
      for (const p of batch) {
        if (p.customer) this.#busy.delete(p.customer);
        if (p.barrier) this.#exclusive = false;
      }
    }
  }
}

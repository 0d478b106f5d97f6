// Group commit for webhook events. A delivery that finds the database idle is written at once, as a
// batch of one; deliveries that arrive while batches are in flight wait (never longer than the batch
// ahead of them takes) and go together in the next statement. At low rates this adds no delay; at
// high rates it turns N round trips into one. Batches in flight at once never share a customer, so
// they cannot contend for a row inside this process.
import { customerIdOf, type StripeEventLike } from '../billing/reduce.ts';
import { type IngestResult, ingestEvent } from './ingest.ts';
import { ingestBatch } from './ingest-batch.ts';

type Pending = {
  event: StripeEventLike;
  customer: string | null;
  /** A dispute naming only its charge: it may change any record. */
  barrier: boolean;
  resolve(r: IngestResult): void;
  reject(e: Error): void;
};

export type Ingestor = { submit(event: StripeEventLike): Promise<IngestResult> };

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
  ) {}

  submit(event: StripeEventLike): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      const customer = customerIdOf(event);
      const barrier = !customer && event.type === 'charge.dispute.created';
      this.#queue.push({ event, customer, barrier, resolve, reject });
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

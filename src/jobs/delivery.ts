// The contract between the worker and the effect handlers: what a handler gets, what it returns,
// and how it says "try again later" versus "this will never work".
import type { Db, Tx } from '../db/client.ts';
import type { Job } from '../db/schema/index.ts';
import type { Clock } from '../deps.ts';
import type { Log } from '../ops/logger.ts';
import type { JobKind } from './catalogue.ts';

export type JobContext = {
  job: Job;
  db: Db;
  clock: Clock;
  log: Log;
  /** Aborts the handler's HTTP call well before the job's lease runs out. */
  signal: AbortSignal;
};

export type DeliveryOutcome = 'delivered' | 'recorded_locally';

export type Delivered = {
  outcome: DeliveryOutcome;
  /** A short note for the effect log (a contact id, "already sent"). Never a secret. */
  detail?: string;
  /**
   * Writes that belong with "this job is done" (a CRM contact id back onto the record, a local
   * delivery row); run in the same transaction that marks the job done, so they land together.
   */
  commit?: (tx: Tx) => Promise<void>;
};

export type Handler = (ctx: JobContext) => Promise<Delivered>;
export type Adapters = Record<JobKind, Handler>;

/**
 * A failed delivery. `retryable` failures go back to the queue with backoff until the budget runs
 * out; permanent ones (a 400 from the target, a disabled endpoint) are dead-lettered at once,
 * because retrying a request the target has refused as malformed only delays the person who must
 * fix it.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly opts: { retryAfterMs?: number; outcome?: 'disabled' } = {},
  ) {
    super(message);
  }

  static retry(message: string, retryAfterMs?: number): DeliveryError {
    return new DeliveryError(message, true, { retryAfterMs });
  }

  static permanent(message: string): DeliveryError {
    return new DeliveryError(message, false);
  }

  static disabled(message: string): DeliveryError {
    return new DeliveryError(message, false, { outcome: 'disabled' });
  }
}

/** Unexpected errors (a bug, the database) are retried: the budget still bounds them. */
export function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  return DeliveryError.retry(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}

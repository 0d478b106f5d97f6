// The outbox worker: claims due jobs (SKIP LOCKED + a lease), runs each through its kind's handler,
// and records the outcome: done, retry with backoff, or dead letter. Any number of workers, in any
// number of processes, can run side by side on one database.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Job } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { createAdapters, describeTargets } from './adapters.ts';
import { retryDelayMs } from './backoff.ts';
import { isJobKind } from './catalogue.ts';
import { type Adapters, asDeliveryError, type Delivered, type DeliveryError } from './delivery.ts';
import { claimJobs, hasOutstandingJobs, outboxStats } from './job-store.ts';
import { type RetryDelay, recordFailure, recordSuccess } from './outcome.ts';
import { createWakeSignal, type Listener, listenForJobs } from './wakeup.ts';

export type WorkerDeps = Pick<Deps, 'db' | 'dbHandle' | 'config' | 'clock' | 'log' | 'metrics'>;

export type WorkerOptions = {
  adapters: Adapters;
  /** Jobs run at once by this worker. */
  concurrency?: number;
  /** How long a claimed job is ours; after that another worker may retake it (we crashed). */
  leaseMs?: number;
  /** Idle poll while no notification can wake us (PGlite, listener down). */
  pollMs?: number;
  /** Idle poll while LISTEN is active: only a safety net (retries coming due, a lost NOTIFY). */
  listenPollMs?: number;
  workerId?: string;
  /** LISTEN for new jobs where the driver allows it (neon); default true. */
  listen?: boolean;
  /** A handler's HTTP call is aborted after this; kept well inside the lease. */
  timeoutMs?: number;
  /** Tests shorten backoff; production uses the catalogue's budgets with jitter. */
  retryDelay?: RetryDelay;
  /** How often the running loop refreshes the outbox gauges. */
  statsMs?: number;
};

export type Worker = {
  readonly id: string;
  /** True while a LISTEN connection is up (neon): new jobs then wake the worker at once. */
  readonly listening: boolean;
  start(): Promise<void>;
  /** Stops claiming and waits for the jobs in flight to finish. */
  stop(): Promise<void>;
  /** Test helper: claims and runs until no job is pending or running (or the timeout passes). */
  drain(opts?: { timeoutMs?: number }): Promise<void>;
};

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function createWorker(deps: WorkerDeps, opts: WorkerOptions): Worker {
  const id = opts.workerId ?? newWorkerId();
  const concurrency = opts.concurrency ?? 4;
  const leaseMs = opts.leaseMs ?? 30_000;
  const pollMs = opts.pollMs ?? 25;
  const listenPollMs = opts.listenPollMs ?? 500;
  const timeoutMs = opts.timeoutMs ?? Math.min(15_000, Math.floor(leaseMs / 2));
  const retryDelay =
    opts.retryDelay ?? ((attempt, budget, retryAfterMs) => retryDelayMs(attempt, budget, { retryAfterMs }));
  const { db, log, metrics, clock } = deps;
  const wake = createWakeSignal();
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let listener: Listener | undefined;

  function track(p: Promise<void>): void {
    inFlight.add(p);
    void p.finally(() => {
      inFlight.delete(p);
      wake.fire();
    });
  }

  /** Claims as many jobs as there is room for and starts them; the number claimed. */
  async function fill(): Promise<number> {
    const room = concurrency - inFlight.size;
    if (room <= 0) return 0;
    const claimed = await claimJobs(db, id, room, leaseMs);
    for (const job of claimed) track(runJob(job));
    return claimed.length;
  }

  async function runJob(job: Job): Promise<void> {
    const t0 = performance.now();
    let result: Delivered | undefined;
    let failure: DeliveryError | undefined;
    try {
      const handler = isJobKind(job.kind) ? opts.adapters[job.kind] : undefined;
      if (!handler) throw new Error(`no handler for kind ${job.kind}`);
      result = await handler({ job, db, clock, log, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      failure = asDeliveryError(err);
    }
    const latencyMs = performance.now() - t0;
    try {
      if (result) await recordSuccess(deps, id, job, result, latencyMs);
      else if (failure) await recordFailure(deps, id, job, failure, latencyMs, retryDelay);
    } catch (err) {
      // The lease runs out and another claim retries the job; the handlers are idempotent.
      log.error({ err, jobId: job.id, kind: job.kind }, 'could not record a job outcome');
    }
  }

  async function refreshStats(): Promise<void> {
    const s = await outboxStats(db);
    metrics.outboxDepth.set(s.depth);
    metrics.outboxOldestAge.set(s.oldestAgeSeconds);
  }

  async function runLoop(): Promise<void> {
    let statsAt = 0;
    while (running) {
      let claimed = 0;
      try {
        claimed = await fill();
        if (Date.now() - statsAt >= (opts.statsMs ?? 5_000)) {
          statsAt = Date.now();
          await refreshStats();
        }
      } catch (err) {
        log.error({ err }, 'job claim failed; retrying');
        await wake.wait(Math.max(pollMs, 1_000));
        continue;
      }
      // Found work and have room: look again at once. Otherwise sleep until a job finishes, a
      // NOTIFY arrives, or the poll interval passes.
      if (claimed > 0 && inFlight.size < concurrency) continue;
      await wake.wait(listener?.active ? listenPollMs : pollMs);
    }
  }

  return {
    id,
    get listening() {
      return listener?.active ?? false;
    },
    async start() {
      if (running) return;
      running = true;
      const url = deps.config.DATABASE_URL;
      if (opts.listen !== false && deps.dbHandle.driver === 'neon' && url) {
        listener = listenForJobs({ url, wsProxy: deps.config.DATABASE_WS_PROXY }, () => wake.fire(), log);
      }
      loop = runLoop();
      log.info(
        { workerId: id, concurrency, leaseMs, targets: describeTargets(deps.config) },
        'worker started',
      );
    },
    async stop() {
      running = false;
      wake.fire();
      await loop;
      await Promise.all([...inFlight]);
      await listener?.close();
      listener = undefined;
      log.info({ workerId: id }, 'worker stopped');
    },
    async drain({ timeoutMs: limit = 30_000 } = {}) {
      const deadline = Date.now() + limit;
      for (;;) {
        if ((await fill()) > 0) continue;
        if (inFlight.size > 0) {
          await Promise.race(inFlight);
          continue;
        }
        if (!(await hasOutstandingJobs(db))) return;
        if (Date.now() > deadline) throw new Error(`drain: jobs still outstanding after ${limit} ms`);
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
  };
}

/** The worker `npm start` runs in-process (WORKER_ENABLED), wired into startService's lifecycle. */
export async function startWorker(
  deps: WorkerDeps,
  overrides: Partial<WorkerOptions> = {},
): Promise<{ stop(): Promise<void> }> {
  if (!deps.config.WORKER_ENABLED) return { stop: async () => {} };
  const worker = createWorker(deps, {
    adapters: createAdapters(deps),
    concurrency: deps.config.WORKER_CONCURRENCY,
    ...overrides,
  });
  await worker.start();
  return worker;
}

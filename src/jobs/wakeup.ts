// How a waiting worker learns of new work: a wake signal fired by its own finished jobs and by
// NOTIFY (enqueue.ts) where the driver can LISTEN; a poll timeout covers everything else (retries
// coming due, a lost connection, PGlite, a pooled Neon endpoint that does not relay notifications).
import { Client } from '@neondatabase/serverless';
import { applyNeonLocalConfig, neonLocalConfig } from '../db/ws-proxy.ts';
import type { Log } from '../ops/logger.ts';
import { JOBS_CHANNEL } from './enqueue.ts';

export type WakeSignal = {
  /** Resolves on the next fire() or after ms, whichever comes first. */
  wait(ms: number): Promise<void>;
  fire(): void;
};

export function createWakeSignal(): WakeSignal {
  let pending = false;
  let resolvers: (() => void)[] = [];
  return {
    wait(ms) {
      // A fire() while nobody waited is kept, so a notification between two waits is not lost.
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          resolvers = resolvers.filter((r) => r !== done);
          resolve();
        }
        resolvers.push(done);
      });
    },
    fire() {
      if (resolvers.length === 0) pending = true;
      for (const r of resolvers) r();
    },
  };
}

export type Listener = { readonly active: boolean; close(): Promise<void> };

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to other queries). It reconnects
 * with a growing pause after a drop; meanwhile `active` is false and the worker polls faster.
 */
export function listenForJobs(
  db: { url: string; wsProxy?: string },
  onNotify: () => void,
  log: Log,
): Listener {
  let client: Client | undefined;
  let active = false;
  let closed = false;
  let pause = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const c = new Client({ connectionString: db.url });
    // The same per-connection proxy settings db/client.ts gives its pool (DATABASE_WS_PROXY).
    if (db.wsProxy) applyNeonLocalConfig(c.neonConfig, localConfig(db.wsProxy));
    client = c;
    c.on('notification', (m) => {
      if (m.channel === JOBS_CHANNEL) onNotify();
    });
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'job listener connection failed; polling until it is back');
      retry(c);
    });
    c.on('end', () => retry(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${JOBS_CHANNEL}`);
      if (client !== c) return;
      active = true;
      pause = 250;
      // Anything enqueued while we were not listening is due now.
      onNotify();
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'job listener could not connect');
      retry(c);
    }
  };

  const retry = (c: Client) => {
    c.end().catch(() => {});
    // Late events of a connection already given up on must not schedule a second one.
    if (client !== c) return;
    client = undefined;
    active = false;
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, pause);
    pause = Math.min(pause * 2, 10_000);
  };

  void connect();
  return {
    get active() {
      return active;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      active = false;
      await client?.end().catch(() => {});
    },
  };
}

function localConfig(wsProxy: string) {
  const i = wsProxy.lastIndexOf(':');
  return neonLocalConfig(Number(wsProxy.slice(i + 1)), wsProxy.slice(0, i));
}

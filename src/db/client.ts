// Two drivers behind one `Db` type: PGlite (embedded, tests) and the Neon serverless Pool over
// WebSocket (production; also plain PostgreSQL through a loopback WebSocket-to-TCP proxy).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { neonConfig, Pool } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { CoalescingWebSocket } from './coalescing-websocket.ts';
import * as schema from './schema/index.ts';
import { applyNeonLocalConfigToPool, neonLocalConfig } from './ws-proxy.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; domain functions accept `Db | Tx` as their first argument. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  driver: 'pglite' | 'neon';
  /** Raw SQL on the underlying client (migrations, truncation in tests, LISTEN where available). */
  exec(statement: string): Promise<void>;
  /**
   * One parameterised statement; with `name`, a prepared statement on the Neon driver (parsed and
   * planned once per connection instead of on every call). PGlite runs it unnamed.
   */
  query<Row>(text: string, params: unknown[], name?: string): Promise<Row[]>;
  /** Runs fn while holding a cluster-wide lock, so concurrent starts migrate once. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DbOptions =
  | { driver: 'pglite'; dataDir: string | 'memory' }
  | { driver: 'neon'; url: string; wsProxy?: string; max?: number };

export async function createDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.driver === 'pglite') {
    let client: PGlite;
    if (opts.dataDir === 'memory') client = new PGlite();
    else {
      const dir = resolve(opts.dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
      client = new PGlite(dir);
    }
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      driver: 'pglite',
      exec: async (s) => {
        await client.exec(s);
      },
      query: async <Row>(text: string, params: unknown[]) => (await client.query<Row>(text, params)).rows,
      // PGlite is single-connection and single-process: nothing to race with.
      withMigrationLock: (fn) => fn(),
      close: () => client.close(),
    };
  }
  neonConfig.webSocketConstructor = CoalescingWebSocket;
  // Batching is ours (one frame per query, no timer): see coalescing-websocket.ts.
  neonConfig.coalesceWrites = false;
  // A bounded wait for a connection: during an outage requests fail (5xx, Stripe retries) instead
  // of queueing forever behind a pool that cannot connect.
  const pool = new SessionKeepingPool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  if (opts.wsProxy) {
    const [host, port] = splitHostPort(opts.wsProxy);
    applyNeonLocalConfigToPool(pool, {
      ...neonLocalConfig(port, host),
      webSocketConstructor: CoalescingWebSocket,
    });
  }
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // A checked-out client whose socket dies emits 'error' on itself; its query already rejects, so
  // the event must not become an uncaught exception that takes the process down.
  pool.on('connect', (client: { on(event: 'error', fn: () => void): unknown }) =>
    client.on('error', () => {}),
  );
  const db = drizzleNeon({ client: pool, schema }) as unknown as Db;
  return {
    db,
    driver: 'neon',
    exec: async (s) => {
      await pool.query(s);
    },
    query: async <Row>(text: string, params: unknown[], name?: string) =>
      (await pool.query({ text, values: params, ...(name && { name }) })).rows as Row[],
    withMigrationLock: async (fn) => {
      // Session-level advisory lock held on one dedicated connection while migrate uses others.
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock(72635410)');
        return await fn();
      } finally {
        await lock.query('select pg_advisory_unlock(72635410)').catch(() => {});
        lock.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The Neon Pool, except that a failed query closes its connection only when the session is gone.
 * pg-pool's query() releases the client with the query's error, and the pool closes the connection
 * for any error at all, including one the server answered on a healthy session (the fast path's
 * expected LD409 conflict, a unique violation). The next query then waited for a new WebSocket, a
 * new backend and every prepared statement parsed and planned again (~26 ms measured, against
 * 0.4 ms on the kept connection). Every promise-style query goes through here: DbHandle's and
 * drizzle's. The pool still drops a client whose connection broke, whatever it is told.
 */
class SessionKeepingPool extends Pool {
  override query(...args: any[]): any {
    const [config, values] = args;
    // Callbacks and submittables (streams, cursors) keep pg-pool's own handling.
    if (args.some((a) => typeof a === 'function') || typeof config?.submit === 'function') {
      return super.query(...(args as Parameters<Pool['query']>));
    }
    return this.#query(config, values);
  }

  async #query(config: unknown, values: unknown): Promise<unknown> {
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      return await client.query(config as string, values as unknown[]);
    } catch (err) {
      if (!answeredBySession(err)) broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * An error the server sent on a session that goes on: it carries a SQLSTATE, and not one of class 08
 * (connection exception) or 57P (the server is shutting down or the session was ended).
 */
export function answeredBySession(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    /^[0-9A-Z]{5}$/.test(code) &&
    !code.startsWith('08') &&
    !code.startsWith('57P')
  );
}

function splitHostPort(hostPort: string): [string, number] {
  const i = hostPort.lastIndexOf(':');
  return [hostPort.slice(0, i), Number(hostPort.slice(i + 1))];
}

export async function pingDb(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** The rows of a raw `db.execute` result, whichever driver produced it. */
export function rowsOf<Row>(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] }).rows ?? []);
}

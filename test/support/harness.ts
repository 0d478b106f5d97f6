// One database per test file, truncated between tests; the same suites run on PGlite and on real
// PostgreSQL through the Neon driver (skipped, and said so, only when PostgreSQL is unreachable locally).
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Pool } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { createDb, type DbHandle } from '../../src/db/client.ts';
import { migrateDb } from '../../src/db/migrate.ts';
import { applyNeonLocalConfigToPool, neonLocalConfig } from '../../src/db/ws-proxy.ts';
import { type Clock, createDeps, type Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createRedis } from '../../src/ops/redis.ts';
import { testConfig } from './config.ts';
import { CAPTURE_DIR, PG_HOST, PG_PORT, PG_USER } from './services.ts';

export type Driver = 'pglite' | 'neon';
export const DRIVERS: Driver[] = ['pglite', 'neon'];

export type Harness = {
  driver: Driver;
  deps: Deps;
  config: Config;
  app: ReturnType<typeof createApp>;
  /** Log lines written while this harness lived (already redacted, as they would reach stdout). */
  logs: string[];
  /** The connection string of this file's throwaway database (neon driver only). */
  databaseUrl?: string;
  reset(): Promise<void>;
  close(): Promise<void>;
};

export type HarnessOptions = {
  driver?: Driver;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logLevel?: string;
};

export function driverAvailable(driver: Driver): boolean {
  return driver === 'pglite' || inject('pgAvailable');
}

/** Creates a throwaway database on the local PostgreSQL (through the Neon driver) and returns its URL. */
export async function createThrowawayDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const [proxyHost, proxyPort] = inject('wsProxy').split(':') as [string, string];
  const admin = applyNeonLocalConfigToPool(
    new Pool({ connectionString: `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/postgres`, max: 1 }),
    neonLocalConfig(Number(proxyPort), proxyHost),
  );
  const name = `ledgerdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  return {
    url: `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/${name}`,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    },
  };
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const driver = opts.driver ?? 'pglite';
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
  let dbHandle: DbHandle;
  const env: Record<string, string | undefined> = { LOG_LEVEL: opts.logLevel ?? 'info', ...opts.env };
  if (driver === 'neon') {
    throwaway = await createThrowawayDatabase();
    env.DATABASE_URL = throwaway.url;
    env.DATABASE_WS_PROXY = inject('wsProxy');
    dbHandle = await createDb({ driver: 'neon', url: throwaway.url, wsProxy: inject('wsProxy') });
  } else {
    dbHandle = await createDb({ driver: 'pglite', dataDir: 'memory' });
  }
  const config = testConfig(env);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      capture('log', String(chunk));
      cb();
    },
  });
  const log = createLogger({ level: config.LOG_LEVEL, secrets: config.secretValues, destination: sink });
  const deps = await createDeps(config, { dbHandle, log, clock: opts.clock, redis: createRedis(config) });
  await migrateDb(dbHandle);
  const tables = await listTables(dbHandle);
  const app = createApp(deps);
  captureResponses(app);
  return {
    driver,
    deps,
    config,
    app,
    logs,
    databaseUrl: throwaway?.url,
    reset: async () => {
      if (tables.length > 0)
        await dbHandle.exec(`truncate table ${tables.join(', ')} restart identity cascade`);
      logs.length = 0;
      deps.recordCache.clear();
    },
    close: async () => {
      await dbHandle.close();
      await throwaway?.drop();
    },
  };
}

/**
 * Everything that left the app during the suite — log lines and response bodies — is appended to
 * one file per test process; the global teardown scans them all for configured secret values.
 */
const captureFile = join(CAPTURE_DIR, `${process.pid}.ndjson`);

function capture(kind: 'log' | 'response', text: string): void {
  mkdirSync(CAPTURE_DIR, { recursive: true });
  appendFileSync(captureFile, `${JSON.stringify({ kind, text })}\n`);
}

function captureResponses(app: { request: (...args: never[]) => Response | Promise<Response> }): void {
  const request = app.request.bind(app) as (...args: unknown[]) => Promise<Response>;
  (app as { request: unknown }).request = async (...args: unknown[]) => {
    const res = await request(...args);
    res
      .clone()
      .text()
      .then((body) => capture('response', `${JSON.stringify(Object.fromEntries(res.headers))}\n${body}`))
      .catch(() => {});
    return res;
  };
}

async function listTables(handle: DbHandle): Promise<string[]> {
  const res = (await handle.db.execute(
    sql.raw("select tablename from pg_tables where schemaname = 'public' order by tablename"),
  )) as unknown as { rows: { tablename: string }[] };
  return res.rows.map((r) => `"${r.tablename}"`);
}

/**
 * Declares the same suite once per driver, with a fresh harness per file and a truncate between tests.
 * The neon variant is skipped (visibly, in the reporter) only when PostgreSQL is unreachable locally.
 */
export function describeEachDriver(
  name: string,
  body: (h: () => Harness, driver: Driver) => void,
  opts: Omit<HarnessOptions, 'driver'> = {},
): void {
  for (const driver of DRIVERS) {
    describe.skipIf(!driverAvailable(driver))(`${name} [${driver}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await createHarness({ ...opts, driver });
      });
      afterAll(async () => {
        await harness?.close();
      });
      beforeEach(async () => {
        await harness?.reset();
      });
      body(() => {
        if (!harness) throw new Error('harness not ready');
        return harness;
      }, driver);
    });
  }
}

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createDb } from '../src/db/client.ts';
import { expectedMigrations, migrateDb, migrationsApplied } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';
import { TEST_SECRETS, testConfig } from './support/config.ts';
import { describeEachDriver } from './support/harness.ts';

describeEachDriver('database driver', (h) => {
  it('applies every committed migration and round-trips a query', async () => {
    const { deps } = h();
    expect(await migrationsApplied(deps.dbHandle)).toBe(true);
    expect(expectedMigrations()).toBeGreaterThan(0);
    const res = (await deps.db.execute(
      sql`select ${'round'}::text as word, ${41}::int + 1 as n`,
    )) as unknown as {
      rows: { word: string; n: number }[];
    };
    expect(res.rows[0]).toEqual({ word: 'round', n: 42 });
  });

  it('commits and rolls back interactive transactions', async () => {
    const { deps } = h();
    await deps.db.execute(sql`create temp table if not exists t_probe (v int)`);
    await expect(
      deps.db.transaction(async (tx) => {
        await tx.execute(
          sql`insert into stripe_events (id, type, created, payload, outcome) values ('evt_rb', 't', now(), '{}', 'applied')`,
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await deps.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into stripe_events (id, type, created, payload, outcome) values ('evt_ok', 't', now(), '{}', 'applied')`,
      );
    });
    const res = (await deps.db.execute(sql`select id from stripe_events order by id`)) as unknown as {
      rows: { id: string }[];
    };
    expect(res.rows.map((r) => r.id)).toEqual(['evt_ok']);
  });

  it('running the migrations again is a no-op', async () => {
    await migrateDb(h().deps.dbHandle);
    expect(await migrationsApplied(h().deps.dbHandle)).toBe(true);
  });

  it('GET /readyz is ready while the database answers', async () => {
    const res = await h().app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready' });
  });
});

describe('health and readiness', () => {
  it('GET /healthz answers while the process is up and echoes a request id', async () => {
    const deps = await createDeps(testConfig());
    const res = await createApp(deps).request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    await deps.dbHandle.close();
  });

  it('GET /readyz fails with 503 when the PGlite database is closed', async () => {
    const deps = await createDeps(testConfig());
    await migrateDb(deps.dbHandle);
    const app = createApp(deps);
    expect((await app.request('/readyz')).status).toBe(200);
    await deps.dbHandle.close();
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not_ready', checks: { database: 'unreachable' } });
  });

  it('GET /readyz fails with 503 when the PostgreSQL server cannot be reached (Neon driver)', async () => {
    // Port 1 on loopback: nothing listens there, so every connection attempt fails.
    const config = testConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      DATABASE_WS_PROXY: '127.0.0.1:1',
    });
    const dbHandle = await createDb({
      driver: 'neon',
      url: config.DATABASE_URL!,
      wsProxy: config.DATABASE_WS_PROXY,
    });
    const deps = await createDeps(config, { dbHandle });
    const res = await createApp(deps).request('/readyz');
    expect(res.status).toBe(503);
    await dbHandle.close().catch(() => {});
  });

  it('GET /readyz says migrations are pending on a database that was never migrated', async () => {
    const deps = await createDeps(testConfig());
    await deps.db.execute(sql`create schema if not exists drizzle`);
    await deps.db.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial, hash text, created_at bigint)`,
    );
    const res = await createApp(deps).request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ checks: { migrations: 'pending' } });
    await deps.dbHandle.close();
  });
});

describeEachDriver('logging', (h) => {
  it('redacts authorization, stripe-signature and every configured secret from request logs', async () => {
    const { app, logs } = h();
    await app.request('/healthz?probe=1', {
      headers: {
        authorization: `Bearer ${TEST_SECRETS.HOST_API_KEY}`,
        'stripe-signature': `t=1,v1=${TEST_SECRETS.STRIPE_WEBHOOK_SECRET}`,
        'x-debug': `leak ${TEST_SECRETS.CHAT_JWT_SECRET}`,
      },
    });
    await new Promise((r) => setTimeout(r, 20));
    const out = logs.join('');
    expect(out).toContain('"path":"/healthz"');
    expect(out).toContain('[REDACTED]');
    for (const secret of Object.values(TEST_SECRETS)) expect(out).not.toContain(secret);
  });

  it('renders unknown routes as problem details with the request id', async () => {
    const res = await h().app.request('/nope', { headers: { 'x-request-id': 'req-abcdef123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: 'req-abcdef123' });
  });
});

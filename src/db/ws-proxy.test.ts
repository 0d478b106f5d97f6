import { Client, neonConfig, Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PG_HOST, PG_PORT, PG_USER, reachable } from '../../test/support/services.ts';
import {
  applyNeonLocalConfig,
  applyNeonLocalConfigToPool,
  neonLocalConfig,
  parseTargetAddress,
  startWsProxy,
  type WsProxy,
} from './ws-proxy.ts';

const ci = process.env.CI === 'true';
const pgUp = await reachable(PG_HOST, PG_PORT);
const connectionString = `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/postgres`;

describe('parseTargetAddress', () => {
  it('reads host and port from the address query parameter, including IPv6 forms', () => {
    expect(parseTargetAddress('/v2?address=127.0.0.1:5432')).toEqual({ host: '127.0.0.1', port: 5432 });
    expect(parseTargetAddress('/v2?address=LocalHost:6543')).toEqual({ host: 'localhost', port: 6543 });
    expect(parseTargetAddress('/v2?address=[::1]:5432')).toEqual({ host: '::1', port: 5432 });
    expect(parseTargetAddress('/v2?address=::1:5432')).toEqual({ host: '::1', port: 5432 });
  });

  it('rejects a missing address, a missing port or a port out of range', () => {
    expect(parseTargetAddress('/v2')).toBeUndefined();
    expect(parseTargetAddress('/v2?address=127.0.0.1')).toBeUndefined();
    expect(parseTargetAddress('/v2?address=127.0.0.1:0')).toBeUndefined();
    expect(parseTargetAddress('/v2?address=127.0.0.1:70000')).toBeUndefined();
    expect(parseTargetAddress('/v2?address=:5432')).toBeUndefined();
  });
});

/** Resolves with the HTTP status the proxy answers a WebSocket handshake with (101 when accepted). */
function handshakeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe.skipIf(!pgUp && !ci)('ws-proxy in front of the local PostgreSQL', () => {
  let proxy: WsProxy;
  let pool: Pool;

  beforeAll(async () => {
    if (!pgUp) throw new Error(`CI=true and PostgreSQL is unreachable at ${PG_HOST}:${PG_PORT}`);
    proxy = await startWsProxy();
    pool = applyNeonLocalConfigToPool(new Pool({ connectionString, max: 4 }), neonLocalConfig(proxy.port));
  });

  afterAll(async () => {
    await pool?.end();
    await proxy?.close();
  });

  it('answers a query through a Neon Pool', async () => {
    const { rows } = await pool.query('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('passes parameters and binary-safe text both ways', async () => {
    const { rows } = await pool.query('select $1::int + $2::int as sum, $3::text as text', [
      40,
      2,
      'café ✓ 🧾',
    ]);
    expect(rows).toEqual([{ sum: 42, text: 'café ✓ 🧾' }]);
  });

  it('carries multi-megabyte parameters and rows intact in both directions', async () => {
    const big = 'ledger-'.repeat(400_000); // 2.8 MB up
    const { rows } = await pool.query(
      `select md5($1::text) as sum, length($1::text) as len, repeat('z', 6000000) as down`,
      [big],
    );
    const { createHash } = await import('node:crypto');
    expect(rows[0].sum).toBe(createHash('md5').update(big).digest('hex'));
    expect(rows[0].len).toBe(big.length);
    expect(rows[0].down).toHaveLength(6_000_000);
  });

  it('runs an interactive transaction on one client and rolls it back', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('create temp table ws_proxy_probe (id int primary key, note text)');
      await client.query('insert into ws_proxy_probe values ($1, $2), ($3, $4)', [1, 'a', 2, 'b']);
      const inside = await client.query('select count(*)::int as n from ws_proxy_probe');
      expect(inside.rows[0]).toEqual({ n: 2 });
      await client.query('rollback');
      const after = await client.query(`select to_regclass('pg_temp.ws_proxy_probe') as t`);
      expect(after.rows[0]).toEqual({ t: null });
    } finally {
      client.release();
    }
  });

  it('serves concurrent queries on separate pool clients', async () => {
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect(), pool.connect()]);
    try {
      const results = await Promise.all(
        clients.map((c, i) =>
          c.query('select pg_backend_pid() as pid, $1::int as i from pg_sleep(0.05)', [i]),
        ),
      );
      expect(results.map((r) => r.rows[0].i)).toEqual([0, 1, 2, 3]);
      expect(new Set(results.map((r) => r.rows[0].pid)).size).toBe(4);
    } finally {
      for (const c of clients) c.release();
    }
  });

  it('configures the pool per instance and leaves the global neonConfig alone', () => {
    expect(neonConfig.useSecureWebSocket).toBe(true);
    expect(neonConfig.coalesceWrites).toBe(true);
  });

  it('works for a single Client configured through its own neonConfig', async () => {
    const client = new Client(connectionString);
    applyNeonLocalConfig(client.neonConfig, neonLocalConfig(proxy.port));
    await client.connect();
    try {
      const { rows } = await client.query('select current_user as who');
      expect(rows).toEqual([{ who: PG_USER }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a non-loopback target before connecting anywhere', async () => {
    const base = `ws://127.0.0.1:${proxy.port}/v2?address=`;
    expect(await handshakeStatus(`${base}10.1.2.3:5432`)).toBe(403);
    expect(await handshakeStatus(`${base}db.example.com:5432`)).toBe(403);
    expect(await handshakeStatus(`${base}127.0.0.1:${PG_PORT}`)).toBe(101);

    const remote = new Pool({ connectionString: `postgres://${PG_USER}@10.1.2.3:5432/postgres` });
    applyNeonLocalConfigToPool(remote, neonLocalConfig(proxy.port));
    remote.on('error', () => {});
    await expect(remote.query('select 1')).rejects.toBeDefined();
    await remote.end();
  });

  it('answers 400 without an address and 502 when the target refuses', async () => {
    expect(await handshakeStatus(`ws://127.0.0.1:${proxy.port}/v2`)).toBe(400);
    expect(await handshakeStatus(`ws://127.0.0.1:${proxy.port}/v2?address=127.0.0.1:1`)).toBe(502);
  });

  it('closes open connections when the proxy closes, and the client sees the end', async () => {
    const own = await startWsProxy();
    const client = new Client(connectionString);
    applyNeonLocalConfig(client.neonConfig, neonLocalConfig(own.port));
    await client.connect();
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    client.on('error', () => {});
    await own.close();
    await ended;
    await expect(client.query('select 1')).rejects.toBeDefined();
  });
});

describe('ws-proxy when the database side dies under backpressure', () => {
  it('closes the WebSocket at once, though it had stopped reading it while Postgres was not keeping up', async () => {
    const { createServer } = await import('node:net');
    // A "database" that reads nothing (so the proxy's writes back up and it pauses the WebSocket),
    // then dies.
    const sockets: import('node:net').Socket[] = [];
    const db = createServer((s) => {
      s.pause();
      sockets.push(s);
    });
    await new Promise<void>((r) => db.listen(0, '127.0.0.1', r));
    const dbPort = (db.address() as { port: number }).port;
    const proxy = await startWsProxy();
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}/v2?address=127.0.0.1:${dbPort}`);
      await new Promise((r, j) => ws.once('open', r).once('error', j));
      const chunk = Buffer.alloc(256 * 1024, 7);
      for (let i = 0; i < 64; i++) ws.send(chunk);
      // Long enough for the proxy to fill the socket towards the database and pause.
      await new Promise((r) => setTimeout(r, 300));
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      const t0 = Date.now();
      for (const s of sockets) s.destroy();
      await closed;
      // Without resuming, the proxy never reads the client's closing frame: ws waits 30 s.
      expect(Date.now() - t0).toBeLessThan(3_000);
    } finally {
      await proxy.close();
      await new Promise((r) => db.close(r));
    }
  }, 40_000);
});

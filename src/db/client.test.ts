import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_HOST, PG_PORT, PG_USER, reachable } from '../../test/support/services.ts';
import { answeredBySession, createDb, type DbHandle } from './client.ts';
import { startWsProxy, type WsProxy } from './ws-proxy.ts';

const ci = process.env.CI === 'true';
const pgUp = await reachable(PG_HOST, PG_PORT);

describe('answeredBySession', () => {
  it('tells an error the server answered on a live session from a broken or ended one', () => {
    expect(answeredBySession({ code: '22012' })).toBe(true); // division by zero
    expect(answeredBySession({ code: 'LD409' })).toBe(true); // ledgerdesk_assert
    expect(answeredBySession({ code: '08006' })).toBe(false); // connection failure
    expect(answeredBySession({ code: '57P01' })).toBe(false); // terminated by an administrator
    expect(answeredBySession({ code: 'ECONNRESET' })).toBe(false); // a socket's, not the server's
    expect(answeredBySession(new Error('socket closed'))).toBe(false);
    expect(answeredBySession(null)).toBe(false);
  });
});

describe.skipIf(!pgUp && !ci)('DbHandle.query on the Neon driver, through the proxy, on PostgreSQL', () => {
  let proxy: WsProxy;
  let handle: DbHandle;
  beforeAll(async () => {
    if (!pgUp) throw new Error(`CI=true and PostgreSQL is unreachable at ${PG_HOST}:${PG_PORT}`);
    proxy = await startWsProxy();
    handle = await createDb({
      driver: 'neon',
      url: `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/postgres`,
      wsProxy: `127.0.0.1:${proxy.port}`,
      max: 1,
    });
  });
  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
  });

  const backend = async () =>
    (await handle.query<{ pid: number }>('select pg_backend_pid() as pid', [], 'test_backend_pid_v1'))[0]!
      .pid;

  it('keeps the connection, and its prepared statements, after an error the server answered', async () => {
    const before = await backend();
    await expect(handle.query('select 1 / $1::int as x', [0], 'test_divide_v1')).rejects.toMatchObject({
      code: '22012',
    });
    expect(await backend()).toBe(before);
    // drizzle's queries go through the same pool.
    await expect(handle.db.execute(sql`select 1 / ${0}::int as x`)).rejects.toBeDefined();
    expect(await backend()).toBe(before);
    const [prepared] = await handle.query<{ n: number }>(
      `select count(*)::int as n from pg_prepared_statements where name = 'test_backend_pid_v1'`,
      [],
    );
    expect(prepared!.n).toBe(1);
  });

  it('drops a connection whose session the server ended, and the next statement gets a new one', async () => {
    const before = await backend();
    await expect(handle.query('select pg_terminate_backend(pg_backend_pid())', [])).rejects.toBeDefined();
    const after = await backend();
    expect(after).not.toBe(before);
  });
});

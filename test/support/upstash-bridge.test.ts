import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, reachable } from './services.ts';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge.ts';

const ci = process.env.CI === 'true';
const redisAt = new URL(REDIS_URL);
const redisUp = await reachable(redisAt.hostname, Number(redisAt.port || 6379));
// Unique per run, so parallel runs and leftovers never collide; removed in afterAll.
const prefix = `ledgerdesk:test:bridge:${process.pid}:${Date.now()}:`;

describe.skipIf(!redisUp && !ci)('upstash-bridge in front of the local Redis', () => {
  let bridge: UpstashBridge;
  let redis: Redis;
  /** Auto-pipelining off: every call is a single POST / (the default client batches into /pipeline). */
  let single: Redis;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${bridge.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    if (!redisUp) throw new Error(`CI=true and Redis is unreachable at ${REDIS_URL}`);
    bridge = await startUpstashBridge({ redisUrl: REDIS_URL, token: `bridge-test-${process.pid}` });
    redis = new Redis({ url: bridge.url, token: bridge.token, retry: false });
    single = new Redis({ url: bridge.url, token: bridge.token, retry: false, enableAutoPipelining: false });
  });

  afterAll(async () => {
    if (!redisUp) return;
    const direct = new IORedis(REDIS_URL);
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    await direct.quit();
    await bridge?.close();
  });

  it('round-trips strings, unicode and JSON values through set and get', async () => {
    for (const client of [redis, single]) {
      expect(await client.set(`${prefix}plain`, 'hello')).toBe('OK');
      expect(await client.get(`${prefix}plain`)).toBe('hello');
      await client.set(`${prefix}unicode`, 'café ✓ 🧾 こんにちは');
      expect(await client.get(`${prefix}unicode`)).toBe('café ✓ 🧾 こんにちは');
      await client.set(`${prefix}json`, { plan: 'pro', seats: [1, 2], ok: true });
      expect(await client.get(`${prefix}json`)).toEqual({ plan: 'pro', seats: [1, 2], ok: true });
      expect(await client.get(`${prefix}missing`)).toBeNull();
    }
  });

  it('counts with incr and answers hash commands in Upstash shapes', async () => {
    expect(await single.incr(`${prefix}counter`)).toBe(1);
    expect(await single.incrby(`${prefix}counter`, 41)).toBe(42);
    expect(await single.hset(`${prefix}hash`, { name: 'Ada', visits: 3 })).toBe(2);
    expect(await single.hget(`${prefix}hash`, 'name')).toBe('Ada');
    expect(await single.hgetall(`${prefix}hash`)).toEqual({ name: 'Ada', visits: 3 });
    expect(await single.hincrby(`${prefix}hash`, 'visits', 2)).toBe(5);
    expect(await single.hdel(`${prefix}hash`, 'name')).toBe(1);
    expect(await single.hkeys(`${prefix}hash`)).toEqual(['visits']);
  });

  it('runs a pipeline of several commands and returns each result in order', async () => {
    const results = await redis
      .pipeline()
      .set(`${prefix}p`, 1)
      .incr(`${prefix}p`)
      .get(`${prefix}p`)
      .hset(`${prefix}ph`, { a: 'x' })
      .hget(`${prefix}ph`, 'a')
      .del(`${prefix}p`)
      .exec();
    expect(results).toEqual(['OK', 2, 2, 1, 'x', 1]);
  });

  it('runs multi() atomically and returns every result', async () => {
    const results = await redis
      .multi()
      .set(`${prefix}m`, 'v')
      .append(`${prefix}m`, 'w')
      .get(`${prefix}m`)
      .exec();
    expect(results).toEqual(['OK', 2, 'vw']);
  });

  it('evaluates a Lua script with keys and args', async () => {
    const result = await single.eval(
      'return {KEYS[1], ARGV[1], tonumber(ARGV[2]) * 2}',
      [`${prefix}k`],
      ['a', '21'],
    );
    expect(result).toEqual([`${prefix}k`, 'a', 42]);
  });

  it('accepts the Upstash-only allow-key-locking shebang and keeps the client SHA for evalsha', async () => {
    const script = '#!lua flags=allow-key-locking\nreturn redis.call("INCR", KEYS[1])';
    const sha = await single.scriptLoad(script);
    const { createHash } = await import('node:crypto');
    expect(sha).toBe(createHash('sha1').update(script).digest('hex'));
    expect(await single.evalsha(sha, [`${prefix}locked`], [])).toBe(1);
    expect(await single.scriptExists(sha)).toEqual([1]);
  });

  it('rejects a wrong or missing token with 401 and the client throws', async () => {
    const intruder = new Redis({ url: bridge.url, token: 'not-the-token', retry: false });
    await expect(intruder.get(`${prefix}plain`)).rejects.toThrow(/Unauthorized/);
    const res = await fetch(bridge.url, { method: 'POST', body: '["get","x"]' });
    expect(res.status).toBe(401);
  });

  it('encodes every string at any depth as base64 only when the client asks', async () => {
    await post('/', ['rpush', `${prefix}list`, 'é', '2']);
    const encoded = await (
      await post('/', ['lrange', `${prefix}list`, 0, -1], { 'upstash-encoding': 'base64' })
    ).json();
    expect(encoded).toEqual({
      result: [Buffer.from('é').toString('base64'), Buffer.from('2').toString('base64')],
    });
    const plain = await (await post('/', ['lrange', `${prefix}list`, 0, -1])).json();
    expect(plain).toEqual({ result: ['é', '2'] });
    const counted = await (
      await post('/', ['llen', `${prefix}list`], { 'upstash-encoding': 'base64' })
    ).json();
    expect(counted).toEqual({ result: 2 });
  });

  it('answers a command error with 400 and per-entry errors inside a pipeline', async () => {
    const res = await post('/', ['incr', `${prefix}list`]);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^WRONGTYPE/) });
    await expect(single.incr(`${prefix}list`)).rejects.toThrow(/WRONGTYPE/);

    const piped = await post('/pipeline', [
      ['set', `${prefix}e`, 'x'],
      ['incr', `${prefix}e`],
      ['get', `${prefix}e`],
    ]);
    expect(piped.status).toBe(200);
    expect(await piped.json()).toEqual([
      { result: 'OK' },
      { error: 'ERR value is not an integer or out of range' },
      { result: 'x' },
    ]);
  });

  it('aborts a transaction with a malformed command as one 400 error, running nothing', async () => {
    const res = await post('/multi-exec', [['set', `${prefix}never`, '1'], ['incr']]);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^EXECABORT/) });
    expect(await single.exists(`${prefix}never`)).toBe(0);
  });

  it('refuses commands that would take over the shared connection', async () => {
    const res = await post('/', ['subscribe', 'news']);
    expect(res.status).toBe(400);
    expect(await single.set(`${prefix}after`, 'still-works')).toBe('OK');
  });

  it('limits with Ratelimit.fixedWindow: allows N, denies the next, and reports the reset', async () => {
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.fixedWindow(3, '60 s'),
      prefix: `${prefix}fixed`,
      ephemeralCache: false,
    });
    const before = Date.now();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.limit('user-1'));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    const reset = results[3]!.reset;
    expect(reset).toBeGreaterThan(before);
    expect(reset).toBeLessThanOrEqual(before + 60_000);
    expect(new Set(results.map((r) => r.reset)).size).toBe(1);
    // Another identifier has its own budget.
    expect((await limiter.limit('user-2')).success).toBe(true);
  });

  it('limits with Ratelimit.slidingWindow: allows N then denies', async () => {
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(2, '60 s'),
      prefix: `${prefix}sliding`,
      ephemeralCache: false,
    });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await limiter.limit('user-1'));
    expect(results.map((r) => r.success)).toEqual([true, true, false]);
    expect(results[2]!.limit).toBe(2);
    expect(results[2]!.reset).toBeGreaterThan(Date.now());
    expect(await limiter.getRemaining('user-1')).toMatchObject({ remaining: 0 });
  });
});

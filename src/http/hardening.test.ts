import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app-env.ts';
import { AppError } from '../errors.ts';
import { bodyLimitFromHeaders } from './hardening.ts';

const LIMIT = 16;

function app() {
  const a = new Hono<AppEnv>();
  a.use(
    bodyLimitFromHeaders(LIMIT, () => {
      throw new AppError('PAYLOAD_TOO_LARGE', 'too large');
    }),
  );
  a.all('/', async (c) => c.json({ method: c.req.method, bytes: (await c.req.text()).length }));
  a.onError((err, c) => c.json({ error: String(err) }, err instanceof AppError ? (err.status as 413) : 500));
  return a;
}

/** A Request whose body must not be touched: @hono/node-server builds a whole WHATWG Request for that. */
function untouchable(url: string, init: RequestInit & { headers?: Record<string, string> }): Request {
  const req = new Request(url, init);
  Object.defineProperty(req, 'body', {
    get() {
      throw new Error('the limit read the body stream');
    },
  });
  return req;
}

describe('bodyLimitFromHeaders', () => {
  it('passes a GET without a body and a declared length within the limit, never touching the stream', async () => {
    const get = await app().fetch(untouchable('http://x/', { method: 'GET' }));
    expect(await get.json()).toEqual({ method: 'GET', bytes: 0 });
    const head = await app().fetch(untouchable('http://x/', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    const within = await app().fetch(
      untouchable('http://x/', { method: 'GET', headers: { 'content-length': String(LIMIT) } }),
    );
    expect(within.status).toBe(200);
  });

  it('refuses a declared length over the limit, or one that is not a number, from the header alone', async () => {
    for (const length of [String(LIMIT + 1), '1e3', '-1', '12abc']) {
      const res = await app().fetch(
        untouchable('http://x/', { method: 'POST', headers: { 'content-length': length } }),
      );
      expect(res.status, length).toBe(413);
    }
  });

  it('counts a body without a declared length as it streams: over the limit 413, within it read whole', async () => {
    const stream = (text: string) =>
      new Request('http://x/', {
        method: 'POST',
        body: new Blob([text]).stream(),
        duplex: 'half',
      } as RequestInit);
    expect((await app().fetch(stream('x'.repeat(LIMIT + 1)))).status).toBe(413);
    const ok = await app().fetch(stream('x'.repeat(LIMIT)));
    expect(await ok.json()).toEqual({ method: 'POST', bytes: LIMIT });
    // Transfer-Encoding wins over a declared length (a smuggling shape): counted, not trusted.
    const both = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-length': '1', 'transfer-encoding': 'chunked' },
      body: 'x'.repeat(LIMIT + 1),
    });
    expect((await app().fetch(both)).status).toBe(413);
  });
});

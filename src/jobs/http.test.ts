import { describe, expect, it } from 'vitest';
import { failureOf, retryAfterMs, send } from './http.ts';

describe('failureOf', () => {
  it.each([408, 425, 429, 500, 502, 503])('treats HTTP %i as worth retrying', async (status) => {
    const err = await failureOf('t', new Response('busy', { status }));
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(`t: HTTP ${status} busy`);
  });

  it.each([400, 401, 403, 404, 422])(
    'treats HTTP %i as permanent: a retry cannot fix the request',
    async (status) => {
      expect((await failureOf('t', new Response('', { status }))).retryable).toBe(false);
    },
  );

  it("carries the target's Retry-After and cuts a long body short", async () => {
    const err = await failureOf(
      't',
      new Response('x'.repeat(5000), { status: 429, headers: { 'retry-after': '7' } }),
    );
    expect(err.opts.retryAfterMs).toBe(7000);
    expect(err.message.length).toBeLessThan(400);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot parse', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('send', () => {
  it('turns a network failure or a timeout into a retryable error naming the target', async () => {
    const refused = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(
      send('crm', 'http://x', { signal: new AbortController().signal }, refused),
    ).rejects.toMatchObject({
      retryable: true,
      message: 'crm: request failed (fetch failed)',
    });
    const aborted = AbortSignal.abort();
    await expect(send('crm', 'http://x', { signal: aborted }, refused)).rejects.toMatchObject({
      message: 'crm: request failed (timed out)',
    });
  });
});

import { describe, expect, inject, it } from 'vitest';
import { scenario } from './factories/stripe-events.ts';
import { TEST_SECRETS } from './support/config.ts';
import { createHarness } from './support/harness.ts';
import { webhookRequest } from './support/stripe.ts';

describe('hardening shared by every route', () => {
  it('sets security headers and answers problem details with a request id', async () => {
    const h = await createHarness();
    try {
      const res = await h.app.request('/healthz');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await h.close();
    }
  });

  it('limits request bodies to 64 KiB outside the webhook route (413, problem details)', async () => {
    const h = await createHarness();
    try {
      const res = await h.app.request('/v1/customers/link', {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_SECRETS.HOST_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ authUserId: 'x'.repeat(70 * 1024), stripeCustomerId: 'cus_1' }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    } finally {
      await h.close();
    }
  });

  it('allows CORS only for configured origins and only on browser-facing routes', async () => {
    const h = await createHarness({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    try {
      const pre = (origin: string, path: string) =>
        h.app.request(path, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      expect(
        (await pre('https://app.example.com', '/v1/me/access')).headers.get('access-control-allow-origin'),
      ).toBe('https://app.example.com');
      expect(
        (await pre('https://evil.example.com', '/v1/me/access')).headers.get('access-control-allow-origin'),
      ).toBeNull();
      expect(
        (await pre('https://app.example.com', '/v1/access/u1')).headers.get('access-control-allow-origin'),
      ).toBeNull();
    } finally {
      await h.close();
    }
  });

  it('rate-limits the webhook route per source IP with 429 and Retry-After (in-process limiter)', async () => {
    const h = await createHarness({ env: { WEBHOOK_RATE_LIMIT: '3/1m' } });
    try {
      const events = scenario.activeMonthly({ customerId: 'cus_rl' }).events;
      const now = Math.floor(Date.now() / 1000);
      const statuses: number[] = [];
      for (const e of events.slice(0, 5)) {
        const res = await h.app.request('/webhooks/stripe', webhookRequest(e, { timestamp: now }));
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await h.close();
    }
  });

  it('rate-limits the other API routes per client IP as well', async () => {
    const h = await createHarness({ env: { API_RATE_LIMIT: '2/1m' } });
    try {
      const get = () =>
        h.app.request('/v1/access/u1', { headers: { authorization: `Bearer ${TEST_SECRETS.HOST_API_KEY}` } });
      expect([(await get()).status, (await get()).status, (await get()).status]).toEqual([200, 200, 429]);
    } finally {
      await h.close();
    }
  });

  describe.skipIf(!inject('redisAvailable'))(
    'with Upstash (through the REST bridge to the real Redis)',
    () => {
      it('shares the webhook limit through Redis across two app instances', async () => {
        const env = {
          WEBHOOK_RATE_LIMIT: '2/1m',
          REDIS_KEY_PREFIX: `test:${process.pid}:${Date.now()}`,
          UPSTASH_REDIS_REST_URL: inject('upstashUrl'),
          UPSTASH_REDIS_REST_TOKEN: inject('upstashToken'),
        };
        const [a, b] = await Promise.all([createHarness({ env }), createHarness({ env })]);
        try {
          expect(a.deps.redis.kind).toBe('upstash');
          const events = scenario.activeMonthly({ customerId: `cus_up${Date.now()}` }).events;
          const now = Math.floor(Date.now() / 1000);
          const s1 = (await a.app.request('/webhooks/stripe', webhookRequest(events[0], { timestamp: now })))
            .status;
          const s2 = (await b.app.request('/webhooks/stripe', webhookRequest(events[1], { timestamp: now })))
            .status;
          const s3 = (await a.app.request('/webhooks/stripe', webhookRequest(events[2], { timestamp: now })))
            .status;
          expect([s1, s2, s3]).toEqual([200, 200, 429]);
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
    },
  );
});

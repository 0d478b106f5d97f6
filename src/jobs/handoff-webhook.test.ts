import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createHandoffClient, handoffBody, webhookIdOf } from './handoff-webhook.ts';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('handoff webhook', () => {
  it('signs a request the standardwebhooks verifier accepts, and a tampered body it rejects', async () => {
    let request: Request | undefined;
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      request = new Request(url, init);
      return new Response(null, { status: 204 });
    };
    const clock = { now: () => new Date() };
    const client = createHandoffClient({ url: 'https://support.test/hook', secret, clock, fetch });
    const body = handoffBody({ createdAt: new Date('2026-03-01T10:00:00Z'), payload: { threadId: 't1' } });
    expect(await client.deliver({ id: webhookIdOf('k'), body }, new AbortController().signal)).toBe(
      'delivered',
    );
    const headers = Object.fromEntries(request!.headers);
    const raw = await request!.text();
    expect(new Webhook(secret).verify(raw, headers)).toEqual({
      type: 'handoff.created',
      timestamp: '2026-03-01T10:00:00.000Z',
      data: { threadId: 't1' },
    });
    expect(() => new Webhook(secret).verify(raw.replace('t1', 't2'), headers)).toThrow();
  });

  it('answers gone for 410 and retries every other non-2xx, 4xx included', async () => {
    const answering = (status: number) =>
      createHandoffClient({
        url: 'https://support.test/hook',
        secret,
        clock: { now: () => new Date() },
        fetch: async () => new Response(null, { status }),
      });
    const msg = { id: 'msg_1', body: '{}' };
    const signal = new AbortController().signal;
    expect(await answering(410).deliver(msg, signal)).toBe('gone');
    await expect(answering(400).deliver(msg, signal)).rejects.toMatchObject({ retryable: true });
    await expect(answering(503).deliver(msg, signal)).rejects.toMatchObject({ retryable: true });
  });

  it('derives one webhook-id per job key', () => {
    expect(webhookIdOf('a')).toBe(webhookIdOf('a'));
    expect(webhookIdOf('a')).not.toBe(webhookIdOf('b'));
    expect(webhookIdOf('a')).toMatch(/^msg_[0-9a-f]{32}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { createResendClient, resendIdempotencyKey } from './email-resend.ts';

const message = { from: 'a@example.com', to: ['b@example.com'], subject: 's', text: 't' };
const signal = new AbortController().signal;

function clientAnswering(status: number, body: unknown) {
  const seen: Request[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    seen.push(new Request(url, init));
    return Response.json(body, { status });
  };
  return { seen, client: createResendClient({ baseUrl: 'https://api.resend.test/', apiKey: 're_k', fetch }) };
}

describe('Resend client', () => {
  it('posts to /emails with the bearer key and the effect key as Idempotency-Key', async () => {
    const { seen, client } = clientAnswering(200, { id: 'em_1' });
    expect(await client.send(message, 'email.send:cus_1:payment_confirmation:in_1', signal)).toEqual({
      id: 'em_1',
    });
    expect(seen[0]?.url).toBe('https://api.resend.test/emails');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer re_k');
    expect(seen[0]?.headers.get('idempotency-key')).toBe('email.send:cus_1:payment_confirmation:in_1');
  });

  it('takes "key already used with another body" as already sent, not as a failure', async () => {
    const { client } = clientAnswering(409, { name: 'invalid_idempotent_request', message: 'x' });
    expect(await client.send(message, 'k', signal)).toEqual({ id: 'already-sent' });
  });

  it('retries shortly while the first request with the same key is still in progress', async () => {
    const { client } = clientAnswering(409, { name: 'concurrent_idempotent_requests', message: 'x' });
    await expect(client.send(message, 'k', signal)).rejects.toMatchObject({
      retryable: true,
      opts: { retryAfterMs: 1000 },
    });
  });

  it('fits keys over 256 characters by hashing them, the same way every time', () => {
    const long = 'k'.repeat(300);
    expect(resendIdempotencyKey('short')).toBe('short');
    expect(resendIdempotencyKey(long)).toHaveLength(71);
    expect(resendIdempotencyKey(long)).toBe(resendIdempotencyKey(long));
  });
});

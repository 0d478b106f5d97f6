// A fake Resend API (POST /emails) that honours Idempotency-Key as Resend documents it: the same key
// and body -> the first answer again and no second e-mail; the same key with another body -> 409
// invalid_idempotent_request. (Requests are handled one at a time here, so Resend's 409
// concurrent_idempotent_requests never arises; the adapter's unit test covers it.)
import { Hono } from 'hono';
import { createFaults } from './faults.ts';
import { type Served, serveFake } from './serve.ts';

export type FakeEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  idempotencyKey: string | null;
};
export type FakeResend = Served & {
  /** Every e-mail actually sent (a replayed key adds nothing here). */
  emails: FakeEmail[];
  requests: number;
  faults: ReturnType<typeof createFaults>;
};

export async function startFakeResend(opts: { apiKey: string }): Promise<FakeResend> {
  const emails: FakeEmail[] = [];
  const seen = new Map<string, { body: string; id: string }>();
  const faults = createFaults();
  const state = { requests: 0 };

  const app = new Hono();
  app.use(async (c, next) => {
    state.requests += 1;
    if (c.req.header('authorization') !== `Bearer ${opts.apiKey}`) {
      return c.json({ statusCode: 401, name: 'missing_api_key', message: 'Missing API key' }, 401);
    }
    await next();
  });
  app.use(faults.middleware);
  app.post('/emails', async (c) => {
    const raw = await c.req.text();
    const key = c.req.header('idempotency-key') ?? null;
    const prior = key ? seen.get(key) : undefined;
    if (prior) {
      if (prior.body !== raw) {
        return c.json(
          { statusCode: 409, name: 'invalid_idempotent_request', message: 'different payload' },
          409,
        );
      }
      return c.json({ id: prior.id });
    }
    const body = JSON.parse(raw) as Partial<FakeEmail>;
    if (!body.from || !body.to?.length || !body.subject) {
      return c.json(
        { statusCode: 422, name: 'validation_error', message: 'from, to and subject are required' },
        422,
      );
    }
    const id = `email_${emails.length + 1}`;
    emails.push({
      id,
      from: body.from,
      to: body.to,
      subject: body.subject,
      text: body.text ?? '',
      idempotencyKey: key,
    });
    if (key) seen.set(key, { body: raw, id });
    return c.json({ id });
  });

  const served = await serveFake(app);
  return {
    ...served,
    emails,
    faults,
    get requests() {
      return state.requests;
    },
  };
}

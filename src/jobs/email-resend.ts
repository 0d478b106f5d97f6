// Transactional e-mail through Resend's HTTP API (POST /emails). Plain fetch rather than the SDK:
// it is one endpoint and one header, and owning the call keeps the timeout tied to the job's lease
// and the status-to-retry decision in http.ts with every other target.
//
// Duplicates: every request carries `Idempotency-Key: <effect key>`. Resend remembers a key for 24
// hours, so retries and re-drives within 24 h of the first attempt send at most one e-mail. A
// re-drive later than that, of an e-mail whose first send succeeded but whose answer was lost, can
// send it again: that is the duplicate window. Retry budgets end within minutes, far inside it.
import { createHash } from 'node:crypto';
import { getRecordByCustomer } from '../billing/queries.ts';
import type { EmailPayload } from './catalogue.ts';
import { type Delivered, DeliveryError, type Handler } from './delivery.ts';
import { renderEmail } from './email-templates.ts';
import { type Fetch, failureOf, send } from './http.ts';

export type EmailMessage = { from: string; to: string[]; subject: string; text: string };

export interface EmailClient {
  send(message: EmailMessage, idempotencyKey: string, signal: AbortSignal): Promise<{ id: string }>;
}

/** Resend accepts keys of up to 256 characters; a longer effect key is hashed to fit. */
export function resendIdempotencyKey(key: string): string {
  return key.length <= 256 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export function createResendClient(opts: { baseUrl: string; apiKey: string; fetch?: Fetch }): EmailClient {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/emails`;
  return {
    async send(message, idempotencyKey, signal) {
      const headers = {
        authorization: `Bearer ${opts.apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': resendIdempotencyKey(idempotencyKey),
      };
      const body = JSON.stringify(message);
      const res = await send('resend', url, { method: 'POST', headers, body, signal }, opts.fetch);
      if (res.ok) return { id: String(((await res.json()) as { id?: string }).id ?? '') };
      if (res.status === 409) return conflict(res);
      throw await failureOf('resend', res);
    },
  };
}

/**
 * 409 concurrent_idempotent_requests: the first request with this key is still running (a lease
 * that expired under a slow send); ask again shortly. 409 invalid_idempotent_request: the key was
 * already used with another body, so the e-mail went out (the record changed between attempts).
 */
async function conflict(res: Response): Promise<{ id: string }> {
  const body = (await res.json().catch(() => ({}))) as { name?: string; message?: string };
  if (body.name === 'invalid_idempotent_request') return { id: 'already-sent' };
  throw DeliveryError.retry(`resend: HTTP 409 ${body.name ?? ''} ${body.message ?? ''}`.trim(), 1000);
}

export function emailHandler(client: EmailClient, from: string): Handler {
  return async ({ job, db, signal }): Promise<Delivered> => {
    const payload = job.payload as EmailPayload;
    const record = job.stripeCustomerId ? await getRecordByCustomer(db, job.stripeCustomerId) : null;
    // The record is current (the customer may have changed address since); the payload is a fallback.
    const to = record?.email ?? payload.to;
    // The address may still arrive with a later customer.updated event; the budget bounds the wait.
    if (!to) throw DeliveryError.retry('email: no recipient address on the job or the record yet');
    const { subject, text } = renderEmail(payload, record);
    const sent = await client.send({ from, to: [to], subject, text }, job.key, signal);
    return { outcome: 'delivered', detail: `email ${sent.id}` };
  };
}

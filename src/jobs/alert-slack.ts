// Operator alerts through a Slack-compatible incoming webhook: POST { text, blocks }. Slack has no
// idempotency key, so an alert whose answer was lost may be posted twice: alerts are at-least-once.
import type { AlertPayload } from './catalogue.ts';
import type { Delivered, Handler } from './delivery.ts';
import { type Fetch, failureOf, send } from './http.ts';

export type AlertMessage = { text: string; blocks?: unknown[] };

export interface AlertClient {
  post(message: AlertMessage, signal: AbortSignal): Promise<void>;
}

export function createSlackClient(opts: { url: string; fetch?: Fetch }): AlertClient {
  return {
    async post(message, signal) {
      const headers = { 'content-type': 'application/json' };
      const body = JSON.stringify(message);
      const res = await send('slack', opts.url, { method: 'POST', headers, body, signal }, opts.fetch);
      // Slack answers 400 invalid_payload, 403/404/410 for a revoked hook or archived channel:
      // failureOf treats those as permanent, 429 and 5xx as worth retrying.
      if (!res.ok) throw await failureOf('slack', res);
    },
  };
}

/** The alert as Slack shows it: the text (also the notification fallback) and a context line. */
export function alertMessage(
  payload: AlertPayload,
  key: string,
  stripeCustomerId: string | null,
): AlertMessage {
  const text = payload.text ?? `ledgerdesk alert: ${payload.reason ?? 'unspecified'}`;
  const context = [
    `*severity* ${payload.severity ?? 'warning'}`,
    payload.reason ? `*reason* ${payload.reason}` : null,
    stripeCustomerId ? `*customer* ${stripeCustomerId}` : null,
    `*key* ${key}`,
  ].filter((s): s is string => s !== null);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context.join('  ·  ') }] },
    ],
  };
}

export function alertHandler(client: AlertClient): Handler {
  return async ({ job, signal }): Promise<Delivered> => {
    await client.post(alertMessage(job.payload as AlertPayload, job.key, job.stripeCustomerId), signal);
    return { outcome: 'delivered' };
  };
}

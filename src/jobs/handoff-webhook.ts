// Handoff delivery to the support tool: a Standard Webhooks POST, signed with the `standardwebhooks`
// package. The webhook-id is derived from the job key, so every retry, re-drive and worker sends the
// same id and a receiver that dedupes by it (as the spec asks) sees each handoff once.
import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../deps.ts';
import type { HandoffPayload } from './catalogue.ts';
import { type Delivered, DeliveryError, type Handler } from './delivery.ts';
import { type Fetch, send } from './http.ts';
import { disableTarget, isTargetDisabled } from './target-state.ts';

export type HandoffMessage = { id: string; body: string };
export type HandoffResult = 'delivered' | 'gone';

export interface HandoffClient {
  readonly url: string;
  deliver(message: HandoffMessage, signal: AbortSignal): Promise<HandoffResult>;
}

export function webhookIdOf(jobKey: string): string {
  return `msg_${createHash('sha256').update(jobKey).digest('hex').slice(0, 32)}`;
}

export function createHandoffClient(opts: {
  url: string;
  secret: string;
  clock: Clock;
  fetch?: Fetch;
}): HandoffClient {
  const signer = new Webhook(opts.secret);
  return {
    url: opts.url,
    async deliver(message, signal) {
      // The timestamp is the attempt's (receivers reject stale ones); id and body stay the same.
      const at = opts.clock.now();
      const headers = {
        'content-type': 'application/json',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signer.sign(message.id, at, message.body),
      };
      const res = await send(
        'handoff',
        opts.url,
        { method: 'POST', headers, body: message.body, signal },
        opts.fetch,
      );
      await res.body?.cancel().catch(() => {});
      if (res.status >= 200 && res.status < 300) return 'delivered';
      if (res.status === 410) return 'gone';
      // Per Standard Webhooks every other answer, 4xx included, is retried within the budget.
      throw DeliveryError.retry(`handoff: HTTP ${res.status}`);
    },
  };
}

/** The body is built from what the job was created with, so it is byte-identical on every attempt. */
export function handoffBody(job: { createdAt: Date; payload: unknown }): string {
  // Standard Webhooks' { type, timestamp, data } envelope; the payload's own `type` names the event.
  const { type, ...data } = (job.payload ?? {}) as HandoffPayload;
  return JSON.stringify({
    type: type ?? 'handoff.created',
    timestamp: job.createdAt.toISOString(),
    data,
  });
}

export function handoffHandler(client: HandoffClient): Handler {
  return async ({ job, db, signal }): Promise<Delivered> => {
    if (await isTargetDisabled(db, 'handoff', client.url)) {
      throw DeliveryError.disabled('handoff: endpoint disabled after it answered 410 Gone');
    }
    const result = await client.deliver({ id: webhookIdOf(job.key), body: handoffBody(job) }, signal);
    if (result === 'gone') {
      const reason = 'handoff: endpoint answered 410 Gone; disabled until re-enabled or its URL changes';
      await disableTarget(db, 'handoff', client.url, { jobId: job.id, reason });
      throw DeliveryError.disabled(reason);
    }
    return { outcome: 'delivered', detail: `webhook-id ${webhookIdOf(job.key)}` };
  };
}

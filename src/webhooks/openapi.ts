import { z } from 'zod';
import { json, problem, route } from '../http/openapi.ts';

export const WebhookAck = z.object({
  received: z.literal(true),
  id: z.string(),
  outcome: z.enum(['applied', 'duplicate', 'ignored', 'stale', 'needs_review', 'deferred']),
});

export const webhookRouteDocs = [
  route({
    method: 'post',
    path: '/webhooks/stripe',
    tags: ['webhooks'],
    summary: 'Receive a Stripe event (verified with Stripe-Signature before anything is parsed)',
    request: {
      headers: z.object({ 'stripe-signature': z.string().describe('t=<unix>,v1=<hmac>') }),
      body: {
        content: { 'application/json': { schema: z.object({ id: z.string(), type: z.string() }).loose() } },
      },
    },
    responses: {
      200: json(WebhookAck, 'Stored (or a duplicate/ignored event, which changes nothing)'),
      400: problem('Missing, invalid or expired signature; nothing stored'),
      413: problem('Body over 1 MiB'),
      429: problem('Too many deliveries from this source'),
      500: problem('Could not store the event; nothing committed; Stripe retries'),
    },
  }),
];

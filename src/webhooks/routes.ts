import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { StripeEventLike } from '../billing/reduce.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { bodyLimitFromHeaders } from '../http/hardening.ts';
import { clientIp, rateLimit } from '../http/rate-limit.ts';
import { createIngestor } from './batcher.ts';
import { verifyStripeEvent } from './verify.ts';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Payment outcomes counted for "handoffs per 100 payments" (first application only, not duplicates). */
const PAYMENT_RESULTS: Record<string, 'succeeded' | 'failed'> = {
  'invoice.paid': 'succeeded',
  'invoice.payment_succeeded': 'succeeded',
  'invoice.payment_failed': 'failed',
};

export function webhookRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const ingestor = createIngestor(deps);
  app.post(
    '/webhooks/stripe',
    // Per source IP and high enough for Stripe's bursts; a flood from elsewhere is cut off early.
    rateLimit(deps, 'webhook', deps.config.WEBHOOK_RATE_LIMIT, clientIp),
    webhookBodyLimit(deps),
    async (c) => {
      const started = performance.now();
      // The raw text, before anything parses it: the signature covers these exact bytes.
      const raw = await c.req.text();
      const verified = await verifyStripeEvent(
        deps.stripe,
        raw,
        c.req.header('stripe-signature'),
        deps.config.stripeWebhookSecrets,
        deps.clock.now().getTime(),
      );
      if (!verified.ok) {
        deps.metrics.signatureFailures.inc();
        deps.metrics.webhookRequests.inc({ outcome: 'invalid_signature' });
        throw new AppError('INVALID_SIGNATURE', describe(verified.reason));
      }
      const result = await ingestor.submit(verified.event as unknown as StripeEventLike, raw).catch((err) => {
        deps.metrics.webhookRequests.inc({ outcome: 'error' });
        throw new AppError('INTERNAL', 'Could not store the event.', { cause: err });
      });
      deps.metrics.webhookRequests.inc({ outcome: result.outcome });
      if (result.outcome === 'duplicate') deps.metrics.duplicates.inc();
      if (result.outcome === 'ignored') deps.metrics.ignoredEvents.inc();
      const payment = PAYMENT_RESULTS[verified.event.type];
      if (payment && (result.outcome === 'applied' || result.outcome === 'needs_review')) {
        deps.metrics.payments.inc({ result: payment });
      }
      deps.metrics.ackLatency.observe((performance.now() - started) / 1000);
      return c.json({ received: true, id: result.eventId, outcome: result.outcome });
    },
  );
  return app;
}

/** 413 above 1 MiB, from the Content-Length where there is one (see bodyLimitFromHeaders). */
function webhookBodyLimit(deps: Deps): MiddlewareHandler<AppEnv> {
  return bodyLimitFromHeaders(WEBHOOK_BODY_LIMIT, () => {
    deps.metrics.webhookRequests.inc({ outcome: 'too_large' });
    throw new AppError('PAYLOAD_TOO_LARGE', 'Webhook bodies are limited to 1 MiB.');
  });
}

function describe(reason: 'missing_signature' | 'invalid_signature' | 'invalid_payload'): string {
  if (reason === 'missing_signature') return 'Missing Stripe-Signature header.';
  if (reason === 'invalid_payload') return 'The signed payload is not a Stripe event.';
  return 'No valid signature for this payload (wrong secret, altered body or expired timestamp).';
}

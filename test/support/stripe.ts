import Stripe from 'stripe';
import { TEST_SECRETS } from './config.ts';

const stripe = new Stripe('sk_test_unused');

/** Signs a payload exactly as Stripe does (the SDK's own test header generator). */
export function signPayload(payload: string, opts: { secret?: string; timestamp?: number } = {}): string {
  return stripe.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? TEST_SECRETS.STRIPE_WEBHOOK_SECRET,
    timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
  });
}

/** A signed POST /webhooks/stripe request for `app.request()` or `fetch`. */
export function webhookRequest(
  event: unknown,
  opts: { secret?: string; timestamp?: number; body?: string } = {},
): RequestInit {
  const body = opts.body ?? JSON.stringify(event);
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(body, opts) },
    body,
  };
}

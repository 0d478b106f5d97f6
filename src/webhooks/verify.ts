import type Stripe from 'stripe';

export type VerifyResult =
  | { ok: true; event: Stripe.Event }
  | { ok: false; reason: 'missing_signature' | 'invalid_signature' | 'invalid_payload' };

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Verifies the raw body against every configured secret (rotation: old and new both valid), using
 * the Stripe SDK so the header format, HMAC and tolerance are Stripe's own rules.
 */
export async function verifyStripeEvent(
  stripe: Stripe,
  rawBody: string,
  header: string | undefined,
  secrets: string[],
  nowMs: number,
): Promise<VerifyResult> {
  if (!header) return { ok: false, reason: 'missing_signature' };
  for (const secret of secrets) {
    try {
      const event = await stripe.webhooks.constructEventAsync(
        rawBody,
        header,
        secret,
        SIGNATURE_TOLERANCE_SECONDS,
        undefined,
        nowMs,
      );
      if (!isEventShape(event)) return { ok: false, reason: 'invalid_payload' };
      return { ok: true, event };
    } catch (err) {
      // A valid signature over a body that is not JSON: the SDK throws from JSON.parse.
      if (err instanceof SyntaxError) return { ok: false, reason: 'invalid_payload' };
    }
  }
  return { ok: false, reason: 'invalid_signature' };
}

function isEventShape(e: unknown): e is Stripe.Event {
  const v = e as Record<string, unknown> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    v.id.length <= 255 &&
    typeof v.type === 'string' &&
    typeof v.created === 'number' &&
    Number.isFinite(v.created) &&
    !!v.data &&
    typeof (v.data as Record<string, unknown>).object === 'object'
  );
}

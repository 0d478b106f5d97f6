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

/** The least an event must be for the ingest to handle it; anything else is a 400, not a 500. */
function isEventShape(e: unknown): e is Stripe.Event {
  const v = e as Record<string, unknown> | null;
  const data = v?.data as Record<string, unknown> | null | undefined;
  return (
    !!v &&
    typeof v.id === 'string' &&
    /^[\w-]{1,255}$/.test(v.id) &&
    typeof v.type === 'string' &&
    /^[a-z0-9_.]{1,100}$/.test(v.type) &&
    Number.isSafeInteger(v.created) &&
    (v.created as number) > 0 &&
    (v.created as number) < 32_503_680_000 && // year 3000: anything later is not a Stripe timestamp
    !!data &&
    typeof data === 'object' &&
    !!data.object &&
    typeof data.object === 'object' &&
    !Array.isArray(data.object)
  );
}

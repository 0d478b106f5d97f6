// The charges and payment intents a record has seen: where a dispute (which names only its charge)
// finds its customer. Pure; the payment_refs table stores what these return.
import type { BillingRecord } from './record.ts';

export function paymentRefsIn(record: BillingRecord | null): Set<string> {
  const refs = new Set<string>();
  for (const p of record?.facts.payments ?? []) {
    if (p.chargeId) refs.add(p.chargeId);
    if (p.paymentIntentId) refs.add(p.paymentIntentId);
  }
  return refs;
}

/** Refs `next` has seen and `prev` had not, sorted (the order every writer locks them in). */
export function newPaymentRefs(prev: BillingRecord | null, next: BillingRecord): string[] {
  const before = paymentRefsIn(prev);
  return [...paymentRefsIn(next)].filter((r) => !before.has(r)).sort();
}

// Repairs drift from the Stripe API: current snapshots of customers, subscriptions and recent
// invoices go through the same reducer as webhooks, and undelivered events are swept in.
import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { StripeEventLike } from '../billing/reduce.ts';
import type { Deps } from '../deps.ts';
import { type IngestOutcome, ingestEvent } from './ingest.ts';

export type ReconcileSummary = {
  snapshots: Record<IngestOutcome, number>;
  undelivered: Record<IngestOutcome, number>;
};

const DAY = 86_400;

/**
 * A snapshot fetched now is the newest truth Stripe has, so it is applied as a synthetic event
 * created now. Its id hashes the snapshot, so an unchanged object is a duplicate on the next run.
 */
export function snapshotEvent(type: string, object: { id: string }, nowSec: number): StripeEventLike {
  const digest = createHash('sha256').update(JSON.stringify(object)).digest('hex').slice(0, 24);
  return {
    id: `evt_reconcile_${digest}`,
    type,
    created: nowSec,
    livemode: Boolean((object as { livemode?: boolean }).livemode),
    api_version: null,
    data: { object: object as unknown as Record<string, unknown> },
  } as StripeEventLike;
}

function invoiceEventType(inv: Stripe.Invoice): string | null {
  if (inv.status === 'paid') return 'invoice.paid';
  if (inv.status === 'open' && (inv.attempt_count ?? 0) > 0) return 'invoice.payment_failed';
  return null;
}

function emptyCounts(): Record<IngestOutcome, number> {
  return { applied: 0, duplicate: 0, ignored: 0, stale: 0, needs_review: 0, deferred: 0 };
}

export async function reconcile(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'stripe'>,
  opts: { days?: number } = {},
): Promise<ReconcileSummary> {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const since = now - (opts.days ?? 30) * DAY;
  const summary: ReconcileSummary = { snapshots: emptyCounts(), undelivered: emptyCounts() };
  const apply = async (bucket: 'snapshots' | 'undelivered', event: StripeEventLike) => {
    summary[bucket][(await ingestEvent(deps, event, 'reconcile')).outcome] += 1;
  };

  // Undelivered events first: they carry their own `created`, older than the snapshots below.
  for await (const event of deps.stripe.events.list({
    delivery_success: false,
    created: { gte: since },
    limit: 100,
  })) {
    await apply('undelivered', event as unknown as StripeEventLike);
  }
  for await (const customer of deps.stripe.customers.list({ limit: 100 })) {
    await apply('snapshots', snapshotEvent('customer.updated', customer, now));
  }
  for await (const sub of deps.stripe.subscriptions.list({ status: 'all', limit: 100 })) {
    await apply('snapshots', snapshotEvent('customer.subscription.updated', sub, now));
  }
  for await (const inv of deps.stripe.invoices.list({ created: { gte: since }, limit: 100 })) {
    const type = invoiceEventType(inv);
    if (type) await apply('snapshots', snapshotEvent(type, inv, now));
  }
  return summary;
}

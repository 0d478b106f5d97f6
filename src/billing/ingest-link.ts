// POST /v1/customers/link: a host app that created the Stripe customer itself tells us whose it is.
import type { Deps } from '../deps.ts';
import { enqueueEffects } from '../jobs/enqueue.ts';
import { lockRecord, saveRecord } from './ingest-store.ts';
import { linkAuthUser } from './operator.ts';

export type LinkResult = {
  created: boolean;
  stripeCustomerId: string;
  authUserId: string | null;
  review: { state: 'ok' | 'needs_review'; reason: string | null };
  outcome: 'applied' | 'stale' | 'ignored' | 'needs_review';
};

export async function linkCustomer(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  input: { authUserId: string; stripeCustomerId: string; email?: string },
): Promise<LinkResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { record, fresh } = await lockRecord(tx, input.stripeCustomerId);
    const result = linkAuthUser(record, input.authUserId, 'api', {
      catalogue: deps.config.PLAN_CATALOGUE,
      graceDays: deps.config.PAST_DUE_GRACE_DAYS,
      at: now.toISOString(),
      email: input.email ?? null,
    });
    if (result.outcome !== 'stale' || fresh) await saveRecord(tx, result.record);
    await enqueueEffects(tx, result.effects, now);
    return {
      created: fresh,
      stripeCustomerId: input.stripeCustomerId,
      authUserId: result.record.authUserId,
      review: { state: result.record.review.state, reason: result.record.review.reason },
      outcome: result.outcome,
    };
  });
}

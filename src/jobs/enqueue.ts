import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { isJobKind, JOB_CATALOGUE } from './catalogue.ts';

/** The channel workers LISTEN on (where the driver allows) to pick new jobs up within milliseconds. */
export const JOBS_CHANNEL = 'ledgerdesk_jobs';

export type EffectInput = {
  kind: string;
  key: string;
  stripeCustomerId?: string | null;
  payload: Record<string, unknown> | object;
};

/**
 * Writes effects into the outbox inside the caller's transaction. The key is the effect's
 * idempotency key: a second effect with the same key is dropped, so replays never double an effect.
 * A NOTIFY in the same transaction is delivered only on commit, so a woken worker always finds the
 * rows; PostgreSQL folds identical notifications of one transaction into one.
 */
export async function enqueueEffects(tx: DbOrTx, effects: EffectInput[], ackedAt?: Date): Promise<number> {
  if (effects.length === 0) return 0;
  const rows = jobRows(effects, ackedAt);
  // The NOTIFY rides on the insert's RETURNING (no extra round trip in the webhook transaction) and
  // fires only for rows actually inserted.
  const inserted = await tx
    .insert(jobs)
    .values(rows)
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id, notified: sql`pg_notify(${JOBS_CHANNEL}, '')::text` });
  return inserted.length;
}

/** Outbox rows for effects: the kind must be in the catalogue and the payload must match its schema. */
export function jobRows(effects: EffectInput[], ackedAt?: Date) {
  return effects.map((e) => {
    if (!isJobKind(e.kind)) throw new Error(`unknown effect kind ${e.kind}`);
    const spec = JOB_CATALOGUE[e.kind];
    return {
      kind: e.kind,
      key: e.key,
      stripeCustomerId: e.stripeCustomerId ?? null,
      payload: spec.payload.parse(e.payload),
      maxAttempts: spec.maxAttempts,
      // run_at keeps the database's now(): an app clock ahead of the database's would hold jobs back.
      ...(ackedAt && { ackedAt }),
    };
  });
}

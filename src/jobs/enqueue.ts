import type { DbOrTx } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { isJobKind, JOB_CATALOGUE } from './catalogue.ts';

export type EffectInput = {
  kind: string;
  key: string;
  stripeCustomerId?: string | null;
  payload: Record<string, unknown> | object;
};

/**
 * Writes effects into the outbox inside the caller's transaction. The key is the effect's
 * idempotency key: a second effect with the same key is dropped, so replays never double an effect.
 */
export async function enqueueEffects(tx: DbOrTx, effects: EffectInput[], ackedAt?: Date): Promise<number> {
  if (effects.length === 0) return 0;
  const rows = effects.map((e) => {
    if (!isJobKind(e.kind)) throw new Error(`unknown effect kind ${e.kind}`);
    const spec = JOB_CATALOGUE[e.kind];
    return {
      kind: e.kind,
      key: e.key,
      stripeCustomerId: e.stripeCustomerId ?? null,
      payload: spec.payload.parse(e.payload),
      maxAttempts: spec.maxAttempts,
      ...(ackedAt && { ackedAt, runAt: ackedAt }),
    };
  });
  const inserted = await tx
    .insert(jobs)
    .values(rows)
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return inserted.length;
}

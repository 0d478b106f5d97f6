// A persisted "this endpoint told us to go away" flag (HTTP 410 from the handoff receiver). Kept as
// a row in local_deliveries, keyed by target name and a hash of the URL, until a dedicated table
// exists: changing the configured URL therefore re-enables delivery by itself.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { localDeliveries } from '../db/schema/index.ts';

export type TargetName = 'handoff';

export const TARGET_DISABLED_KIND = 'target.disabled';

function flagKey(target: TargetName, url: string): string {
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return `target-disabled:${target}:${hash}`;
}

export async function isTargetDisabled(db: DbOrTx, target: TargetName, url: string): Promise<boolean> {
  const rows = await db
    .select({ id: localDeliveries.id })
    .from(localDeliveries)
    .where(eq(localDeliveries.key, flagKey(target, url)));
  return rows.length > 0;
}

export async function disableTarget(
  db: DbOrTx,
  target: TargetName,
  url: string,
  cause: { jobId: string; reason: string },
): Promise<void> {
  await db
    .insert(localDeliveries)
    .values({
      jobId: cause.jobId,
      kind: TARGET_DISABLED_KIND,
      key: flagKey(target, url),
      // The URL may carry a token in its path or query: only its host is kept.
      payload: { target, host: safeHost(url), reason: cause.reason },
    })
    .onConflictDoNothing({ target: localDeliveries.key });
}

/** For a person who fixed the receiver (`npm run jobs -- enable handoff`). True when it was disabled. */
export async function enableTarget(db: DbOrTx, target: TargetName, url: string): Promise<boolean> {
  const rows = await db
    .delete(localDeliveries)
    .where(eq(localDeliveries.key, flagKey(target, url)))
    .returning({ id: localDeliveries.id });
  return rows.length > 0;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}

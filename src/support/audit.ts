// The audit trail of staff actions. Each action writes its row inside its own transaction.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { type AuditEntry, auditLog } from '../db/schema/index.ts';

export type AuditAction = 'review.resolve' | 'job.redrive' | 'handoff.close';

export type AuditInput = {
  actor: string;
  action: AuditAction;
  targetType: 'customer' | 'job' | 'handoff';
  targetId: string;
  stripeCustomerId: string | null;
  note: string | null;
  detail: Record<string, unknown>;
  at: Date;
};

export async function writeAudit(tx: DbOrTx, entry: AuditInput): Promise<AuditEntry> {
  const [row] = await tx.insert(auditLog).values(entry).returning();
  if (!row) throw new Error('audit row was not written');
  return row;
}

/** The latest actions about one customer, newest first. */
export async function auditOfCustomer(db: DbOrTx, stripeCustomerId: string, limit = 50) {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.stripeCustomerId, stripeCustomerId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

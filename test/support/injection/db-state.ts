// Billing state as bytes: every row of every table the chat must not write, as PostgreSQL renders it.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';

/** The chat's own tables: conversations and messages, and the handoffs it is allowed to create. */
const CHAT_TABLES = new Set(['conversations', 'messages', 'handoffs']);

export type DbState = { tables: Map<string, string[]>; jobs: Map<string, { kind: string; row: string }> };

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const res = (await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] };
  return res.rows;
}

export async function readDbState(db: Db): Promise<DbState> {
  const names = (
    await rows(db, "select tablename from pg_tables where schemaname = 'public' order by tablename")
  ).map((r) => String(r.tablename));
  const tables = new Map<string, string[]>();
  for (const name of names) {
    if (CHAT_TABLES.has(name) || name === 'jobs') continue;
    const all = await rows(db, `select to_jsonb(t)::text as row from "${name}" t`);
    tables.set(name, all.map((r) => String(r.row)).sort());
  }
  const jobs = new Map<string, { kind: string; row: string }>();
  for (const r of await rows(db, 'select id::text as id, kind, to_jsonb(j)::text as row from jobs j')) {
    jobs.set(String(r.id), { kind: String(r.kind), row: String(r.row) });
  }
  return { tables, jobs };
}

/** Every difference outside the chat tables; new outbox rows are allowed only for handoff delivery. */
export function stateChanges(before: DbState, after: DbState): string[] {
  const changes: string[] = [];
  for (const [name, rowsBefore] of before.tables) {
    const rowsAfter = after.tables.get(name) ?? [];
    if (rowsAfter.length !== rowsBefore.length)
      changes.push(`${name}: ${rowsBefore.length} rows before, ${rowsAfter.length} after`);
    else if (rowsAfter.some((r, i) => r !== rowsBefore[i])) changes.push(`${name}: a row changed`);
  }
  for (const name of after.tables.keys()) if (!before.tables.has(name)) changes.push(`${name}: new table`);
  for (const [id, job] of before.jobs) {
    if (after.jobs.get(id)?.row !== job.row) changes.push(`jobs ${id} (${job.kind}) changed or vanished`);
  }
  for (const [id, job] of after.jobs) {
    if (!before.jobs.has(id) && job.kind !== 'handoff.deliver') changes.push(`jobs ${id}: new ${job.kind}`);
  }
  return changes;
}

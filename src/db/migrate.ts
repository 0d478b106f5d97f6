import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migrateNeon } from 'drizzle-orm/neon-serverless/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DbHandle } from './client.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies drizzle-kit's committed migrations; safe to run from several processes at once. */
export async function migrateDb(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  await handle.withMigrationLock(async () => {
    if (handle.driver === 'pglite') await migratePglite(handle.db as never, config);
    else await migrateNeon(handle.db as never, config);
  });
}

/** The number of committed migrations (drizzle-kit's journal). */
export function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** True when every committed migration has been applied (for /readyz). */
export async function migrationsApplied(handle: DbHandle, expected = expectedMigrations()): Promise<boolean> {
  const rows = await handle.db.execute<{ n: number }>(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  const list = Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows;
  return (list[0]?.n ?? 0) >= expected;
}

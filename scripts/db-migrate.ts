// npm run db:migrate — applies drizzle-kit's committed migrations to the configured database
// (PGlite in DATA_DIR, or DATABASE_URL through the Neon driver). start-up does the same.
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/client.ts';
import { expectedMigrations, migrateDb, migrationsApplied } from '../src/db/migrate.ts';

const config = loadConfig();
const handle = await createDb(
  config.DATABASE_URL
    ? { driver: 'neon', url: config.DATABASE_URL, wsProxy: config.DATABASE_WS_PROXY }
    : { driver: 'pglite', dataDir: config.DATA_DIR },
);
try {
  await migrateDb(handle);
  const ok = await migrationsApplied(handle);
  process.stdout.write(
    `${handle.driver}: ${expectedMigrations()} migrations ${ok ? 'applied' : 'NOT applied'}\n`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await handle.close();
}

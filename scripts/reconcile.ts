// npm run reconcile : repairs drift from the Stripe API (STRIPE_SECRET_KEY) and sweeps undelivered events.
import { loadConfig } from '../src/config.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';
import { reconcile } from '../src/webhooks/reconcile.ts';

const config = loadConfig();
if (!config.STRIPE_SECRET_KEY) {
  process.stderr.write('STRIPE_SECRET_KEY: required for npm run reconcile (an sk_… or rk_… key)\n');
  process.exit(78);
}
const deps = await createDeps(config);
await migrateDb(deps.dbHandle);
const summary = await reconcile(deps);
process.stdout.write(`${JSON.stringify(summary)}\n`);
await deps.dbHandle.close();

// Option B: ledgerdesk inside the Next.js server. Dependencies (database pool, Redis client, Stripe
// client, logger) are built once per server instance and reused by every request.
// Assumes the ledgerdesk repository is a workspace package named `ledgerdesk` (see docs/nextjs.md).
import { createApp } from 'ledgerdesk/src/app.ts';
import { loadConfig } from 'ledgerdesk/src/config.ts';
import { createDeps } from 'ledgerdesk/src/deps.ts';

type FetchApp = { fetch(req: Request): Response | Promise<Response> };

let app: Promise<FetchApp> | undefined;

export function ledgerdesk(): Promise<FetchApp> {
  app ??= (async () => {
    // Production mode: Neon, Upstash and real secrets from the environment. Run migrations at deploy
    // time (npm run db:migrate) and the outbox worker as its own process (npm run worker).
    const deps = await createDeps(loadConfig());
    return createApp(deps);
  })();
  return app;
}

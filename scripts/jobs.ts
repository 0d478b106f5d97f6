// `npm run jobs -- <command>`: look at the outbox and re-drive dead letters.
//
//   list [--dead] [--limit N]      newest jobs first (only dead ones with --dead)
//   retry <job-id>                 re-drive one dead job (fresh budget, due now)
//   retry --all-dead               re-drive every dead job
//   enable handoff                 re-enable the handoff endpoint after it answered 410 Gone
//
// Embedded mode keeps PGlite in DATA_DIR, which one process can open at a time: stop `npm start`
// first (or, later, use the support API, which runs inside the server).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { migrateDb } from '../src/db/migrate.ts';
import type { Job } from '../src/db/schema/index.ts';
import { createDeps } from '../src/deps.ts';
import { listJobs, redriveAllDead, redriveJob } from '../src/jobs/redrive.ts';
import { enableTarget } from '../src/jobs/target-state.ts';

const USAGE = 'usage: npm run jobs -- list [--dead] [--limit N] | retry <id|--all-dead> | enable handoff';

function row(j: Job): string {
  const error = j.lastError ? `  ${j.lastError.slice(0, 80)}` : '';
  return `${j.id}  ${j.status.padEnd(7)}  ${String(j.attempts).padStart(2)}/${j.maxAttempts}  ${j.kind.padEnd(17)}  ${j.key}${error}`;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { dead: { type: 'boolean' }, 'all-dead': { type: 'boolean' }, limit: { type: 'string' } },
  });
  const [command, arg] = positionals;
  const config = loadConfig();
  const deps = await createDeps(config);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    await migrateDb(deps.dbHandle);
    if (command === 'list') {
      const jobs = await listJobs(deps.db, {
        status: values.dead ? 'dead' : undefined,
        limit: values.limit ? Number(values.limit) : 50,
      });
      for (const j of jobs) out(row(j));
      out(`${jobs.length} job(s)`);
      return 0;
    }
    if (command === 'retry' && values['all-dead']) {
      out(`re-drove ${await redriveAllDead(deps.db)} dead job(s)`);
      return 0;
    }
    if (command === 'retry' && arg) {
      const result = await redriveJob(deps.db, arg);
      if (result.outcome === 'redriven') out(`re-drove ${result.job.kind} ${result.job.key}`);
      else if (result.outcome === 'not_dead') out(`job ${arg} is ${result.status}, not dead: nothing to do`);
      else out(`no job ${arg}`);
      return result.outcome === 'redriven' ? 0 : 1;
    }
    if (command === 'enable' && arg === 'handoff') {
      const url = config.SUPPORT_HANDOFF_URL;
      if (!url) return fail('SUPPORT_HANDOFF_URL is not set: nothing to enable');
      out(
        (await enableTarget(deps.db, 'handoff', url)) ? 'handoff endpoint re-enabled' : 'it was not disabled',
      );
      return 0;
    }
    return fail(USAGE);
  } finally {
    await deps.dbHandle.close();
    deps.log.flush();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`jobs: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

// `npm run worker` (src/jobs/worker-main.ts) as its own process on a test's throwaway database.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function spawnWorkerProcess(opts: {
  databaseUrl: string | undefined;
  dataDir: string;
  args: string[];
  env: Record<string, string>;
}): { child: ChildProcess; stderr: string[] } {
  const stderr: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/worker-main.ts', ...opts.args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: opts.dataDir,
      DATABASE_URL: opts.databaseUrl,
      DATABASE_WS_PROXY: inject('wsProxy'),
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
  return { child, stderr };
}

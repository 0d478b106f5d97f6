// A throwaway PostgreSQL cluster for the chaos tests: initdb into a temporary folder, its own port,
// started and stopped at will. Never the shared server the other suites use.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/server-process.ts';

const run = promisify(execFile);

export type PgInstance = {
  port: number;
  url: string;
  start(): Promise<void>;
  /** Immediate shutdown: open connections are cut, as in a crash or a failover. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
};

/** initdb refuses to run as root; under root (CI containers) the cluster belongs to `postgres`. */
const asRoot = process.getuid?.() === 0;

function binDir(): string {
  const candidates = [
    '/usr/lib/postgresql/17/bin',
    '/usr/lib/postgresql/16/bin',
    '/usr/lib/postgresql/15/bin',
  ];
  return candidates.find((d) => existsSync(join(d, 'initdb'))) ?? '';
}

function command(tool: string, args: string[]): [string, string[]] {
  const bin = binDir() ? join(binDir(), tool) : tool;
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function pg(tool: string, args: string[]): Promise<void> {
  await run(...command(tool, args));
}

export async function createPgInstance(): Promise<PgInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-chaos-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    chmodSync(dir, 0o755);
    chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), 0);
  }
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  let running = false;
  const instance: PgInstance = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pg('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', options]);
      running = true;
    },
    async stop() {
      await pg('pg_ctl', ['stop', '-w', '-D', data, '-m', 'immediate']);
      running = false;
    },
    async destroy() {
      if (running) await instance.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // A test that times out never reaches its afterAll: do not leave a server running behind it.
  process.once('exit', () => {
    if (!running) return;
    try {
      execFileSync(...command('pg_ctl', ['stop', '-D', data, '-m', 'immediate']), { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    } catch {}
  });
  await instance.start();
  return instance;
}

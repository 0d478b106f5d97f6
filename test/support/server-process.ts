// A real ledgerdesk server process on a throwaway PostgreSQL database (reached through the loopback
// WebSocket proxy), for tests about the wire (several processes, crashes) and for the benchmarks.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, uptime } from 'node:os';
import { join } from 'node:path';
import { Pool } from '@neondatabase/serverless';
import { applyNeonLocalConfigToPool, neonLocalConfig, startWsProxy } from '../../src/db/ws-proxy.ts';

export const PROCESS_SECRETS = {
  STRIPE_WEBHOOK_SECRET: 'whsec_bench_c2VjcmV0LWJlbmNo',
  HOST_API_KEY: 'hk_bench_host_api_key_0123456789',
  CHAT_JWT_SECRET: 'bench-chat-jwt-secret-0123456789abcdef',
  METRICS_TOKEN: 'mt_bench_metrics_token_0123',
  SUPPORT_API_KEYS: 'bench:sk_staff_bench_0123456789abcdef',
};

/**
 * The machine a bench ran on, for its header. The guest's uptime is in it so a run made minutes
 * after boot can be told apart: the three runs made that soon had latency tails 3-10 times the usual
 * (docs/measurements.md, seventh, tenth and nineteenth sessions).
 */
export function machine(): string {
  const cpu = cpus();
  const up = Math.floor(uptime() / 60);
  return `${cpu.length} x ${cpu[0]?.model ?? 'unknown cpu'}, node ${process.version}, ${new Date().toISOString()}, guest up ${up} min`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type BenchDb = {
  url: string;
  name: string;
  proxy: { port: number; pid?: number };
  /** VACUUM ANALYZE, as autovacuum would have done on a running database; then a CHECKPOINT and sync. */
  vacuumAndFlush(): Promise<void>;
  drop(): Promise<void>;
};

/**
 * A throwaway database on the local PostgreSQL, reached through the loopback WebSocket proxy. With
 * `proxyProcess`, the proxy runs in its own process (as Neon's proxy is not in the caller's), so a
 * load generator in this process does not share an event loop with it.
 */
export async function throwawayDatabase(opts: { proxyProcess?: boolean } = {}): Promise<BenchDb> {
  let proxy: { port: number; pid?: number; close(): Promise<void> };
  if (opts.proxyProcess) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ws-proxy.ts', String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`ws-proxy exited with ${code}`)));
    });
    proxy = {
      port,
      pid: child.pid,
      close: async () => {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      },
    };
  } else {
    proxy = await startWsProxy({ host: '127.0.0.1', port: 0 });
  }
  const admin = applyNeonLocalConfigToPool(
    new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 }),
    neonLocalConfig(proxy.port),
  );
  const name = `ledgerdesk_proc_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    name,
    proxy,
    vacuumAndFlush: async () => {
      const pool = applyNeonLocalConfigToPool(
        new Pool({ connectionString: `postgres://postgres@127.0.0.1:5432/${name}`, max: 1 }),
        neonLocalConfig(proxy.port),
      );
      try {
        await pool.query('vacuum analyze');
        // And the warm-up's writes on disk: otherwise the kernel writes its burst back about 30 s
        // later (dirty_expire), inside the first measured window, and one commit waits ~35 ms for
        // its WAL flush behind it (measured). A database running at the measured rate has no such
        // backlog. CHECKPOINT needs a superuser; without one only the OS flush happens.
        await pool.query('checkpoint').catch(() => {});
        spawnSync('sync');
      } finally {
        await pool.end();
      }
    },
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
      await proxy.close();
    },
  };
}

const USER_HZ = 100; // clock ticks per second in /proc/<pid>/stat on Linux

/** CPU ticks (user + system) of each live process whose command line matches. */
function processTicks(match: (cmdline: string, pid: number) => boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!match(cmdline, pid)) continue;
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, Number(f[11]) + Number(f[12]));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

/**
 * CPU time of matching processes from now until stop(), in ms, including processes that start or
 * exit meanwhile (a pool closing an idle connection ends its PostgreSQL backend): sampled every
 * 200 ms, so at most the last 200 ms of an exiting process is missed.
 */
export function cpuSampler(match: (cmdline: string, pid: number) => boolean): { stop(): number } {
  const base = processTicks(match);
  const last = new Map(base);
  const sample = () => {
    for (const [pid, t] of processTicks(match)) {
      if (!last.has(pid) && !base.has(pid)) base.set(pid, 0);
      last.set(pid, t);
    }
  };
  const timer = setInterval(sample, 200);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      let ticks = 0;
      for (const [pid, t] of last) ticks += t - (base.get(pid) ?? 0);
      return (ticks * 1000) / USER_HZ;
    },
  };
}

/**
 * The runtime flags `npm start` gives the server (package.json; test/server-flags.test.ts keeps the
 * two equal), so that tests and benchmarks run the server as production does. Every server process
 * here gets them, the benchmarks' floor and reference too, so all run on the same runtime.
 * --no-memory-reducer: V8's memory reducer shrinks the heap, young generation included, once the
 * process has been idle a few seconds. Traffic after such a lull then paid for it: at 800/s the
 * server ran 50-110 scavenges and 2-6 major collections per 20 s window, p99 14-27 ms; without
 * the reducer, about 27 scavenges and none, p99 9 ms (bench:webhooks, docs/measurements.md). The cost
 * is memory: the heap stays at the size the last busy period grew it to.
 * --heap-growing-percent=300: after each full collection V8 lets the old generation grow to
 * live size x a factor it derives from how fast the program allocates, small at low rates. Here the
 * live heap is ~65 MB and the young generation's semispaces up to 64 MB; when the room left was
 * below the young generation's capacity, V8 started incremental marking again right after every
 * full collection (--trace-incremental-marking: "Start (task)" with the limit far off). At a steady
 * 300/s that became a full collection every 0.8 s, 19-22 per 20 s window and no scavenges, and
 * 0.77-0.91 ms of server CPU per event against 0.38-0.43 ms with the factor fixed at 4 (no full
 * collection in three windows; docs/measurements.md, twelfth session). The cost is memory: the old
 * generation may reach four times its live size (~260 MB here) before it is collected; within
 * --max-old-space-size, which still caps it.
 */
export const SERVER_NODE_FLAGS = ['--no-memory-reducer', '--heap-growing-percent=300'];

export type ServerProc = { url: string; child: ChildProcess; cpuMs(): number; stop(): Promise<void> };

/** Starts `src/server.ts` (or another entry serving /readyz) as its own process and waits for /readyz. */
export async function startServerProcess(
  env: Record<string, string>,
  entry = 'src/server.ts',
): Promise<ServerProc> {
  const port = await freePort();
  // BENCH_SERVER_NODE_OPTIONS: runtime flags for the server alone, on its command line (where V8
  // accepts every flag, unlike NODE_OPTIONS), for A/B runs of the benchmarks.
  const flags = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...flags, '--import', 'tsx', entry], {
    env: {
      ...process.env,
      ...PROCESS_SECRETS,
      NODE_ENV: 'development',
      DATA_DIR: join(tmpdir(), `ledgerdesk-proc-${port}`),
      LOG_LEVEL: 'warn',
      PORT: String(port),
      CHAT_RATE_LIMIT: '0',
      CHAT_IP_RATE_LIMIT: '0',
      WEBHOOK_RATE_LIMIT: '0',
      API_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server not ready in 30 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ticks = 100; // USER_HZ on Linux
  return {
    url,
    child,
    cpuMs: () => {
      const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / ticks;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

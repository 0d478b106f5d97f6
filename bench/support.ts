// Shared by the benchmarks: a real server process on a throwaway PostgreSQL database, an open-loop
// load generator and the figures it reports. Benchmarks print what they measured; nothing here asserts.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from '@neondatabase/serverless';
import { Agent, request } from 'undici';
import {
  applyNeonLocalConfigToPool,
  neonLocalConfig,
  startWsProxy,
  type WsProxy,
} from '../src/db/ws-proxy.ts';

export const BENCH_SECRETS = {
  STRIPE_WEBHOOK_SECRET: 'whsec_bench_c2VjcmV0LWJlbmNo',
  HOST_API_KEY: 'hk_bench_host_api_key_0123456789',
  CHAT_JWT_SECRET: 'bench-chat-jwt-secret-0123456789abcdef',
  METRICS_TOKEN: 'mt_bench_metrics_token_0123',
  SUPPORT_API_KEYS: 'bench:sk_staff_bench_0123456789abcdef',
};

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model ?? 'unknown cpu'}, node ${process.version}, ${new Date().toISOString()}`;
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

export type BenchDb = { url: string; proxy: WsProxy; drop(): Promise<void> };

/** A throwaway database on the local PostgreSQL, reached through the loopback WebSocket proxy. */
export async function throwawayDatabase(): Promise<BenchDb> {
  const proxy = await startWsProxy({ host: '127.0.0.1', port: 0 });
  const admin = applyNeonLocalConfigToPool(
    new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 }),
    neonLocalConfig(proxy.port),
  );
  const name = `ledgerdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    proxy,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
      await proxy.close();
    },
  };
}

export type ServerProc = { url: string; child: ChildProcess; cpuMs(): number; stop(): Promise<void> };

/** Starts `src/server.ts` as its own process and waits for /readyz. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      ...BENCH_SECRETS,
      NODE_ENV: 'development',
      DATA_DIR: join(tmpdir(), `ledgerdesk-bench-${port}`),
      LOG_LEVEL: 'warn',
      PORT: String(port),
      CHAT_RATE_LIMIT: '0',
      CHAT_IP_RATE_LIMIT: '0',
      WEBHOOK_RATE_LIMIT: '0',
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

export type Shot = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
export type RunResult = {
  rate: number;
  sent: number;
  latencies: number[];
  statuses: Record<string, number>;
  seconds: number;
};

/**
 * Open loop: request i is due at start + i/rate whether or not earlier ones have answered, and its
 * latency runs from that scheduled time, so queueing delay counts (no coordinated omission).
 */
export async function openLoop(baseUrl: string, shots: Shot[], rate: number): Promise<RunResult> {
  const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const start = performance.now() + 50;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < shots.length; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const shot = shots[i]!;
    inflight.push(
      request(`${baseUrl}${shot.path}`, {
        method: shot.method,
        headers: shot.headers,
        body: shot.body,
        dispatcher: agent,
      })
        .then(async (res) => {
          await res.body.dump();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        })
        .catch((err: Error) => {
          statuses[err.name] = (statuses[err.name] ?? 0) + 1;
        })
        .finally(() => {
          latencies.push(performance.now() - due);
        }),
    );
  }
  await Promise.all(inflight);
  await agent.close();
  return { rate, sent: shots.length, latencies, statuses, seconds: (performance.now() - start) / 1000 };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(r: RunResult): Record<string, string | number> {
  const s = [...r.latencies].sort((a, b) => a - b);
  const f = (v: number) => Number(v.toFixed(2));
  return {
    rate: r.rate,
    sent: r.sent,
    p50_ms: f(percentile(s, 50)),
    p95_ms: f(percentile(s, 95)),
    p99_ms: f(percentile(s, 99)),
    max_ms: f(s[s.length - 1] ?? Number.NaN),
    statuses: JSON.stringify(r.statuses),
  };
}

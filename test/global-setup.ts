// Starts the loopback services every test file shares: the Neon WebSocket-to-TCP proxy in front of
// the real PostgreSQL and the Upstash-compatible REST bridge in front of the real Redis. With CI=true
// an unreachable service fails the run; locally the suites that need it are skipped and say so.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startWsProxy } from '../src/db/ws-proxy.ts';
import { TEST_SECRETS } from './support/config.ts';
import { CAPTURE_DIR, PG_HOST, PG_PORT, REDIS_URL, reachable } from './support/services.ts';
import { startUpstashBridge } from './support/upstash-bridge.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAvailable: boolean;
    wsProxy: string;
    redisAvailable: boolean;
    upstashUrl: string;
    upstashToken: string;
  }
}

export default async function setup(project: TestProject) {
  const ci = process.env.CI === 'true';
  const redisUrl = new URL(REDIS_URL);
  const [pg, redis] = await Promise.all([
    reachable(PG_HOST, PG_PORT),
    reachable(redisUrl.hostname, Number(redisUrl.port || 6379)),
  ]);
  const missing = [!pg && `PostgreSQL at ${PG_HOST}:${PG_PORT}`, !redis && `Redis at ${REDIS_URL}`].filter(
    Boolean,
  );
  if (missing.length > 0) {
    if (ci) throw new Error(`CI=true and unreachable: ${missing.join(', ')}`);
    process.stderr.write(
      `\n[ledgerdesk tests] unreachable: ${missing.join(', ')}. Suites that need ${missing.length > 1 ? 'them' : 'it'} are SKIPPED; PGlite suites still run.\n\n`,
    );
  }
  const stops: (() => Promise<void>)[] = [];
  project.provide('pgAvailable', pg);
  project.provide('redisAvailable', redis);
  project.provide('wsProxy', '');
  project.provide('upstashUrl', '');
  project.provide('upstashToken', '');
  if (pg) {
    const proxy = await startWsProxy({ host: '127.0.0.1', port: 0 });
    stops.push(() => proxy.close());
    project.provide('wsProxy', `127.0.0.1:${proxy.port}`);
  }
  if (redis) {
    const token = `test-token-${process.pid}`;
    const bridge = await startUpstashBridge({ redisUrl: REDIS_URL, token, port: 0 });
    stops.push(() => bridge.close());
    project.provide('upstashUrl', bridge.url);
    project.provide('upstashToken', bridge.token);
  }
  rmSync(CAPTURE_DIR, { recursive: true, force: true });
  return async () => {
    for (const stop of stops) await stop();
    scanCapturedOutput();
  };
}

/**
 * Invariant 8 over the whole suite: no configured secret value appears in any log line or HTTP
 * response any test produced. Runs after every file; a finding fails the run (naming the secret's
 * variable and where, never the value).
 */
function scanCapturedOutput(): void {
  if (!existsSync(CAPTURE_DIR)) return;
  const findings: string[] = [];
  let scanned = 0;
  for (const file of readdirSync(CAPTURE_DIR)) {
    const lines = readFileSync(join(CAPTURE_DIR, file), 'utf8').split('\n').filter(Boolean);
    scanned += lines.length;
    for (const line of lines) {
      const { kind, text } = JSON.parse(line) as { kind: string; text: string };
      for (const [name, value] of Object.entries(TEST_SECRETS)) {
        for (const part of value.split(',')) {
          const secret = part.includes(':') && name === 'SUPPORT_API_KEYS' ? part.split(':')[1]! : part;
          if (text.includes(secret))
            findings.push(`${name} in a ${kind} (${text.slice(0, 80).replaceAll(secret, '***')}…)`);
        }
      }
    }
  }
  process.stderr.write(
    `[ledgerdesk tests] secret scan: ${scanned} captured log lines and responses, ${findings.length} findings\n`,
  );
  if (findings.length > 0)
    throw new Error(`configured secrets leaked:\n${[...new Set(findings)].join('\n')}`);
}

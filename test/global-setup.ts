// Starts the loopback services every test file shares: the Neon WebSocket-to-TCP proxy in front of
// the real PostgreSQL and the Upstash-compatible REST bridge in front of the real Redis. With CI=true
// an unreachable service fails the run; locally the suites that need it are skipped and say so.
import type { TestProject } from 'vitest/node';
import { startWsProxy } from '../src/db/ws-proxy.ts';
import { PG_HOST, PG_PORT, REDIS_URL, reachable } from './support/services.ts';
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
  return async () => {
    for (const stop of stops) await stop();
  };
}

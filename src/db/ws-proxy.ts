// A WebSocket-to-TCP proxy on loopback: the role Neon's `wsproxy` plays in front of its Postgres, so
// the production driver (`@neondatabase/serverless`, Pool and interactive transactions) can reach a
// plain local PostgreSQL in development and tests. One WebSocket carries one Postgres connection;
// frames are opaque bytes in both directions.
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { NeonConfig, Pool } from '@neondatabase/serverless';
import { WebSocket, WebSocketServer } from 'ws';

export type WsProxyOptions = {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Target hosts a client may ask for. Loopback only by default: this is an open relay otherwise. */
  allowedHosts?: string[];
};

export type WsProxy = { port: number; host: string; close(): Promise<void> };

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];
// Pause the Postgres side while this much is queued towards a slow WebSocket reader.
const WS_HIGH_WATER = 1 << 20;
const CLOSE_GRACE_MS = 1000;

type Target = { host: string; port: number };
type Link = { client: Duplex; tcp: Socket; ws?: WebSocket };

/** Reads `?address=host:port` (the form the Neon driver sends); IPv6 may be bracketed or bare. */
export function parseTargetAddress(reqUrl: string | undefined): Target | undefined {
  const address = new URL(reqUrl ?? '/', 'http://proxy').searchParams.get('address');
  if (!address) return undefined;
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const host = address
    .slice(0, colon)
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  const portText = address.slice(colon + 1);
  const port = Number(portText);
  if (!host || !/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) return undefined;
  return { host, port };
}

export async function startWsProxy(opts: WsProxyOptions = {}): Promise<WsProxy> {
  const host = opts.host ?? '127.0.0.1';
  const allowed = new Set((opts.allowedHosts ?? LOOPBACK_HOSTS).map((h) => h.toLowerCase()));
  const links = new Set<Link>();
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_req, res) => {
    res
      .writeHead(426, { 'content-type': 'text/plain', connection: 'close' })
      .end('WebSocket upgrade required\n');
  });

  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    // An error on the raw upgrade socket must not become an uncaught exception.
    client.on('error', () => client.destroy());
    const target = parseTargetAddress(req.url);
    if (!target) return refuse(client, 400, 'Bad Request');
    if (!allowed.has(target.host)) return refuse(client, 403, 'Forbidden');
    (client as Socket).setNoDelay?.(true);

    // Connect to Postgres before accepting the WebSocket, so an unreachable target is an HTTP 502
    // on the handshake (a clear error in the driver) rather than an open socket that closes at once.
    const tcp = connect({ host: target.host, port: target.port });
    tcp.setNoDelay(true);
    const link: Link = { client, tcp };
    links.add(link);
    // A link is gone only when both sockets are, so close() can wait for closing handshakes.
    let open = 2;
    const release = () => {
      if (--open === 0) links.delete(link);
    };
    client.once('close', release);
    tcp.once('close', release);
    // Until the WebSocket exists these handlers own both sockets; afterwards `pipe` does.
    client.once('close', () => {
      if (!link.ws) tcp.destroy();
    });
    tcp.on('error', () => {
      if (!link.ws) refuse(client, 502, 'Bad Gateway');
    });
    tcp.once('connect', () => {
      if (client.destroyed) return void tcp.destroy();
      // ws answers an invalid handshake itself and never calls back; the client 'close' above
      // then releases the TCP side.
      wss.handleUpgrade(req, client, head, (ws) => {
        link.ws = ws;
        pipe(ws, tcp);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('ws-proxy: no TCP address');

  return {
    host,
    port: address.port,
    close: async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Say goodbye properly first: a client torn down mid-handshake reports an error to its pool
      // even after the pool has ended.
      for (const link of links) {
        if (link.ws?.readyState === WebSocket.OPEN) link.ws.close(1001, 'proxy closing');
        else if (!link.ws) link.client.destroy();
      }
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (links.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const link of links) {
        link.ws?.terminate();
        link.tcp.destroy();
        link.client.destroy();
      }
      wss.close();
      await stopped;
    },
  };
}

function refuse(client: Duplex, status: number, reason: string): void {
  if (client.writable)
    client.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else client.destroy();
}

function pipe(ws: WebSocket, tcp: Socket): void {
  ws.binaryType = 'nodebuffer';
  let finished = false;
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    // end() lets Postgres see the Terminate message the driver sent before closing the WebSocket.
    if (!tcp.destroyed) tcp.end();
    // A WebSocket paused for backpressure (Postgres not keeping up) never reads the client's
    // closing frame, and both sides then wait out ws's 30 s close timeout with the driver's query
    // hanging: read again, and cut the connection if the handshake still has not finished.
    ws.resume();
    if (ws.readyState === WebSocket.OPEN) ws.close(code);
    else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    setTimeout(() => {
      if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    }, CLOSE_GRACE_MS).unref();
  };

  ws.on('message', (data: Buffer) => {
    if (!tcp.write(data)) ws.pause();
  });
  tcp.on('drain', () => ws.resume());
  tcp.on('data', (chunk: Buffer) => {
    ws.send(chunk, { binary: true }, () => {
      if (tcp.isPaused() && ws.bufferedAmount < WS_HIGH_WATER / 2) tcp.resume();
    });
    if (ws.bufferedAmount > WS_HIGH_WATER) tcp.pause();
  });

  ws.on('close', () => finish(1000));
  ws.on('error', () => {
    tcp.destroy();
    finish(1011);
  });
  tcp.on('end', () => finish(1000));
  tcp.on('close', (hadError) => finish(hadError ? 1011 : 1000));
  tcp.on('error', () => finish(1011));
}

/** The neonConfig settings that matter when talking to this proxy instead of Neon. */
export type NeonLocalConfig = Pick<
  NeonConfig,
  | 'wsProxy'
  | 'useSecureWebSocket'
  | 'pipelineTLS'
  | 'pipelineConnect'
  | 'coalesceWrites'
  | 'webSocketConstructor'
>;

/**
 * Settings for reaching Postgres through the proxy at `proxyHost:proxyPort`:
 * - plain ws:// on loopback, and no pipelined TLS (there is no TLS to pipeline);
 * - pipelineConnect off: it assumes cleartext-password auth, which a local server may not use;
 * - coalesceWrites off: measured through this proxy ~0.25 ms per query against ~1.4 ms with it on,
 *   since coalescing waits a macrotask before every send;
 * - webSocketConstructor `ws`: not strictly needed on Node 22+ (the driver falls back to the global
 *   WebSocket, measured at the same speed), but the global one reported an ErrorEvent to an already
 *   ended pool when a closing socket was torn down, and `ws` did not; `ws` also sets TCP_NODELAY.
 */
export function neonLocalConfig(proxyPort: number, proxyHost = '127.0.0.1'): NeonLocalConfig {
  const authority = proxyHost.includes(':') ? `[${proxyHost}]:${proxyPort}` : `${proxyHost}:${proxyPort}`;
  return {
    wsProxy: (host, port) => `${authority}/v2?address=${host}:${port}`,
    useSecureWebSocket: false,
    pipelineTLS: false,
    pipelineConnect: false,
    coalesceWrites: false,
    webSocketConstructor: WebSocket,
  };
}

/**
 * Sets the local settings on a neonConfig-like target: the global `neonConfig` class, or one
 * client's own `client.neonConfig` (per-instance settings, read at connect time, win over the global).
 */
export function applyNeonLocalConfig(target: NeonLocalConfig, settings: NeonLocalConfig): void {
  target.wsProxy = settings.wsProxy;
  target.useSecureWebSocket = settings.useSecureWebSocket;
  target.pipelineTLS = settings.pipelineTLS;
  target.pipelineConnect = settings.pipelineConnect;
  target.coalesceWrites = settings.coalesceWrites;
  target.webSocketConstructor = settings.webSocketConstructor;
}

/**
 * Makes every client this pool creates from now on use `settings`, leaving the global neonConfig
 * alone, so one process can hold a local pool and a real Neon pool side by side. The Neon Pool
 * ignores a `Client` constructor option (its own class field overwrites it), so this swaps the
 * pool's `Client` property for a subclass that configures each instance before it connects.
 */
export function applyNeonLocalConfigToPool<P extends Pool>(pool: P, settings: NeonLocalConfig): P {
  const Base = pool.Client;
  pool.Client = class LocalNeonClient extends Base {
    constructor(...args: ConstructorParameters<typeof Base>) {
      super(...args);
      applyNeonLocalConfig(this.neonConfig, settings);
    }
  };
  return pool;
}

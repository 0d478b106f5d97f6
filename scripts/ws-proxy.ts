// npm run db:proxy -- [port] : the loopback WebSocket-to-TCP proxy that lets the Neon serverless
// driver reach a plain PostgreSQL (set DATABASE_WS_PROXY=127.0.0.1:<port>). Loopback targets only.
import { startWsProxy } from '../src/db/ws-proxy.ts';

const port = Number(process.argv[2] ?? process.env.WS_PROXY_PORT ?? 5433);
const proxy = await startWsProxy({ host: '127.0.0.1', port });
process.stdout.write(`ws-proxy listening on 127.0.0.1:${proxy.port}\n`);
const stop = () => proxy.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

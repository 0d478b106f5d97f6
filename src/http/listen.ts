import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';

/** Serves `fetch` on host:port and resolves once listening (rejects if the port cannot be bound). */
export async function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  port: number,
  hostname: string,
): Promise<ServerType> {
  const server = serve({ fetch, port, hostname });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

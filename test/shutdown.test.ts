// Graceful shutdown of the real server process: SIGTERM stops accepting, lets the request in flight
// finish (its event is stored), closes the database and exits 0; a restart finds the event.

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenario } from './factories/stripe-events.ts';
import { PROCESS_SECRETS, startServerProcess } from './support/server-process.ts';
import { signPayload } from './support/stripe.ts';

describe('graceful shutdown', () => {
  it('finishes the request in flight on SIGTERM, refuses new ones, and exits 0 with the event stored', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-shutdown-'));
    try {
      const server = await startServerProcess({ DATA_DIR: dataDir, WORKER_ENABLED: 'true' });
      const event = scenario.activeMonthly({ customerId: 'cus_sd', authUserId: 'user_sd' }).events[0]!;
      const body = JSON.stringify(event);
      const url = new URL(`${server.url}/webhooks/stripe`);
      // Send the headers and half the body, then SIGTERM, then the rest: the request is in flight.
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'stripe-signature': signPayload(body, {
                secret: PROCESS_SECRETS.STRIPE_WEBHOOK_SECRET,
                timestamp: Math.floor(Date.now() / 1000),
              }),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => {
              text += String(d);
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 40));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(40)), 300);
        }, 200);
      });
      const exited = new Promise<number | null>((resolve) =>
        server.child.once('exit', (code) => resolve(code)),
      );
      const res = await response;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ received: true, outcome: 'applied' });
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      expect(await exited).toBe(0);

      const again = await startServerProcess({ DATA_DIR: dataDir, WORKER_ENABLED: 'false' });
      try {
        const dup = await fetch(`${again.url}/webhooks/stripe`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signPayload(body, {
              secret: PROCESS_SECRETS.STRIPE_WEBHOOK_SECRET,
              timestamp: Math.floor(Date.now() / 1000),
            }),
          },
          body,
        });
        expect(await dup.json()).toMatchObject({ outcome: 'duplicate' });
      } finally {
        await again.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

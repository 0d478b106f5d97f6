import type { AddressInfo } from 'node:net';
import { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { PG_HOST, PG_PORT, PG_USER, reachable } from '../../test/support/services.ts';
import { CoalescingWebSocket, withoutFlushBeforeSync } from './coalescing-websocket.ts';
import { applyNeonLocalConfig, neonLocalConfig, startWsProxy, type WsProxy } from './ws-proxy.ts';

const ci = process.env.CI === 'true';
const pgUp = await reachable(PG_HOST, PG_PORT);

let server: WebSocketServer;
let url: string;
const received: Buffer[][] = [];
beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('connection', (socket) => {
    const frames: Buffer[] = [];
    received.push(frames);
    socket.on('message', (data) => frames.push(data as Buffer));
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

describe('CoalescingWebSocket', () => {
  it('sends the writes of one synchronous burst as one frame, in order', async () => {
    const ws = new CoalescingWebSocket(url);
    await new Promise((r) => ws.once('open', r));
    for (const part of ['P', 'B', 'D', 'E', 'S']) ws.send(bytes(part));
    await new Promise((r) => setTimeout(r, 50));
    ws.send(bytes('next'));
    await new Promise((r) => setTimeout(r, 50));
    const frames = received.at(-1)!;
    expect(frames.map(String)).toEqual(['PBDES', 'next']);
    ws.close();
  });

  it('keeps writes made while still connecting and delivers them after open', async () => {
    const ws = new CoalescingWebSocket(url);
    ws.send(bytes('early-1'));
    ws.send(bytes('early-2'));
    await new Promise((r) => ws.once('open', r));
    await new Promise((r) => setTimeout(r, 50));
    expect(received.at(-1)!.map(String).join('')).toBe('early-1early-2');
    ws.close();
  });
});

const FLUSH = [0x48, 0, 0, 0, 4];
const SYNC = [0x53, 0, 0, 0, 4];
const msg = (...b: number[]) => new Uint8Array(b);

describe('withoutFlushBeforeSync', () => {
  it('drops a Flush message that the next part, a Sync, makes redundant', () => {
    const execute = msg(0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0);
    const out = withoutFlushBeforeSync([execute, msg(...FLUSH), msg(...SYNC)]);
    expect(out.map((p) => [...p])).toEqual([[...execute], SYNC]);
  });

  it('keeps a Flush that no Sync follows (a cursor reading rows asks for them with Flush alone)', () => {
    const execute = msg(0x45, 0, 0, 0, 9, 0, 0, 0, 0, 100);
    expect(withoutFlushBeforeSync([execute, msg(...FLUSH)]).map((p) => [...p])).toEqual([
      [...execute],
      FLUSH,
    ]);
    const next = msg(0x42, 0, 0, 0, 4);
    expect(withoutFlushBeforeSync([msg(...FLUSH), next]).map((p) => [...p])).toEqual([FLUSH, [...next]]);
  });

  it('leaves parts alone that only look alike (other lengths, other bytes)', () => {
    const longer = msg(...FLUSH, 0);
    const other = msg(0x48, 0, 0, 0, 5);
    expect(withoutFlushBeforeSync([longer, msg(...SYNC)])).toHaveLength(2);
    expect(withoutFlushBeforeSync([other, msg(...SYNC)])).toHaveLength(2);
  });
});

describe.skipIf(!pgUp && !ci)(
  'CoalescingWebSocket under the Neon driver, through the proxy, on PostgreSQL',
  () => {
    let proxy: WsProxy;
    beforeAll(async () => {
      if (!pgUp) throw new Error(`CI=true and PostgreSQL is unreachable at ${PG_HOST}:${PG_PORT}`);
      proxy = await startWsProxy();
    });
    afterAll(() => proxy?.close());

    it('answers a committed write in one frame: results and ReadyForQuery together, after the commit', async () => {
      const sockets: CoalescingWebSocket[] = [];
      class Recording extends CoalescingWebSocket {
        constructor(...args: ConstructorParameters<typeof CoalescingWebSocket>) {
          super(...args);
          sockets.push(this);
        }
      }
      const client = new Client({ connectionString: `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/postgres` });
      applyNeonLocalConfig(client.neonConfig, {
        ...neonLocalConfig(proxy.port),
        webSocketConstructor: Recording,
      });
      await client.connect();
      // A real (logged) table: its commit waits for the WAL flush, between the two packets PostgreSQL
      // sent when the driver's Flush came before the Sync.
      const table = `ld_cws_${process.pid}_${Date.now()}`;
      try {
        await client.query(`create table ${table} (id int primary key)`);
        const frames: Buffer[] = [];
        // The driver sets binaryType 'arraybuffer'.
        sockets[0]!.on('message', (data: ArrayBuffer) => frames.push(Buffer.from(data)));
        for (let i = 1; i <= 5; i++) {
          const before = frames.length;
          const { rows } = await client.query({
            text: `insert into ${table} values ($1) returning id`,
            values: [i],
            name: 'ld_cws_insert',
          });
          expect(rows).toEqual([{ id: i }]);
          const answer = frames.slice(before);
          expect(answer).toHaveLength(1);
          // The frame ends with ReadyForQuery ('Z', length 5, idle).
          expect([...answer[0]!.subarray(-6)]).toEqual([0x5a, 0, 0, 0, 5, 0x49]);
        }
      } finally {
        await client.query(`drop table if exists ${table}`);
        await client.end();
      }
    });
  },
);

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { CoalescingWebSocket } from './coalescing-websocket.ts';

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

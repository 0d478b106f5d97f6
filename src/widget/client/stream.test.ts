import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSseData, readUIChunks } from './stream.ts';

function streamOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(p);
      c.close();
    },
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The bytes the `ai` package writes for a typical turn (progress, text with non-ASCII, metadata). */
async function sdkBytes(): Promise<Uint8Array> {
  const stream = createUIMessageStream({
    execute: ({ writer }) => {
      writer.write({ type: 'start', messageId: 'm1' });
      writer.write({
        type: 'data-progress',
        id: 'c1',
        data: { tool: 'getAccountOverview', status: 'running' },
      });
      writer.write({ type: 'text-start', id: 't1' });
      writer.write({ type: 'text-delta', id: 't1', delta: 'Tu suscripción está activa. ' });
      writer.write({ type: 'text-delta', id: 't1', delta: 'Dein Zugang läuft — 29.00 € ✓' });
      writer.write({ type: 'text-end', id: 't1' });
      writer.write({ type: 'finish', messageMetadata: { outcome: 'answered', model: 'offline' } });
    },
  });
  return new Uint8Array(await createUIMessageStreamResponse({ stream }).arrayBuffer());
}

describe('UI message stream reader', () => {
  it('reads every chunk the ai package writes, in order, and stops at [DONE]', async () => {
    const chunks = await collect(readUIChunks(streamOf([await sdkBytes()])));
    expect(chunks.map((c) => c.type)).toEqual([
      'start',
      'data-progress',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(chunks.at(-1)?.messageMetadata).toEqual({ outcome: 'answered', model: 'offline' });
  });

  it('gives the same chunks however the bytes are split across reads, even inside a character', async () => {
    const bytes = await sdkBytes();
    const expected = await collect(readUIChunks(streamOf([bytes])));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const parts = points.slice(1).map((end, i) => bytes.slice(points[i], end));
          expect(await collect(readUIChunks(streamOf(parts)))).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('accepts CRLF line endings, comments, multi-line data and a missing final blank line', async () => {
    const text = ': keep-alive\r\ndata: {"type":"a",\r\ndata: "n":1}\r\n\r\nevent: x\ndata:{"type":"b"}';
    const data = await collect(readSseData(streamOf([new TextEncoder().encode(text)])));
    expect(data).toEqual(['{"type":"a",\n"n":1}', '{"type":"b"}']);
  });

  it('treats an event that is not a typed JSON object as a protocol error', async () => {
    const bad = streamOf([new TextEncoder().encode('data: {"no":"type"}\n\n')]);
    await expect(collect(readUIChunks(bad))).rejects.toThrow(/malformed/);
    const notJson = streamOf([new TextEncoder().encode('data: <html>\n\n')]);
    await expect(collect(readUIChunks(notJson))).rejects.toThrow();
  });
});

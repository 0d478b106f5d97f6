// A small reader for the AI SDK UI message stream (SSE `data: {json}` events, ending with
// `data: [DONE]`). The `ai` package's own client reader would cost ~50 KB gzipped on its own, the
// widget's whole budget, so the widget reads the wire format directly.

/** One UI message stream chunk; only the fields the widget reads are typed. */
export type UIChunk = {
  type: string;
  id?: string;
  delta?: string;
  data?: unknown;
  errorText?: string;
  messageId?: string;
  messageMetadata?: unknown;
  [key: string]: unknown;
};

/** Yields each event's data (multi-line data joined with \n), skipping comments and other fields. */
export async function* readSseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length > 0) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        nl = buffer.indexOf('\n');
      }
      if (done) break;
    }
    // A stream cut without its final blank line still delivers the last complete event.
    if (buffer.startsWith('data:')) data.push(buffer.slice(buffer.startsWith('data: ') ? 6 : 5));
    if (data.length > 0) yield data.join('\n');
  } finally {
    reader.releaseLock();
  }
}

/** Parses the chunks of a UI message stream; a malformed event is a protocol error (thrown). */
export async function* readUIChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<UIChunk> {
  for await (const data of readSseData(body)) {
    if (data === '[DONE]') return;
    const chunk = JSON.parse(data) as unknown;
    if (typeof chunk !== 'object' || chunk === null || typeof (chunk as UIChunk).type !== 'string') {
      throw new Error('malformed stream chunk');
    }
    yield chunk as UIChunk;
  }
}

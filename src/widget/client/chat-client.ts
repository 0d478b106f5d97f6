// One chat turn over HTTP: POST the new message, read the UI message stream, and say how it ended as
// data the element renders. Every server-provided string stays a string (rendered as text only).
import type { ChatMetadata } from '../../agent/chat-types.ts';
import { readUIChunks } from './stream.ts';

export type TurnMeta = {
  outcome: 'answered' | 'handoff' | undefined;
  handoff: { id: string; reason: string; tag: string } | undefined;
  conversationId: string | undefined;
  model: string | undefined;
};

export type TurnResult =
  | { kind: 'done'; text: string; meta: TurnMeta }
  | { kind: 'rate_limited'; retryAfterS: number; detail: string | undefined }
  | { kind: 'unauthorized'; detail: string | undefined }
  /** A 4xx the customer can act on (too long, turn limit); `detail` is the server's problem detail. */
  | { kind: 'rejected'; status: number; detail: string | undefined }
  /** 5xx, network failure, a stream error or a stream that ended early. */
  | { kind: 'failed'; detail: string | undefined; started: boolean }
  | { kind: 'aborted' };

export type TurnRequest = {
  api: string;
  token: string | null;
  conversationId: string | undefined;
  messageId: string;
  text: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
};

export type TurnEvents = {
  onProgress(p: { id: string; tool: string; status: string }): void;
  onText(delta: string): void;
};

export async function sendTurn(req: TurnRequest, ev: TurnEvents): Promise<TurnResult> {
  const doFetch = req.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(req.api, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
      },
      body: JSON.stringify({
        ...(req.conversationId ? { id: req.conversationId } : {}),
        message: { id: req.messageId, role: 'user', parts: [{ type: 'text', text: req.text }] },
      }),
      signal: req.signal,
    });
  } catch (err) {
    return isAbort(err) ? { kind: 'aborted' } : { kind: 'failed', detail: undefined, started: false };
  }
  if (!res.ok || !res.body) return failure(res);
  return readTurn(res.body, ev).catch((err: unknown) =>
    isAbort(err)
      ? { kind: 'aborted' as const }
      : { kind: 'failed' as const, detail: undefined, started: true },
  );
}

async function readTurn(body: ReadableStream<Uint8Array>, ev: TurnEvents): Promise<TurnResult> {
  let text = '';
  let meta: Record<string, unknown> = {};
  for await (const chunk of readUIChunks(body)) {
    if (chunk.messageMetadata && typeof chunk.messageMetadata === 'object')
      meta = { ...meta, ...(chunk.messageMetadata as Record<string, unknown>) };
    if (chunk.type === 'text-delta' && typeof chunk.delta === 'string') {
      text += chunk.delta;
      ev.onText(chunk.delta);
    } else if (chunk.type === 'data-progress' && typeof chunk.data === 'object' && chunk.data) {
      const d = chunk.data as Record<string, unknown>;
      ev.onProgress({
        id: String(chunk.id ?? ''),
        tool: String(d.tool ?? ''),
        status: String(d.status ?? ''),
      });
    } else if (chunk.type === 'error') {
      return { kind: 'failed', detail: strOf(chunk.errorText), started: true };
    } else if (chunk.type === 'abort') {
      return { kind: 'failed', detail: undefined, started: true };
    } else if (chunk.type === 'finish') {
      return { kind: 'done', text, meta: readMeta(meta) };
    }
  }
  // No finish chunk: the connection dropped mid-turn.
  return { kind: 'failed', detail: undefined, started: true };
}

async function failure(res: Response): Promise<TurnResult> {
  const detail = await res
    .json()
    .then((p: unknown) => strOf((p as { detail?: unknown } | null)?.detail))
    .catch(() => undefined);
  if (res.status === 429) {
    const retry = Number(res.headers.get('retry-after'));
    return { kind: 'rate_limited', retryAfterS: Number.isFinite(retry) && retry > 0 ? retry : 30, detail };
  }
  if (res.status === 401) return { kind: 'unauthorized', detail };
  if (res.status >= 400 && res.status < 500) return { kind: 'rejected', status: res.status, detail };
  return { kind: 'failed', detail: undefined, started: false };
}

/** Reads the metadata defensively: it crosses the network, so its shape is checked, not assumed. */
export function readMeta(m: Record<string, unknown>): TurnMeta {
  const h = m.handoff as Partial<ChatMetadata['handoff']> | undefined;
  const handoff =
    h && typeof h === 'object' && typeof h.id === 'string'
      ? { id: h.id, reason: String(h.reason ?? ''), tag: String(h.tag ?? '') }
      : undefined;
  const outcome = m.outcome === 'answered' || m.outcome === 'handoff' ? m.outcome : undefined;
  return { outcome, handoff, conversationId: strOf(m.conversationId), model: strOf(m.model) };
}

function strOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v.slice(0, 2000) : undefined;
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

// Everything the eval does to the service goes over HTTP through the public routes: signed Stripe
// webhooks, the host app's link and entitlement API, the support API, and the customer chat.
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { sign } from 'hono/jwt';
import Stripe from 'stripe';
import type { ChatUIMessage } from '../src/agent/chat-types.ts';
import type { EvalService } from './service.ts';

const stripe = new Stripe('sk_test_eval_unused');

export type EvalClient = ReturnType<typeof createClient>;

export type ChatTurn = {
  text: string;
  outcome: 'answered' | 'handoff' | 'error';
  handoff?: { id: string; reason: string; tag: string };
  model?: string;
  conversationId?: string;
  status: number;
  ms: number;
};

export function createClient(service: Pick<EvalService, 'url' | 'secrets' | 'clock'>) {
  const { url, secrets, clock } = service;
  const host = { authorization: `Bearer ${secrets.hostApiKey}` };
  const staff = { authorization: `Bearer ${secrets.staffKey}` };

  async function json<T>(res: Response, what: string): Promise<T> {
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  return {
    /** Signs like Stripe does, at the service's clock (the route checks the timestamp against it). */
    async sendEvent(event: unknown): Promise<{ outcome: string }> {
      const payload = JSON.stringify(event);
      const header = stripe.webhooks.generateTestHeaderString({
        payload,
        secret: secrets.webhookSecret,
        timestamp: clock.seconds(),
      });
      const res = await fetch(`${url}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
        body: payload,
      });
      return json(res, 'POST /webhooks/stripe');
    },

    async link(body: { authUserId: string; stripeCustomerId: string; email?: string }): Promise<void> {
      const res = await fetch(`${url}/v1/customers/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...host },
        body: JSON.stringify(body),
      });
      await json(res, 'POST /v1/customers/link');
    },

    async access(authUserId: string): Promise<AccessView> {
      const res = await fetch(`${url}/v1/access/${encodeURIComponent(authUserId)}`, { headers: host });
      return json(res, 'GET /v1/access');
    },

    async myAccess(token: string): Promise<AccessView> {
      const res = await fetch(`${url}/v1/me/access`, { headers: { authorization: `Bearer ${token}` } });
      return json(res, 'GET /v1/me/access');
    },

    /** The support profile (the full canonical record); null for a customer the service never saw. */
    async profile(stripeCustomerId: string): Promise<SupportProfile | null> {
      const res = await fetch(`${url}/v1/support/customers/${stripeCustomerId}`, { headers: staff });
      if (res.status === 404) return null;
      return json(res, 'GET /v1/support/customers/:id');
    },

    async token(authUserId: string): Promise<string> {
      // Minted the way a host app does; it outlives any run (the eval clock is not the JWT clock).
      return sign({ sub: authUserId, exp: Math.floor(Date.now() / 1000) + 3600 }, secrets.chatJwtSecret);
    },

    /** One chat turn, read with the `ai` package's own UI message stream reader (as useChat does). */
    async chat(text: string, o: { token?: string; conversationId?: string } = {}): Promise<ChatTurn> {
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/chat`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(o.token && { authorization: `Bearer ${o.token}` }),
        },
        body: JSON.stringify({
          conversationId: o.conversationId,
          message: { role: 'user', parts: [{ type: 'text', text }] },
        }),
      });
      if (res.status !== 200 || !res.body) {
        const body = await res.text();
        return { text: body, outcome: 'error', status: res.status, ms: performance.now() - t0 };
      }
      const message = await lastMessage(res.body);
      const meta = message?.metadata;
      const answer = (message?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
      return {
        text: answer,
        outcome: meta?.outcome ?? 'error',
        ...(meta?.handoff && { handoff: meta.handoff }),
        model: meta?.model,
        conversationId: meta?.conversationId ?? res.headers.get('x-conversation-id') ?? undefined,
        status: res.status,
        ms: performance.now() - t0,
      };
    },
  };
}

async function lastMessage(body: ReadableStream<Uint8Array>): Promise<ChatUIMessage | undefined> {
  const chunks = body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(sseToChunks());
  let last: ChatUIMessage | undefined;
  for await (const m of readUIMessageStream<ChatUIMessage>({ stream: chunks, terminateOnError: true }))
    last = m;
  return last;
}

/** SSE events to UI message chunks (what DefaultChatTransport does before useChat reads them). */
function sseToChunks(): TransformStream<string, UIMessageChunk> {
  let buffer = '';
  const flush = (event: string, controller: TransformStreamDefaultController<UIMessageChunk>) => {
    for (const line of event.split('\n')) {
      if (!line.startsWith('data: ')) continue; // keep-alive comments
      const data = line.slice('data: '.length).trim();
      if (data && data !== '[DONE]') controller.enqueue(JSON.parse(data) as UIMessageChunk);
    }
  };
  return new TransformStream({
    transform(text, controller) {
      buffer += text;
      let i = buffer.indexOf('\n\n');
      while (i >= 0) {
        flush(buffer.slice(0, i), controller);
        buffer = buffer.slice(i + 2);
        i = buffer.indexOf('\n\n');
      }
    },
    flush(controller) {
      if (buffer) flush(buffer, controller);
    },
  });
}

export type AccessView = {
  hasAccess: boolean;
  plan: string | null;
  status: string;
  reason: string;
  needsReview: boolean;
  asOf: string;
};

/** The parts of the support profile the eval reads (the record is the canonical billing record). */
export type SupportProfile = {
  record: {
    stripeCustomerId: string;
    authUserId: string | null;
    deleted: boolean;
    subscription: {
      status: string;
      planId: string | null;
      planName: string | null;
      priceId: string | null;
      interval: string | null;
      currentPeriodEnd: string | null;
      cancelAtPeriodEnd: boolean;
      cancelAt: string | null;
      canceledAt: string | null;
      endedAt: string | null;
      trialEnd: string | null;
      statusSince: string | null;
    } | null;
    lastPayment: { status: string; amount: number; currency: string | null; at: string } | null;
    firstFailedPaymentAt: string | null;
    review: { state: 'ok' | 'needs_review'; reason: string | null };
    facts: {
      payments: {
        v: { created: number; rank: number };
        kind: string;
        status: string;
        amount: number;
        currency: string | null;
      }[];
    };
  };
  access: AccessView;
};

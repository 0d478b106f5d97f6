import type { LanguageModel } from 'ai';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { type CustomerTokenVerifier, customerAuth, hs256Verifier } from '../http/auth.ts';
import { parseJson } from '../http/parse.ts';
import { clientIp, rateLimit } from '../http/rate-limit.ts';
import { type ChatEnv, startChatTurn } from './chat.ts';
import { CHAT_LIMITS, ChatBody, readNewMessage } from './chat-request.ts';
import { type InjectionScreen, loadInjectionScreen } from './guard/screen.ts';
import { anyVerifier, jwksVerifier } from './jwks.ts';
import { createModel, modelLabel } from './models/index.ts';

export type AgentRouteOptions = {
  model?: LanguageModel;
  screen?: InjectionScreen;
  verifier?: CustomerTokenVerifier;
  timeoutMs?: number;
  maxTurns?: number;
  allowedLinkHosts?: string[];
};

function customerVerifier(deps: Deps): CustomerTokenVerifier {
  const verifiers: CustomerTokenVerifier[] = [];
  if (deps.config.chatJwtSecret) verifiers.push(hs256Verifier(deps.config.chatJwtSecret));
  if (deps.config.CHAT_JWKS_URL) verifiers.push(jwksVerifier({ url: deps.config.CHAT_JWKS_URL }));
  return anyVerifier(verifiers);
}

/** POST /v1/chat: the customer chat, speaking the AI SDK UI message stream protocol. */
export function agentRoutes(deps: Deps, opts: AgentRouteOptions = {}) {
  const app = new Hono<AppEnv>();
  const model = opts.model ?? createModel(deps.config);
  const screen = opts.screen ? Promise.resolve(opts.screen) : loadInjectionScreen();
  const env = async (): Promise<ChatEnv> => ({
    deps,
    model,
    modelLabel: modelLabel(model),
    screen: await screen,
    maxTurns: opts.maxTurns ?? CHAT_LIMITS.maxTurns,
    timeoutMs: opts.timeoutMs ?? 30_000,
    allowedLinkHosts: opts.allowedLinkHosts ?? ['invoice.stripe.com', 'pay.stripe.com'],
  });

  app.post(
    '/v1/chat',
    bodyLimit({
      maxSize: CHAT_LIMITS.maxBodyBytes,
      onError: () => {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `Chat requests are limited to ${CHAT_LIMITS.maxBodyBytes} bytes.`,
        );
      },
    }),
    rateLimit(deps, 'chat-ip', deps.config.CHAT_IP_RATE_LIMIT, (c) => clientIp(c)),
    customerAuth(opts.verifier ?? customerVerifier(deps), { optional: true }),
    rateLimit(deps, 'chat', deps.config.CHAT_RATE_LIMIT, (c) => {
      const p = c.get('principal');
      return p.kind === 'customer' ? `user:${p.authUserId}` : `anon:${clientIp(c)}`;
    }),
    async (c) => {
      const message = readNewMessage(await parseJson(c, ChatBody));
      return startChatTurn(await env(), c.get('principal'), message);
    },
  );
  return app;
}

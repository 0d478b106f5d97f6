import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { clientIp, rateLimit } from './rate-limit.ts';

/** Default request body limit; routes that need more (Stripe webhook 1 MiB, chat 512 KiB) set their own. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
const OWN_LIMIT = new Set(['/webhooks/stripe', '/v1/chat']);

export function defaultBodyLimit(): MiddlewareHandler<AppEnv> {
  const limit = bodyLimitFromHeaders(DEFAULT_BODY_LIMIT, () => {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Request bodies are limited to ${DEFAULT_BODY_LIMIT / 1024} KiB.`,
    );
  });
  return async function defaultBodyLimit(c, next) {
    if (OWN_LIMIT.has(c.req.path)) return next();
    return limit(c, next);
  };
}

/**
 * hono's bodyLimit, answered from the request headers where they settle it. hono's version starts
 * with `c.req.raw.body`, which makes @hono/node-server build a whole WHATWG Request (headers copied,
 * a ReadableStream) for every request, GETs included: about a tenth of the server's CPU per webhook
 * in bench:webhooks, and a share of every entitlement read in bench:access. Here:
 * - a declared Content-Length (without Transfer-Encoding) is checked as a number: Node's HTTP parser
 *   never reads past it, so the body cannot be longer;
 * - a GET or HEAD with neither header has no body (RFC 9112, 6.3);
 * - anything else (chunked, or a body-carrying method without a length) is counted as it streams,
 *   by hono's own bodyLimit.
 */
export function bodyLimitFromHeaders(maxSize: number, tooLarge: () => never): MiddlewareHandler<AppEnv> {
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async function bodyLimitFromHeaders(c, next) {
    const length = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (length !== undefined && !chunked) {
      if (!/^\d+$/.test(length) || Number(length) > maxSize) tooLarge();
      return next();
    }
    if (!chunked && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    return streamed(c, next);
  };
}

/**
 * Security headers on every response. The demo page and widget need inline styles only; the API
 * answers JSON, so a strict CSP costs nothing.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginResourcePolicy: 'cross-origin',
  });
}

/** CORS only on browser-facing routes, and only for the configured origins. */
export function browserCors(config: Pick<Config, 'CORS_ORIGINS'>): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin) => (config.CORS_ORIGINS.includes(origin) ? origin : null),
    allowHeaders: ['authorization', 'content-type', 'x-request-id'],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    exposeHeaders: ['x-request-id', 'retry-after', 'x-vercel-ai-ui-message-stream', 'x-conversation-id'],
    maxAge: 600,
  });
}

/** Routes with a limiter of their own (the webhook per source IP, the chat per customer and IP). */
const OWN_RATE_LIMIT = ['/webhooks/', '/v1/chat'];

/** One per-IP limit for every other public API route, so no route is unlimited. */
export function apiRateLimit(deps: Pick<Deps, 'redis' | 'log' | 'config'>): MiddlewareHandler<AppEnv> {
  const limit = rateLimit(deps, 'api', deps.config.API_RATE_LIMIT, clientIp);
  return async function apiRateLimit(c, next) {
    if (OWN_RATE_LIMIT.some((p) => c.req.path.startsWith(p))) return next();
    return limit(c, next);
  };
}

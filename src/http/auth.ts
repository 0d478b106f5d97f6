import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { verify } from 'hono/jwt';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

/** Constant-time comparison that does not leak the length of the expected value. */
export function safeEqual(a: string, b: string): boolean {
  return safeEqualTo(b)(a);
}

/** safeEqual against one fixed secret, hashed once (the host key is checked on every entitlement read). */
export function safeEqualTo(expected: string): (candidate: string) => boolean {
  const digest = createHash('sha256').update(expected).digest();
  return (candidate) => timingSafeEqual(createHash('sha256').update(candidate).digest(), digest);
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

/** Server-to-server calls from the host app: `Authorization: Bearer <HOST_API_KEY>`. */
export function hostAuth(config: Pick<Config, 'hostApiKey'>): MiddlewareHandler<AppEnv> {
  const isHostKey = safeEqualTo(config.hostApiKey);
  return async function hostAuth(c, next) {
    const token = bearer(c.req.header('authorization'));
    if (!token || !isHostKey(token)) {
      throw new AppError('UNAUTHORIZED', 'A valid host API key is required.');
    }
    c.set('principal', { kind: 'host' });
    await next();
  };
}

export type CustomerTokenVerifier = (token: string) => Promise<{ sub: string } | null>;

/** HS256 customer tokens minted by the host app; `sub` is the auth user id and `exp` is required. */
export function hs256Verifier(secret: string): CustomerTokenVerifier {
  return async (token) => {
    try {
      const payload = await verify(token, secret, 'HS256');
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200)
        return null;
      if (typeof payload.exp !== 'number') return null;
      return { sub: payload.sub };
    } catch {
      return null;
    }
  };
}

/**
 * The signed-in customer. `optional: true` lets a request without a token through as anonymous
 * (the chat); a present but invalid or expired token is always 401.
 */
export function customerAuth(
  verifyToken: CustomerTokenVerifier,
  opts: { optional?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async function customerAuth(c, next) {
    const header = c.req.header('authorization');
    if (!header) {
      if (!opts.optional) throw new AppError('UNAUTHORIZED', 'A customer token is required.');
      c.set('principal', { kind: 'anonymous' });
      return next();
    }
    const token = bearer(header);
    const claims = token ? await verifyToken(token) : null;
    if (!claims) throw new AppError('UNAUTHORIZED', 'The customer token is invalid or expired.');
    c.set('principal', { kind: 'customer', authUserId: claims.sub });
    await next();
  };
}

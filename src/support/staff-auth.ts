import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { hs256Verifier, safeEqual } from '../http/auth.ts';

type StaffKey = { name: string; key: string };

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

/**
 * The staff key a token matches, comparing against every key so the time taken does not say which
 * key (or how many) came close.
 */
export function matchStaffKey(keys: readonly StaffKey[], token: string): StaffKey | undefined {
  let found: StaffKey | undefined;
  for (const k of keys) if (safeEqual(token, k.key) && !found) found = k;
  return found;
}

/**
 * Support staff: `Authorization: Bearer <one of SUPPORT_API_KEYS>`; the principal carries the key's
 * name for the audit log. A valid customer token is told 403 rather than 401: it is a real identity
 * that may not come here, and retrying with the same credentials will not help.
 */
export function staffAuth(
  config: Pick<Config, 'supportApiKeys' | 'chatJwtSecret'>,
): MiddlewareHandler<AppEnv> {
  const isCustomerToken = config.chatJwtSecret ? hs256Verifier(config.chatJwtSecret) : async () => null;
  return async function staffAuth(c, next) {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw new AppError('UNAUTHORIZED', 'A support API key is required.');
    const staff = matchStaffKey(config.supportApiKeys, token);
    if (staff) {
      c.set('principal', { kind: 'staff', name: staff.name });
      return next();
    }
    if (await isCustomerToken(token)) {
      throw new AppError('FORBIDDEN', 'Customer tokens cannot use the support API.');
    }
    throw new AppError('UNAUTHORIZED', 'A support API key is required.');
  };
}

/** The acting staff member's name; only reachable behind staffAuth. */
export function staffName(principal: AppEnv['Variables']['principal']): string {
  if (principal.kind !== 'staff') throw new AppError('UNAUTHORIZED', 'A support API key is required.');
  return principal.name;
}

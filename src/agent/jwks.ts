// Customer tokens signed by an identity provider (Clerk, Auth0, Supabase Auth...) and verified with
// its published keys (RS256/ES256). Keys are cached: fetching them on every chat turn would put the
// provider's latency and rate limits on the chat path.
import { Jwt } from 'hono/utils/jwt';
import type { CustomerTokenVerifier } from '../http/auth.ts';

type Jwk = JsonWebKey & { kid?: string; alg?: string };

export type JwksOptions = {
  url: string;
  /** How long fetched keys are trusted; an unknown kid refetches sooner (key rotation). */
  ttlMs?: number;
  /** Floor between refetches caused by unknown kids, so junk tokens cannot hammer the provider. */
  minRefetchMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
};

const ALGORITHMS = ['RS256', 'ES256'] as const;

export function jwksVerifier(opts: JwksOptions): CustomerTokenVerifier {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const minRefetch = opts.minRefetchMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const doFetch = opts.fetch ?? fetch;
  let keys: Jwk[] = [];
  let fetchedAt = Number.NEGATIVE_INFINITY;

  async function refresh(): Promise<void> {
    const res = await doFetch(opts.url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`JWKS fetch failed with ${res.status}`);
    const body = (await res.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error('JWKS has no keys array');
    keys = body.keys as Jwk[];
    fetchedAt = now();
  }

  async function keysFor(kid: string | undefined): Promise<Jwk[]> {
    const age = now() - fetchedAt;
    const known = keys.some((k) => k.kid === kid);
    if (age > ttl || (!known && age > minRefetch)) await refresh();
    return keys;
  }

  return async (token) => {
    try {
      const { header } = Jwt.decode(token);
      const payload = await Jwt.verifyWithJwks(token, {
        keys: await keysFor(header.kid),
        allowedAlgorithms: ALGORITHMS,
      });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200)
        return null;
      if (typeof payload.exp !== 'number') return null;
      return { sub: payload.sub };
    } catch {
      return null;
    }
  };
}

/** Tries each verifier in turn; the first that accepts the token wins. */
export function anyVerifier(verifiers: CustomerTokenVerifier[]): CustomerTokenVerifier {
  return async (token) => {
    for (const v of verifiers) {
      const claims = await v(token);
      if (claims) return claims;
    }
    return null;
  };
}

import { generateKeyPairSync } from 'node:crypto';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { anyVerifier, jwksVerifier } from './jwks.ts';

function keyPair(kid: string, type: 'rsa' | 'ec') {
  const { privateKey, publicKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const alg = type === 'rsa' ? 'RS256' : 'ES256';
  return {
    alg,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' },
  } as const;
}

function jwksServer(keys: object[]) {
  const state = { keys, calls: 0 };
  const fetch = (async () => {
    state.calls++;
    return new Response(JSON.stringify({ keys: state.keys }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof globalThis.fetch;
  return { state, fetch };
}

const exp = () => Math.floor(Date.now() / 1000) + 300;

describe('JWKS customer tokens', () => {
  it('accepts RS256 and ES256 tokens signed by a published key, and fetches the keys once', async () => {
    const rsa = keyPair('k-rsa', 'rsa');
    const ec = keyPair('k-ec', 'ec');
    const server = jwksServer([rsa.publicJwk, ec.publicJwk]);
    const verify = jwksVerifier({ url: 'https://idp.example/.well-known/jwks.json', fetch: server.fetch });
    expect(await verify(await sign({ sub: 'user_rsa', exp: exp() }, rsa.privateJwk, 'RS256'))).toEqual({
      sub: 'user_rsa',
    });
    expect(await verify(await sign({ sub: 'user_ec', exp: exp() }, ec.privateJwk, 'ES256'))).toEqual({
      sub: 'user_ec',
    });
    expect(server.state.calls).toBe(1);
  });

  it('rejects expired tokens, tokens without exp, unknown keys and HS256 tokens', async () => {
    const rsa = keyPair('k1', 'rsa');
    const stranger = keyPair('k1', 'rsa');
    const server = jwksServer([rsa.publicJwk]);
    const verify = jwksVerifier({ url: 'https://idp.example/jwks', fetch: server.fetch, minRefetchMs: 0 });
    const now = Math.floor(Date.now() / 1000);
    expect(await verify(await sign({ sub: 'u', exp: now - 5 }, rsa.privateJwk, 'RS256'))).toBeNull();
    expect(await verify(await sign({ sub: 'u' }, rsa.privateJwk, 'RS256'))).toBeNull();
    expect(await verify(await sign({ sub: 'u', exp: exp() }, stranger.privateJwk, 'RS256'))).toBeNull();
    expect(
      await verify(await sign({ sub: 'u', exp: exp() }, 'a-shared-secret-0123456789abcdef', 'HS256')),
    ).toBeNull();
  });

  it('refetches the keys when a token names a key it has not seen (rotation)', async () => {
    const old = keyPair('old', 'rsa');
    const next = keyPair('new', 'rsa');
    const server = jwksServer([old.publicJwk]);
    let now = 1_000_000;
    const verify = jwksVerifier({ url: 'https://idp.example/jwks', fetch: server.fetch, now: () => now });
    expect(await verify(await sign({ sub: 'u', exp: exp() }, old.privateJwk, 'RS256'))).not.toBeNull();
    server.state.keys = [old.publicJwk, next.publicJwk];
    now += 60_000;
    expect(await verify(await sign({ sub: 'u2', exp: exp() }, next.privateJwk, 'RS256'))).toEqual({
      sub: 'u2',
    });
    expect(server.state.calls).toBe(2);
  });

  it('tries each verifier in turn', async () => {
    const combined = anyVerifier([async () => null, async (t) => (t === 'ok' ? { sub: 'x' } : null)]);
    expect(await combined('ok')).toEqual({ sub: 'x' });
    expect(await combined('no')).toBeNull();
  });
});

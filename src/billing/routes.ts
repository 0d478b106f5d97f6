import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { customerAuth, hostAuth, hs256Verifier } from '../http/auth.ts';
import { parseJson } from '../http/parse.ts';
import { linkCustomer } from './ingest-link.ts';
import { getAccessByAuthUser } from './queries.ts';

export const LinkCustomerBody = z.strictObject({
  authUserId: z.string().min(1).max(200),
  stripeCustomerId: z.string().regex(/^cus_[A-Za-z0-9]{1,250}$/, 'expected a Stripe customer id (cus_…)'),
  email: z.email().max(320).optional(),
});
export type LinkCustomerBody = z.infer<typeof LinkCustomerBody>;

const AuthUserParam = z.string().min(1).max(200);

/** The host app's entitlement API and customer linking (server-to-server), and the customer's own view. */
export function billingRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const host = hostAuth(deps.config);
  const grace = deps.config.PAST_DUE_GRACE_DAYS;

  app.get('/v1/access/:authUserId', host, async (c) => {
    const parsed = AuthUserParam.safeParse(c.req.param('authUserId'));
    if (!parsed.success) throw new AppError('BAD_REQUEST', 'authUserId must be 1 to 200 characters.');
    return c.json(await getAccessByAuthUser(deps.db, parsed.data, deps.clock.now(), grace));
  });

  app.post('/v1/customers/link', host, async (c) => {
    const body = await parseJson(c, LinkCustomerBody);
    const result = await linkCustomer(deps, body);
    return c.json(result, result.created ? 201 : 200);
  });

  if (deps.config.chatJwtSecret) {
    const customer = customerAuth(hs256Verifier(deps.config.chatJwtSecret));
    app.get('/v1/me/access', customer, async (c) => {
      const principal = c.get('principal');
      if (principal.kind !== 'customer') throw new AppError('UNAUTHORIZED');
      return c.json(await getAccessByAuthUser(deps.db, principal.authUserId, deps.clock.now(), grace));
    });
  }
  return app;
}

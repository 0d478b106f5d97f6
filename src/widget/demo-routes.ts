// /demo: pick a demo customer, chat with the real widget, send real signed Stripe test events through
// the webhook route, and watch the record, effects and handoffs. Mounted only when the demo is on
// (embedded mode by default; DEMO_ENABLED=true elsewhere): otherwise every /demo path is a 404.
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { getRecordByCustomer } from '../billing/queries.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { parseJson } from '../http/parse.ts';
import { clientIp, rateLimit } from '../http/rate-limit.ts';
import { webhookRoutes } from '../webhooks/routes.ts';
import { type BundleSource, createBundleSource } from './bundle.ts';
import { ACTIONS, actionEvents } from './demo-actions.ts';
import { DEMO_CUSTOMER_ID, demoAuthUserId, newDemoIdentity, PERSONAS, personaEvents } from './demo-events.ts';
import { DEMO_HTML } from './demo-page.ts';
import { getDemoState } from './demo-state.ts';
import type { DemoEvent } from './demo-stripe.ts';
import { serveBundle } from './serve-bundle.ts';

const TOKEN_TTL_S = 15 * 60;
/** Each demo customer is several events and rows: enough for a person clicking, not for a script. */
const DEMO_WRITES_PER_MINUTE = { limit: 60, windowMs: 60_000 };
const CustomerId = z.string().regex(DEMO_CUSTOMER_ID, 'expected a demo customer id (cus_demo_…)');
export const CreateBody = z.object({ persona: z.enum(PERSONAS) });
export const TokenBody = z.object({ customerId: CustomerId });
export const EventBody = z.object({ customerId: CustomerId, action: z.enum(ACTIONS) });
export const StateQuery = z.object({
  customer: CustomerId.optional(),
  conversation: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional(),
});

export type Deliver = (req: Request) => Promise<Response>;
export type DemoRouteOptions = {
  bundles?: BundleSource;
  /** Where signed events go; by default the webhook route itself, in process. */
  deliver?: Deliver;
};

export function demoRoutes(deps: Deps, opts: DemoRouteOptions = {}) {
  const app = new Hono<AppEnv>();
  if (!deps.config.demoEnabled) return app;
  const bundles = opts.bundles ?? createBundleSource({ watch: deps.config.mode === 'embedded' });
  const deliver = opts.deliver ?? inProcessWebhook(deps);
  const nowS = () => Math.floor(deps.clock.now().getTime() / 1000);
  const writes = rateLimit(deps, 'demo', DEMO_WRITES_PER_MINUTE, clientIp);

  /** Signs each event with the configured webhook secret and POSTs it, in order, as Stripe would. */
  async function send(events: DemoEvent[]) {
    const sent: { id: string; type: string; outcome: string }[] = [];
    for (const e of events) {
      const payload = JSON.stringify(e);
      const signature = deps.stripe.webhooks.generateTestHeaderString({
        payload,
        secret: deps.config.stripeWebhookSecrets[0] ?? '',
        timestamp: nowS(),
      });
      const res = await deliver(
        new Request('http://ledgerdesk.internal/webhooks/stripe', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body: payload,
        }),
      );
      const body = (await res.json().catch(() => ({}))) as { outcome?: string; detail?: string };
      if (!res.ok) {
        throw new AppError('UNAVAILABLE', `The webhook route answered ${res.status} to ${e.type}.`);
      }
      sent.push({ id: e.id, type: e.type, outcome: body.outcome ?? 'unknown' });
    }
    return sent;
  }

  async function mint(customerId: string) {
    const secret = deps.config.chatJwtSecret;
    if (!secret) {
      throw new AppError('CONFLICT', 'The demo mints HS256 tokens and needs CHAT_JWT_SECRET to be set.');
    }
    const suffix = DEMO_CUSTOMER_ID.exec(customerId)?.[1] ?? '';
    // hono/jwt checks exp against the wall clock, so the expiry is on the wall clock too.
    const exp = Math.floor(Date.now() / 1000) + TOKEN_TTL_S;
    return { token: await sign({ sub: demoAuthUserId(suffix), exp }, secret, 'HS256'), expiresAt: exp };
  }

  app.use('/demo/api/*', async (c, next) => (c.req.method === 'POST' ? writes(c, next) : next()));
  app.get('/demo', (c) => {
    c.header('cache-control', 'no-store');
    return c.html(DEMO_HTML);
  });
  app.get('/demo/app.js', (c) => serveBundle(c, bundles, 'demo'));

  app.post('/demo/api/customers', async (c) => {
    const { persona } = await parseJson(c, CreateBody);
    const who = newDemoIdentity();
    const events = await send(personaEvents(persona, who, deps.config.PLAN_CATALOGUE, nowS()));
    const { token, expiresAt } = await mint(who.customerId);
    return c.json({ persona, ...who, token, expiresAt, events }, 201);
  });

  app.post('/demo/api/token', async (c) => {
    const { customerId } = await parseJson(c, TokenBody);
    return c.json(await mint(customerId));
  });

  app.post('/demo/api/events', async (c) => {
    const { customerId, action } = await parseJson(c, EventBody);
    const record = await getRecordByCustomer(deps.db, customerId);
    if (!record) throw new AppError('NOT_FOUND', 'No such demo customer.');
    const built = actionEvents(action, record, deps.config.PLAN_CATALOGUE, nowS());
    if (!built.ok) throw new AppError('CONFLICT', built.reason);
    return c.json({ action, events: await send(built.events) });
  });

  app.get('/demo/api/state', async (c) => {
    const q = StateQuery.safeParse(c.req.query());
    if (!q.success)
      throw new AppError('UNPROCESSABLE', 'Expected ?customer=cus_demo_… and/or ?conversation=…');
    const suffix = q.data.customer ? DEMO_CUSTOMER_ID.exec(q.data.customer)?.[1] : undefined;
    c.header('cache-control', 'no-store');
    return c.json(
      await getDemoState(deps, {
        customerId: q.data.customer,
        authUserId: suffix ? demoAuthUserId(suffix) : undefined,
        conversationId: q.data.conversation,
      }),
    );
  });
  return app;
}

/** The real webhook route, called in process: same verification, same ingest, no network hop. */
function inProcessWebhook(deps: Deps): Deliver {
  const webhook = new Hono<AppEnv>().route('/', webhookRoutes(deps));
  webhook.onError((err, c) => {
    const status = err instanceof AppError ? err.status : 500;
    if (status >= 500) deps.log.error({ err }, 'demo event delivery failed');
    return c.json({ code: err instanceof AppError ? err.code : 'INTERNAL' }, status as 500);
  });
  return async (req) => webhook.fetch(req);
}

import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { parseJson } from '../http/parse.ts';
import { getCustomerProfile } from './get-customer-profile.ts';
import { closeHandoff, getHandoff, listHandoffs } from './handoffs.ts';
import { listReviewQueue } from './list-reviews.ts';
import { redriveDeadJob } from './redrive-dead-job.ts';
import { resolveCustomerReview } from './resolve-review.ts';
import {
  CloseHandoffBody,
  CustomerSearchQuery,
  HandoffIdParam,
  HandoffListQuery,
  JobIdParam,
  RedriveJobBody,
  ResolveReviewBody,
  StripeCustomerIdParam,
} from './schemas.ts';
import { searchCustomers } from './search-customers.ts';
import { staffAuth, staffName } from './staff-auth.ts';

export * from './schemas.ts';

/** The support API (staff keys only). Every write is audited by the domain function it calls. */
export function supportRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const ctx = { catalogue: deps.config.PLAN_CATALOGUE, graceDays: deps.config.PAST_DUE_GRACE_DAYS };
  app.use('/v1/support/*', staffAuth(deps.config));

  app.get('/v1/support/customers', async (c) => {
    const { q } = parseQuery(c, CustomerSearchQuery);
    return c.json({ items: await searchCustomers(deps.db, q) });
  });

  app.get('/v1/support/customers/:stripeCustomerId', async (c) => {
    const { stripeCustomerId } = parseParams(c, StripeCustomerIdParam, 'customer');
    const profile = await getCustomerProfile(deps.db, stripeCustomerId, { now: deps.clock.now(), ...ctx });
    if (!profile) throw notFound('customer');
    return c.json(profile);
  });

  app.get('/v1/support/reviews', async (c) => c.json(await listReviewQueue(deps.db)));

  app.post('/v1/support/customers/:stripeCustomerId/resolve', async (c) => {
    const { stripeCustomerId } = parseParams(c, StripeCustomerIdParam, 'customer');
    const body = await parseJson(c, ResolveReviewBody);
    const actor = staffName(c.get('principal'));
    const input = { actor, stripeCustomerId, ...body, at: deps.clock.now() };
    const result = await resolveCustomerReview(deps.db, input, ctx);
    if (result.outcome === 'not_found') throw notFound('customer');
    if (result.outcome === 'nothing_to_resolve')
      throw new AppError('CONFLICT', 'Nothing to resolve: the customer has no open review issue.');
    const { review, access, authUserId } = result.record;
    return c.json({
      outcome: result.outcome,
      review,
      access,
      authUserId,
      effects: result.effects,
      auditId: result.auditId,
    });
  });

  app.post('/v1/support/jobs/:jobId/redrive', async (c) => {
    const { jobId } = parseParams(c, JobIdParam, 'job');
    const { note } = await parseOptionalJson(c, RedriveJobBody);
    const actor = staffName(c.get('principal'));
    const result = await redriveDeadJob(deps.db, { actor, jobId, note: note ?? null, at: deps.clock.now() });
    if (result.outcome === 'not_found') throw notFound('job');
    if (result.outcome === 'not_dead')
      throw new AppError('CONFLICT', `Only dead jobs can be re-driven; this one is ${result.status}.`);
    const { id, kind, key, status, stripeCustomerId, maxAttempts } = result.job;
    const job = { id, kind, key, status, stripeCustomerId, maxAttempts };
    return c.json({ outcome: result.outcome, job, auditId: result.auditId });
  });

  app.get('/v1/support/handoffs', async (c) => {
    const { status } = parseQuery(c, HandoffListQuery);
    return c.json({ items: await listHandoffs(deps.db, status) });
  });

  app.get('/v1/support/handoffs/:handoffId', async (c) => {
    const { handoffId } = parseParams(c, HandoffIdParam, 'handoff');
    const handoff = await getHandoff(deps.db, handoffId);
    if (!handoff) throw notFound('handoff');
    return c.json(handoff);
  });

  app.post('/v1/support/handoffs/:handoffId/close', async (c) => {
    const { handoffId } = parseParams(c, HandoffIdParam, 'handoff');
    const { note } = await parseOptionalJson(c, CloseHandoffBody);
    const actor = staffName(c.get('principal'));
    const result = await closeHandoff(deps.db, {
      actor,
      handoffId,
      note: note ?? null,
      at: deps.clock.now(),
    });
    if (result.outcome === 'not_found') throw notFound('handoff');
    if (result.outcome === 'already_closed') throw new AppError('CONFLICT', 'The handoff is already closed.');
    const { handoff, conversationReopened, auditId } = result;
    const conversationId = handoff.conversationId;
    return c.json({
      outcome: result.outcome,
      handoffId: handoff.id,
      conversationId,
      conversationReopened,
      auditId,
    });
  });
  return app;
}

/** One body for every missing resource, whatever the reason (malformed id or no such row). */
function notFound(what: 'customer' | 'job' | 'handoff'): AppError {
  return new AppError('NOT_FOUND', `No such ${what}.`);
}

/** A malformed id cannot name a resource: it answers exactly like a missing one. */
function parseParams<S extends z.ZodType>(
  c: Context,
  schema: S,
  what: 'customer' | 'job' | 'handoff',
): z.output<S> {
  const parsed = schema.safeParse(c.req.param());
  if (!parsed.success) throw notFound(what);
  return parsed.data;
}

function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
    throw new AppError('BAD_REQUEST', detail);
  }
  return parsed.data;
}

/** Actions whose body is optional: no body (and no content-type) means `{}`. */
async function parseOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const hasBody = c.req.header('content-type') || (c.req.header('content-length') ?? '0') !== '0';
  return hasBody ? parseJson(c, schema) : schema.parse({});
}

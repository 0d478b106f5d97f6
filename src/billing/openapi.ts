import { z } from 'zod';
import { json, problem, route, SECURITY } from '../http/openapi.ts';
import { LinkCustomerBody } from './routes.ts';

export const AccessViewSchema = z
  .object({
    hasAccess: z.boolean(),
    plan: z.string().nullable(),
    status: z.string(),
    reason: z.string(),
    needsReview: z.boolean(),
    asOf: z.string(),
  })
  .meta({ id: 'AccessView' });

const LinkResultSchema = z.object({
  created: z.boolean(),
  stripeCustomerId: z.string(),
  authUserId: z.string().nullable(),
  review: z.object({ state: z.enum(['ok', 'needs_review']), reason: z.string().nullable() }),
  outcome: z.enum(['applied', 'stale', 'ignored', 'needs_review']),
});

const auth = { 401: problem('Missing or invalid credentials') };

export const billingRouteDocs = [
  route({
    method: 'get',
    path: '/v1/access/{authUserId}',
    tags: ['entitlement'],
    summary: 'Does this user have access, and why (host app)',
    security: SECURITY.hostKey,
    request: { params: z.object({ authUserId: z.string().min(1).max(200) }) },
    responses: { 200: json(AccessViewSchema, 'Access now'), 400: problem('Bad user id'), ...auth },
  }),
  route({
    method: 'get',
    path: '/v1/me/access',
    tags: ['entitlement'],
    summary: "The signed-in customer's own access",
    security: SECURITY.customerToken,
    responses: { 200: json(AccessViewSchema, 'Access now'), ...auth },
  }),
  route({
    method: 'post',
    path: '/v1/customers/link',
    tags: ['entitlement'],
    summary: 'Link an auth user to a Stripe customer the host app created',
    security: SECURITY.hostKey,
    request: { body: { content: { 'application/json': { schema: LinkCustomerBody } }, required: true } },
    responses: {
      200: json(LinkResultSchema, 'Linked (already existed)'),
      201: json(LinkResultSchema, 'Linked (new record)'),
      400: problem('Not JSON'),
      415: problem('Not application/json'),
      422: problem('Invalid body'),
      ...auth,
    },
  }),
];

// OpenAPI description of the support API, from the schemas the routes parse with (schemas.ts).
import type { z } from 'zod';
import { json, problem, route, SECURITY } from '../http/openapi.ts';
import {
  CloseHandoffBody,
  CloseHandoffResponse,
  CustomerProfileResponse,
  CustomerSearchQuery,
  CustomerSearchResponse,
  HandoffDetailResponse,
  HandoffIdParam,
  HandoffListQuery,
  HandoffListResponse,
  JobIdParam,
  RedriveJobBody,
  RedriveJobResponse,
  ResolveReviewBody,
  ResolveReviewResponse,
  ReviewQueueResponse,
  StripeCustomerIdParam,
} from './schemas.ts';

const staff = { tags: ['support'], security: SECURITY.staffKey };
const denied = {
  401: problem('No staff key, or not a known one'),
  403: problem('A customer token: customers cannot use the support API'),
};
const body = (schema: z.ZodType, required: boolean) => ({
  body: { content: { 'application/json': { schema } }, required },
});
const conflict = (why: string) => ({ 409: problem(why) });
const invalid = { 415: problem('Not application/json'), 422: problem('Invalid body') };

export const supportRouteDocs = [
  route({
    ...staff,
    method: 'get',
    path: '/v1/support/customers',
    summary: 'Find customers by e-mail (any case), Stripe customer id or auth user id (exact match)',
    request: { query: CustomerSearchQuery },
    responses: { 200: json(CustomerSearchResponse, 'Up to 20 matches'), 400: problem('No q'), ...denied },
  }),
  route({
    ...staff,
    method: 'get',
    path: '/v1/support/customers/{stripeCustomerId}',
    summary: "A customer's record, access, events, effects, conversations, handoffs and audit trail",
    description:
      'Lists are bounded: 100 events, 50 jobs (500 attempts), 10 conversations (50 messages each), 50 handoffs, 50 audit entries; newest first.',
    request: { params: StripeCustomerIdParam },
    responses: { 200: json(CustomerProfileResponse, 'Profile'), 404: problem('No such customer'), ...denied },
  }),
  route({
    ...staff,
    method: 'get',
    path: '/v1/support/reviews',
    summary: 'The needs-review queue, longest-waiting first (100 at most, with the total)',
    responses: { 200: json(ReviewQueueResponse, 'Queue'), ...denied },
  }),
  route({
    ...staff,
    method: 'post',
    path: '/v1/support/customers/{stripeCustomerId}/resolve',
    summary: 'Resolve every open review issue (audited); access automation resumes',
    request: { params: StripeCustomerIdParam, ...body(ResolveReviewBody, true) },
    responses: {
      200: json(ResolveReviewResponse, 'Resolved; the effects of the change are queued'),
      404: problem('No such customer'),
      ...conflict('Nothing to resolve'),
      ...invalid,
      ...denied,
    },
  }),
  route({
    ...staff,
    method: 'post',
    path: '/v1/support/jobs/{jobId}/redrive',
    summary: 'Re-drive a dead-lettered job with a fresh attempt budget (audited)',
    request: { params: JobIdParam, ...body(RedriveJobBody, false) },
    responses: {
      200: json(RedriveJobResponse, 'Queued again'),
      404: problem('No such job'),
      ...conflict('The job is not dead'),
      ...invalid,
      ...denied,
    },
  }),
  route({
    ...staff,
    method: 'get',
    path: '/v1/support/handoffs',
    summary: 'Handoffs by status, newest first (100 at most; transcripts in the detail)',
    request: { query: HandoffListQuery },
    responses: { 200: json(HandoffListResponse, 'Handoffs'), 400: problem('Bad status'), ...denied },
  }),
  route({
    ...staff,
    method: 'get',
    path: '/v1/support/handoffs/{handoffId}',
    summary: 'One handoff with its transcript and billing snapshot',
    request: { params: HandoffIdParam },
    responses: { 200: json(HandoffDetailResponse, 'Handoff'), 404: problem('No such handoff'), ...denied },
  }),
  route({
    ...staff,
    method: 'post',
    path: '/v1/support/handoffs/{handoffId}/close',
    summary: 'Close a handoff and give the conversation back to the bot (audited)',
    request: { params: HandoffIdParam, ...body(CloseHandoffBody, false) },
    responses: {
      200: json(CloseHandoffResponse, 'Closed'),
      404: problem('No such handoff'),
      ...conflict('Already closed'),
      ...invalid,
      ...denied,
    },
  }),
];

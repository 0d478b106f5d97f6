// OpenAPI description of the widget bundle and the demo (demo routes exist only when the demo is on).
import { z } from 'zod';
import { json, problem, route } from '../http/openapi.ts';
import { CreateBody, EventBody, StateQuery, TokenBody } from './demo-routes.ts';

const script = (description: string) => ({
  description,
  content: { 'text/javascript': { schema: z.string() } },
});
const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } }, required: true });
const demoErrors = {
  404: problem('The demo is off (production default)'),
  409: problem('The action does not apply to this customer now'),
  422: problem('Invalid body'),
  429: problem('Too many demo writes'),
};

export const widgetRouteDocs = [
  route({
    method: 'get',
    path: '/widget.js',
    tags: ['widget'],
    summary: 'The <ledgerdesk-chat> custom element (one script; ETag)',
    responses: { 200: script('The widget bundle'), 304: { description: 'Not modified' } },
  }),
  route({
    method: 'get',
    path: '/demo',
    tags: ['demo'],
    summary: 'The demo page',
    responses: {
      200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } },
      404: problem('Demo off'),
    },
  }),
  route({
    method: 'get',
    path: '/demo/app.js',
    tags: ['demo'],
    summary: 'The demo page script',
    responses: { 200: script('The demo bundle'), 404: problem('Demo off') },
  }),
  route({
    method: 'post',
    path: '/demo/api/customers',
    tags: ['demo'],
    summary:
      'Create a demo customer in a state by sending signed Stripe test events through the webhook route',
    request: { body: body(CreateBody) },
    responses: { 200: json(z.object({}).loose(), 'The demo customer'), ...demoErrors },
  }),
  route({
    method: 'post',
    path: '/demo/api/token',
    tags: ['demo'],
    summary: "Mint a demo customer's chat token (demo customers only)",
    request: { body: body(TokenBody) },
    responses: {
      200: json(z.object({ token: z.string() }).loose(), 'A short-lived customer JWT'),
      ...demoErrors,
    },
  }),
  route({
    method: 'post',
    path: '/demo/api/events',
    tags: ['demo'],
    summary: 'Send a signed Stripe test event (renewal fails, invoice paid, cancel, refund…)',
    request: { body: body(EventBody) },
    responses: {
      200: json(z.object({}).loose(), 'What was sent and how the webhook answered'),
      ...demoErrors,
    },
  }),
  route({
    method: 'get',
    path: '/demo/api/state',
    tags: ['demo'],
    summary: 'The canonical record, events, effect log and handoffs of a demo customer',
    request: { query: StateQuery },
    responses: { 200: json(z.object({}).loose(), 'Live state'), ...demoErrors },
  }),
];

// The OpenAPI document: every public route described with zod schemas (the same schemas the routes
// validate with, exported beside each route) through @hono/zod-openapi's registry. A test checks
// that each route the app serves is in the document and that the document is valid OpenAPI 3.1.
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const SECURITY = {
  hostKey: [{ hostKey: [] }],
  customerToken: [{ customerToken: [] }],
  staffKey: [{ staffKey: [] }],
  metricsToken: [{ metricsToken: [] }],
};

export function route<P extends string>(config: RouteConfig & { path: P }) {
  return createRoute(config);
}

export function buildOpenApiDocument(routes: RouteConfig[]) {
  const api = new OpenAPIHono();
  for (const [name, scheme] of Object.entries({
    hostKey: { description: 'HOST_API_KEY (server-to-server)' },
    customerToken: {
      description: 'Customer JWT (HS256 CHAT_JWT_SECRET or JWKS), sub = auth user id',
      bearerFormat: 'JWT',
    },
    staffKey: { description: 'A SUPPORT_API_KEYS key' },
    metricsToken: { description: 'METRICS_TOKEN' },
  })) {
    api.openAPIRegistry.registerComponent('securitySchemes', name, {
      type: 'http',
      scheme: 'bearer',
      ...scheme,
    });
  }
  for (const r of routes) api.openAPIRegistry.registerPath(r);
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'ledgerdesk',
      version: '0.1.0',
      description:
        'Stripe webhooks to one canonical billing record per customer; a grounded support agent; entitlement and support APIs.',
    },
  });
}

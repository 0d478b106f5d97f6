import type { RouteConfig } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { buildOpenApiDocument } from '../http/openapi.ts';

/** /openapi.json and readable docs at /docs (Scalar, which loads its renderer from its CDN). */
export function docsRoutes(routeDocs: RouteConfig[]) {
  const app = new Hono<AppEnv>();
  let doc: ReturnType<typeof buildOpenApiDocument> | undefined;
  app.get('/openapi.json', (c) => {
    doc ??= buildOpenApiDocument(routeDocs);
    return c.json(doc);
  });
  app.get(
    '/docs',
    async (c, next) => {
      await next();
      // The renderer is a script from Scalar's CDN; this page alone may load it.
      c.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; font-src 'self' data: https://fonts.scalar.com; img-src 'self' data:; connect-src 'self'",
      );
    },
    Scalar({ url: '/openapi.json', pageTitle: 'ledgerdesk API' }),
  );
  return app;
}

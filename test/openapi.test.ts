import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';

/** Hono path `/v1/access/:authUserId` -> OpenAPI `/v1/access/{authUserId}`. */
function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1 and describes every route the app serves', async () => {
    const h = await createHarness();
    try {
      const res = await h.app.request('/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
      const result = await new Validator().validate(doc as never);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      const served = h.app.routes
        .filter(
          (r) => r.method !== 'ALL' && !['/openapi.json', '/docs'].includes(r.path) && !r.path.includes('*'),
        )
        .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`);
      const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m} ${path}`),
      );
      const missing = [...new Set(served)].filter((r) => !described.includes(r));
      expect(missing).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('serves readable docs at /docs', async () => {
    const h = await createHarness();
    try {
      const res = await h.app.request('/docs');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('/openapi.json');
    } finally {
      await h.close();
    }
  });
});

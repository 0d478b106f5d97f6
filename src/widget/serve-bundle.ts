import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { AppError } from '../errors.ts';
import type { BundleName } from './build.ts';
import type { BundleSource } from './bundle.ts';

/** A bundle as JavaScript with an ETag; short caching, since the URL carries no content hash. */
export async function serveBundle(c: Context<AppEnv>, source: BundleSource, name: BundleName) {
  const bundle = await source.get(name).catch((err: unknown) => {
    throw new AppError('UNAVAILABLE', 'The widget bundle could not be built.', { cause: err });
  });
  c.header('etag', bundle.etag);
  c.header('cache-control', 'public, max-age=300, must-revalidate');
  if (c.req.header('if-none-match') === bundle.etag) return c.body(null, 304);
  c.header('content-type', 'text/javascript; charset=utf-8');
  return c.body(bundle.code);
}

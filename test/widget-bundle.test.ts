// The browser bundles: size budget, and nothing from the server inside them (invariant 8: secrets
// never reach the widget bundle). Built the way the server builds them, with secrets in the
// environment, so a bundler that inlined env values would be caught.
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Built, buildBundle } from '../src/widget/build.ts';
import { createBundleSource } from '../src/widget/bundle.ts';
import { TEST_SECRETS } from './support/config.ts';

const BUDGET_GZIP_BYTES = 50 * 1024;

const SECRET_ENV_NAMES = [
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_SECRET_KEY',
  'HOST_API_KEY',
  'CHAT_JWT_SECRET',
  'METRICS_TOKEN',
  'CRM_TOKEN',
  'EMAIL_API_KEY',
  'SUPPORT_HANDOFF_SECRET',
  'SUPPORT_API_KEYS',
  'OPENAI_API_KEY',
  'UPSTASH_REDIS_REST_TOKEN',
  'DATABASE_URL',
];

/** Strings only server code carries: Node built-ins, drivers, the env reader, signing. */
const SERVER_MARKERS = [
  'node:',
  'process.env',
  'require(',
  'drizzle',
  'pglite',
  '@neondatabase',
  '@upstash',
  'stripe-signature',
  'whsec_',
  'createHmac',
  'hono/jwt',
  'pino',
  'postgres://',
];

let widget: Built;
let demo: Built;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const [k, v] of Object.entries(TEST_SECRETS)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  [widget, demo] = await Promise.all([buildBundle('widget'), buildBundle('demo')]);
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe.each([
  ['widget', () => widget, /^src\/widget\/client\//],
  ['demo', () => demo, /^src\/widget\/(client|demo-client)\//],
])('the %s bundle', (_name, bundle, browserSources) => {
  it('is built only from browser sources', () => {
    expect(bundle().inputs.length).toBeGreaterThan(0);
    expect(bundle().inputs.filter((p) => !browserSources.test(p))).toEqual([]);
  });

  it('holds no configured secret value and no secret variable name', () => {
    const code = bundle().code;
    for (const value of Object.values(TEST_SECRETS)) {
      for (const piece of value.split(',')) expect(code).not.toContain(piece.split(':').at(-1));
    }
    for (const name of SECRET_ENV_NAMES) expect(code).not.toContain(name);
  });

  it('holds no server-only module or marker', () => {
    const code = bundle().code;
    for (const marker of SERVER_MARKERS) expect(code, marker).not.toContain(marker);
  });

  it('never writes markup: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    expect(bundle().code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('the widget bundle size', () => {
  it(`is within ${BUDGET_GZIP_BYTES / 1024} KB gzipped`, () => {
    const gz = gzipSync(widget.code, { level: 9 }).length;
    process.stderr.write(
      `[widget] /widget.js: ${(widget.code.length / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzipped\n`,
    );
    expect(gz).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('builds in well under a second', async () => {
    const t0 = performance.now();
    await buildBundle('widget');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('bundle source', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledgerdesk-widget-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a prebuilt bundle that is newer than the sources', async () => {
    await writeFile(join(dir, 'widget.js'), '/* prebuilt */');
    const b = await createBundleSource({ distDir: dir }).get('widget');
    expect(b).toMatchObject({ code: '/* prebuilt */', source: 'prebuilt' });
    expect(b.etag).toMatch(/^"[\w-]{22}"$/);
  });

  it('rebuilds instead of serving a prebuilt bundle older than the sources', async () => {
    await writeFile(join(dir, 'widget.js'), '/* stale */');
    const old = new Date('2000-01-01T00:00:00Z');
    await utimes(join(dir, 'widget.js'), old, old);
    const b = await createBundleSource({ distDir: dir }).get('widget');
    expect(b.source).toBe('built');
    expect(b.code).toContain('ledgerdesk-chat');
  });

  it('builds when there is no prebuilt bundle at all (a fresh clone)', async () => {
    const b = await createBundleSource({ distDir: join(dir, 'missing') }).get('demo');
    expect(b.source).toBe('built');
    expect(b.code).toContain('/demo/api/');
  });
});

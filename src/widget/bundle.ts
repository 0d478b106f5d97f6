// Serves a browser bundle: the prebuilt dist/widget/<name>.js when it is newer than every source
// file, otherwise an in-memory esbuild build (tens of milliseconds). So `npm start` on a fresh clone
// needs no build step, and an edited widget is never served stale.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLES, type BundleName, buildBundle, DIST_DIR, ROOT } from './build.ts';

export type Bundle = { code: string; etag: string; source: 'prebuilt' | 'built' };

export type BundleSource = { get(name: BundleName): Promise<Bundle> };

export type BundleOptions = {
  distDir?: string;
  /** Re-check sources on every request (development); production checks once and keeps the result. */
  watch?: boolean;
};

async function newestSourceMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const s = await stat(join(entry.parentPath, entry.name));
    newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

async function sourcesMs(name: BundleName): Promise<number> {
  // The widget's own folder plus the shared wire types it imports (type-only, but they can change it).
  const dirs = [BUNDLES[name].dir, 'src/widget/client'].map((d) => join(ROOT, d));
  const times = await Promise.all(dirs.map((d) => newestSourceMs(d).catch(() => 0)));
  return Math.max(...times);
}

async function load(name: BundleName, distDir: string): Promise<Bundle> {
  const file = join(distDir, `${name}.js`);
  const [prebuilt, newest] = await Promise.all([stat(file).catch(() => null), sourcesMs(name)]);
  // No sources on disk (a deployment that ships only dist/) means the prebuilt file is the truth.
  if (prebuilt && (newest === 0 || prebuilt.mtimeMs >= newest)) {
    return withEtag(await readFile(file, 'utf8'), 'prebuilt');
  }
  return withEtag((await buildBundle(name)).code, 'built');
}

function withEtag(code: string, source: Bundle['source']): Bundle {
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"`;
  return { code, etag, source };
}

export function createBundleSource(opts: BundleOptions = {}): BundleSource {
  const distDir = opts.distDir ?? DIST_DIR;
  const cache = new Map<BundleName, { bundle: Promise<Bundle>; sourcesMs: number }>();
  return {
    async get(name) {
      const cached = cache.get(name);
      if (cached && !opts.watch) return cached.bundle;
      const current = opts.watch ? await sourcesMs(name) : 0;
      if (cached && cached.sourcesMs === current) return cached.bundle;
      const bundle = load(name, distDir);
      cache.set(name, { bundle, sourcesMs: current });
      // A failed build is not cached: the next request tries again.
      bundle.catch(() => cache.delete(name));
      return bundle;
    },
  };
}

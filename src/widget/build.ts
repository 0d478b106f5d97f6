// Builds the browser bundles (the widget and the demo page script) with esbuild. The server builds
// them in memory when no fresh prebuilt copy exists (see bundle.ts); `npm run build:widget` writes
// them to dist/widget/ for deployments that serve static files or have no esbuild at runtime.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_DIR = join(ROOT, 'dist', 'widget');

export const BUNDLES = {
  widget: { entry: 'src/widget/client/index.ts', dir: 'src/widget/client' },
  demo: { entry: 'src/widget/demo-client/index.ts', dir: 'src/widget/demo-client' },
} as const;
export type BundleName = keyof typeof BUNDLES;

export type Built = {
  code: string;
  /** Every source file esbuild read, relative to the project root (for the bundle-content tests). */
  inputs: string[];
};

export async function buildBundle(name: BundleName): Promise<Built> {
  // Imported lazily: a deployment serving a prebuilt bundle never loads esbuild.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [BUNDLES[name].entry],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome100', 'firefox100', 'safari16'],
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    // Nothing from the server's environment may be inlined: no `define`, and process is not shimmed.
    define: {},
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${name}`);
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p)));
  return { code: file.text, inputs };
}

export async function writeBundles(dir = DIST_DIR): Promise<string[]> {
  const written: string[] = [];
  for (const name of Object.keys(BUNDLES) as BundleName[]) {
    const { code } = await buildBundle(name);
    const file = join(dir, `${name}.js`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, code);
    written.push(relative(ROOT, file));
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  writeBundles().then(
    (files) =>
      process.stderr.write(`built ${files.join(', ')} in ${Math.round(performance.now() - t0)} ms\n`),
    (err) => {
      process.stderr.write(`widget build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

// Measures `npm start` cold to ready on the embedded default: spawn -> first 200 from /readyz.
// Run: node --import tsx scripts/measure-start.ts  (prints the figures; the README quotes them)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/server-process.ts';

async function once(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - t0;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-start-'));
try {
  const fresh = await once(join(dir, 'a'));
  const warm = [await once(join(dir, 'a')), await once(join(dir, 'a')), await once(join(dir, 'a'))];
  console.log(
    `# npm start cold to ready — ${cpus().length} x ${cpus()[0]?.model}, node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(`first start (fresh data dir: PGlite init + migrations): ${fresh.toFixed(0)} ms`);
  console.log(`restart (existing data dir): ${warm.map((m) => m.toFixed(0)).join(', ')} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// npm run replay -- FILE.jsonl : applies exported Stripe events through the ingest path.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';
import { replayFile } from '../src/webhooks/replay.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run replay -- FILE.jsonl\n');
  process.exit(2);
}
// Counted up front so the progress bar knows its end.
const totalLines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '').length;
const deps = await createDeps(loadConfig());
await migrateDb(deps.dbHandle);
const started = Date.now();
const summary = await replayFile(deps, file, (done, s) => {
  if (done % 25 !== 0 && done !== totalLines) return;
  const bar = '#'.repeat(Math.round((done / Math.max(1, totalLines)) * 30));
  process.stderr.write(
    `\r[${bar.padEnd(30)}] ${done}/${totalLines} (${s.applied} applied, ${s.duplicate} duplicate)`,
  );
});
process.stderr.write('\n');
process.stdout.write(`${JSON.stringify({ file, ms: Date.now() - started, ...summary })}\n`);
await deps.dbHandle.close();
process.exit(summary.invalid > 0 ? 1 : 0);

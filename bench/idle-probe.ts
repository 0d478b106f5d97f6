// TEMP probe: user/system split, context switches and read/write syscalls per event, ledgerdesk vs floor.
import { readdirSync, readFileSync } from 'node:fs';
import { lifecycleEvents, measureWindow, openLoop, signAll, startServerProcess, throwawayDatabase } from './support.ts';
const rate = Number(process.env.RATE ?? 300);
function stats(pid: number) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const st = readFileSync(`/proc/${pid}/status`, 'utf8');
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const num = (re: RegExp, s: string) => Number(s.match(re)?.[1] ?? 0);
  let vol = 0, invol = 0;

  for (const t of readdirSync(`/proc/${pid}/task`)) {
    const ts = readFileSync(`/proc/${pid}/task/${t}/status`, 'utf8');
    vol += num(/voluntary_ctxt_switches:\s+(\d+)/, ts); invol += num(/nonvoluntary_ctxt_switches:\s+(\d+)/, ts);
  }
  return { user: Number(f[11]) * 10, sys: Number(f[12]) * 10, vol, invol, syscr: num(/syscr: (\d+)/, io), syscw: num(/syscw: (\d+)/, io) };
}
for (const [name, entry] of [['ledgerdesk', 'src/server.ts'], ['floor', 'bench/floor-server.ts']] as const) {
  const db = await throwawayDatabase({ proxyProcess: true });
  const server = await startServerProcess({ DATABASE_URL: db.url, DATABASE_WS_PROXY: `127.0.0.1:${db.proxy.port}`, WORKER_ENABLED: 'false', FLOOR_MODE: 'insert' }, entry);
  try {
    await openLoop(server.url, signAll(lifecycleEvents(Number(process.env.WARM ?? 12000), 'warm')), 900);
    await db.vacuumAndFlush();
    await openLoop(server.url, signAll(lifecycleEvents(rate * 5, 'settle')), rate);
    for (let w = 0; w < 2; w++) {
      const shots = signAll(lifecycleEvents(rate * 20, `m${w}`));
      const a = stats(server.child.pid!);
      const { result, cpu } = await measureWindow(server, db, shots, rate);
      const b = stats(server.child.pid!);
      const n = shots.length;
      const per = (k: keyof typeof a) => ((b[k] - a[k]) / n).toFixed(3);
      console.log(`${name} ${rate}/s: user ${per('user')} sys ${per('sys')} ms/event; ctx vol ${per('vol')} invol ${per('invol')}; syscr ${per('syscr')} syscw ${per('syscw')}; pg ${cpu.postgres} proxy ${cpu.proxy} steal ${cpu.stealPct}; statuses ${JSON.stringify(result.statuses)}`);
    }
  } finally {
    await server.stop();
    await db.drop();
  }
}

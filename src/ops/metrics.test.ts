import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

async function sample(registry: ReturnType<typeof createMetrics>['registry'], name: string): Promise<number> {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no sample of ${name}`);
  return Number(line.split(' ')[1]);
}

describe('default process metrics', () => {
  it('still catch an event-loop stall at the coarser sampling precision', async () => {
    const { registry } = createMetrics({ defaults: true });
    await new Promise((r) => setTimeout(r, 250));
    const blockedUntil = performance.now() + 300;
    while (performance.now() < blockedUntil) {
      // a synchronous stall of 300 ms, as a runaway handler would cause
    }
    await new Promise((r) => setTimeout(r, 250));
    expect(await sample(registry, 'ledgerdesk_nodejs_eventloop_lag_max_seconds')).toBeGreaterThanOrEqual(0.2);
    expect(await sample(registry, 'ledgerdesk_process_cpu_seconds_total')).toBeGreaterThan(0);
  });
});

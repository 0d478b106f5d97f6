import { describe, expect, it } from 'vitest';
import { createWakeSignal } from './wakeup.ts';

describe('wake signal', () => {
  it('wakes a waiter at once on fire()', async () => {
    const wake = createWakeSignal();
    const t0 = performance.now();
    const waiting = wake.wait(10_000);
    wake.fire();
    await waiting;
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it('keeps a fire() that came while nobody waited, so that notification is not lost', async () => {
    const wake = createWakeSignal();
    wake.fire();
    const t0 = performance.now();
    await wake.wait(10_000);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it('times out when nothing fires', async () => {
    const wake = createWakeSignal();
    const t0 = performance.now();
    await wake.wait(30);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
  });
});

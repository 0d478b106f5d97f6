import { describe, expect, it } from 'vitest';
import type { StripeEventLike } from '../billing/reduce.ts';
import { IngestBatcher } from './batcher.ts';
import type { BatchResult } from './ingest-batch.ts';

/** A customer's event, or a dispute naming only its charge (no customer). */
const event = (id: string, customer: string | null): StripeEventLike =>
  (customer
    ? { id, type: 'customer.updated', created: 1, data: { object: { id: customer, object: 'customer' } } }
    : {
        id,
        type: 'charge.dispute.created',
        created: 1,
        data: { object: { id: `dp_${id}`, charge: 'ch_1' } },
      }) as StripeEventLike;

/** A writer that records each batch and holds it until released. */
function gatedWriter() {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const write = async (_deps: unknown, events: StripeEventLike[]): Promise<BatchResult[]> => {
    batches.push(events.map((e) => e.id));
    await new Promise<void>((resolve) => gates.push(resolve));
    return events.map((e) => ({ outcome: 'applied', eventId: e.id, stripeCustomerId: null, effects: 0 }));
  };
  const releaseNext = async () => {
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { batches, write, releaseNext };
}

describe('IngestBatcher', () => {
  it('groups deliveries that arrive while a batch is in flight, never two batches on one customer', async () => {
    const w = gatedWriter();
    const b = new IngestBatcher({} as never, 64, 2, w.write as never);
    const done = ['a1', 'a2', 'b1', 'c1', 'a3'].map((id) => b.submit(event(id, `cus_${id[0]}`)));
    await new Promise((r) => setTimeout(r, 0));
    // a1 went alone (the database was idle). a2 found a free slot but its customer in flight, so b1
    // took the slot; c1 and a3 arrived with both slots taken.
    expect(w.batches).toEqual([['a1'], ['b1']]);
    await w.releaseNext();
    // cus_a is free again: everything waiting goes in one batch, in arrival order.
    expect(w.batches[2]).toEqual(['a2', 'c1', 'a3']);
    await w.releaseNext();
    await w.releaseNext();
    expect((await Promise.all(done)).map((r) => r.eventId)).toEqual(['a1', 'a2', 'b1', 'c1', 'a3']);
  });

  it('runs a dispute that names no customer alone, after the batches ahead of it and before those behind', async () => {
    const w = gatedWriter();
    const b = new IngestBatcher({} as never, 64, 2, w.write as never);
    const first = b.submit(event('a1', 'cus_a'));
    await new Promise((r) => setTimeout(r, 0));
    const rest = [b.submit(event('d1', null)), b.submit(event('b1', 'cus_b'))];
    await new Promise((r) => setTimeout(r, 0));
    // A free slot, but the dispute waits for a1, and b1 waits behind the dispute.
    expect(w.batches).toEqual([['a1']]);
    await w.releaseNext();
    expect(w.batches).toEqual([['a1'], ['d1']]);
    await w.releaseNext();
    expect(w.batches).toEqual([['a1'], ['d1'], ['b1']]);
    await w.releaseNext();
    await Promise.all([first, ...rest]);
  });

  it('rejects each delivery whose careful retry failed, and only those', async () => {
    const write = async (_d: unknown, events: StripeEventLike[]): Promise<BatchResult[]> =>
      events.map((e) =>
        e.id === 'bad'
          ? new Error('database down')
          : { outcome: 'applied', eventId: e.id, stripeCustomerId: null, effects: 0 },
      );
    const b = new IngestBatcher({} as never, 64, 1, write as never);
    const [ok, bad] = await Promise.allSettled([
      b.submit(event('ok', 'cus_x')),
      b.submit(event('bad', 'cus_y')),
    ]);
    expect(ok.status).toBe('fulfilled');
    expect(bad.status === 'rejected' && (bad.reason as Error).message).toBe('database down');
  });
});

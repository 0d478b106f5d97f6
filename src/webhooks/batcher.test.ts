import { describe, expect, it } from 'vitest';
import type { StripeEventLike } from '../billing/reduce.ts';
import { loadConfig } from '../config.ts';
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
  const customers: (string | null)[][] = [];
  const write = async (
    _deps: unknown,
    events: StripeEventLike[],
    _source: unknown,
    resolved: (string | null)[],
  ): Promise<BatchResult[]> => {
    batches.push(events.map((e) => e.id));
    customers.push(resolved);
    await new Promise<void>((resolve) => gates.push(resolve));
    return events.map((e) => ({ outcome: 'applied', eventId: e.id, stripeCustomerId: null, effects: 0 }));
  };
  const releaseNext = async () => {
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { batches, customers, write, releaseNext };
}

/** a1, then the dispute d1 once a1 is in flight, then b1 once d1 is queued (its owner looked up). */
async function aroundDispute(b: IngestBatcher): Promise<Promise<unknown>[]> {
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const first = b.submit(event('a1', 'cus_a'));
  await tick();
  const dispute = b.submit(event('d1', null));
  await tick();
  const last = b.submit(event('b1', 'cus_b'));
  await tick();
  return [first, dispute, last];
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

  it('runs a dispute whose payment no record has registered alone, after the batches ahead of it and before those behind', async () => {
    const w = gatedWriter();
    const b = new IngestBatcher({} as never, 64, 2, w.write as never, async () => null);
    const all = await aroundDispute(b);
    // A free slot, but the dispute waits for a1, and b1 waits behind the dispute.
    expect(w.batches).toEqual([['a1']]);
    await w.releaseNext();
    expect(w.batches).toEqual([['a1'], ['d1']]);
    await w.releaseNext();
    expect(w.batches).toEqual([['a1'], ['d1'], ['b1']]);
    await w.releaseNext();
    await Promise.all(all);
  });

  it('batches a dispute whose payment a record has registered as an ordinary event of that customer', async () => {
    const w = gatedWriter();
    const owners: string[] = [];
    const b = new IngestBatcher({} as never, 64, 2, w.write as never, async (e) => {
      owners.push(e.id);
      return 'cus_d';
    });
    const all = await aroundDispute(b);
    // No barrier: the dispute took the free slot beside a1, and b1 waits for a slot, not for it.
    expect(owners).toEqual(['d1']);
    expect(w.batches).toEqual([['a1'], ['d1']]);
    expect(w.customers[1]).toEqual(['cus_d']);
    await w.releaseNext();
    expect(w.batches[2]).toEqual(['b1']);
    await w.releaseNext();
    await w.releaseNext();
    await Promise.all(all);
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

  it('by default keeps one batch in flight: deliveries meanwhile wait and go together in the next', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const w = gatedWriter();
    const b = new IngestBatcher(
      {} as never,
      config.INGEST_BATCH_MAX,
      config.INGEST_CONCURRENCY,
      w.write as never,
    );
    const done = ['a1', 'b1', 'c1', 'd1'].map((id) => b.submit(event(id, `cus_${id[0]}`)));
    await new Promise((r) => setTimeout(r, 0));
    // Four customers, none in flight: only the first statement starts, the rest wait for it.
    expect(w.batches).toEqual([['a1']]);
    await w.releaseNext();
    expect(w.batches).toEqual([['a1'], ['b1', 'c1', 'd1']]);
    await w.releaseNext();
    expect((await Promise.all(done)).map((r) => r.eventId)).toEqual(['a1', 'b1', 'c1', 'd1']);
  });
});

import { describe, expect, it } from 'vitest';
import { scenario } from '../../test/factories/stripe-events.ts';
import { DEFAULT_PLAN_CATALOGUE } from '../billing/plans.ts';
import type { StripeEventLike } from '../billing/reduce.ts';
import { DatabaseUnreachable, ingestBatch } from './ingest-batch.ts';
import { RecordCache } from './record-cache.ts';

/** Deps whose every database call fails with `err`; counts the locking path's transactions. */
function failingDeps(err: Error) {
  const calls = { transactions: 0, statements: 0 };
  const deps = {
    db: {
      execute: () => Promise.reject(err),
      transaction: () => {
        calls.transactions += 1;
        return Promise.reject(err);
      },
    },
    dbHandle: {
      query: () => {
        calls.statements += 1;
        return Promise.reject(err);
      },
    },
    config: { PLAN_CATALOGUE: DEFAULT_PLAN_CATALOGUE, PAST_DUE_GRACE_DAYS: 7 },
    clock: { now: () => new Date('2026-01-05T10:00:00Z') },
    metrics: { ingestFallbacks: { inc: () => {} }, ingestBatchSize: { observe: () => {} } },
    recordCache: new RecordCache(100),
    log: { warn: () => {} },
  };
  return { deps: deps as unknown as Parameters<typeof ingestBatch>[0], calls };
}

/** Two new customers' customer.created: no read needed, one statement for both. */
const events = ['a', 'b'].map(
  (c) => scenario.activeMonthly({ customerId: `cus_u${c}`, authUserId: `user_u${c}` }).events[0]!,
) as StripeEventLike[];

describe('ingestBatch when the database fails', () => {
  it('out of reach (no answer from the server): every event fails at once, none is tried again alone', async () => {
    const { deps, calls } = failingDeps(new Error('Connection terminated unexpectedly'));
    const results = await ingestBatch(deps, events);
    expect(results.every((r) => r instanceof DatabaseUnreachable)).toBe(true);
    expect(calls).toEqual({ statements: 1, transactions: 0 });
  });

  it('the server going away (SQLSTATE 57P01) counts as out of reach', async () => {
    const { deps, calls } = failingDeps(
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    );
    const results = await ingestBatch(deps, events);
    expect(results.every((r) => r instanceof DatabaseUnreachable)).toBe(true);
    expect(calls.transactions).toBe(0);
  });

  it('an error the server answered (a bad value, SQLSTATE 22P05): each event is tried alone on the locking path', async () => {
    const { deps, calls } = failingDeps(Object.assign(new Error('unsupported Unicode'), { code: '22P05' }));
    const results = await ingestBatch(deps, events);
    expect(results.every((r) => r instanceof Error && !(r instanceof DatabaseUnreachable))).toBe(true);
    expect(calls).toEqual({ statements: 1, transactions: events.length });
  });
});

// Creates every eval customer through the public routes: signed Stripe events to POST
// /webhooks/stripe, links through POST /v1/customers/link. Never by writing rows.
import type { TestEvent } from '../test/factories/stripe-events.ts';
import type { EvalClient } from './client.ts';
import { FRESH } from './fresh.ts';
import { CUSTOMERS, type Seed, STATES, type StateId } from './states.ts';

export type Customer = {
  key: string;
  authUserId: string | null;
  stripeCustomerId: string | null;
  /** The chat token; absent for the anonymous visitor. */
  token?: string;
  /** Sends the events of a fresh change (fresh-change customers only). */
  change?: () => Promise<void>;
};

export type Registry = Map<string, Customer>;

async function send(client: EvalClient, events: TestEvent[]): Promise<void> {
  for (const e of events) {
    const r = await client.sendEvent(e);
    // A fresh database has seen none of these ids, and every dispute follows its payment.
    if (r.outcome === 'duplicate' || r.outcome === 'deferred')
      throw new Error(`event ${e.id} (${e.type}) was not applied: ${r.outcome}`);
  }
}

async function apply(client: EvalClient, seed: Seed): Promise<void> {
  if (seed.link) await client.link(seed.link);
  await send(client, seed.events);
}

/** Seeds the states asked for (all by default) and the fresh-change customers; returns who is who. */
export async function seedCustomers(
  client: EvalClient,
  clock: { seconds(): number },
  opts: { states?: readonly StateId[]; fresh?: boolean } = {},
): Promise<Registry> {
  const registry: Registry = new Map();
  const now = clock.seconds();
  for (const state of opts.states ?? STATES) {
    const spec = CUSTOMERS[state];
    await apply(client, spec.seed(now));
    const token = spec.authUserId ? await client.token(spec.authUserId) : undefined;
    registry.set(state, {
      key: state,
      authUserId: spec.authUserId,
      stripeCustomerId: spec.stripeCustomerId,
      ...(token && { token }),
    });
  }
  if (opts.fresh === false) return registry;
  for (const spec of FRESH) {
    const { seed, later } = spec.seed(now);
    await apply(client, seed);
    registry.set(`fresh_${spec.key}`, {
      key: `fresh_${spec.key}`,
      authUserId: spec.authUserId,
      stripeCustomerId: spec.stripeCustomerId,
      token: await client.token(spec.authUserId),
      change: () => send(client, later(clock.seconds())),
    });
  }
  return registry;
}

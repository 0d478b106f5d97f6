import { tool } from 'ai';
import { z } from 'zod';
import { priceEntry } from '../billing/plans.ts';
import type { BillingRecord } from '../billing/record.ts';
import { AccountContextSchema, type AccountReader } from './account-reader.ts';
import { type BillingResult, billingResult } from './result.ts';
import { compactInput, forModel } from './schema.ts';

export type SubscriptionDetails = {
  status: string;
  planName: string | null;
  interval: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: string | null;
  canceledAt: string | null;
  endedAt: string | null;
  trialEnd: string | null;
  /** The next renewal at the plan's list price (before tax or discounts); null when none is due. */
  nextCharge: { at: string; amount: number; currency: string } | null;
};

const RENEWING = new Set(['active', 'trialing', 'past_due']);

export function subscriptionDetails(
  record: BillingRecord,
  reader: AccountReader,
): SubscriptionDetails | null {
  const sub = record.subscription;
  if (!sub) return null;
  const price = priceEntry(reader.catalogue, sub.priceId)?.price;
  const renews = RENEWING.has(sub.status) && !sub.cancelAtPeriodEnd && !sub.cancelAt;
  return {
    status: sub.status,
    planName: sub.planName,
    interval: sub.interval,
    currentPeriodEnd: sub.currentPeriodEnd,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    cancelAt: sub.cancelAt,
    canceledAt: sub.canceledAt,
    endedAt: sub.endedAt,
    trialEnd: sub.trialEnd,
    nextCharge:
      renews && price && sub.currentPeriodEnd
        ? { at: sub.currentPeriodEnd, amount: price.amount, currency: price.currency }
        : null,
  };
}

export async function readSubscription(
  reader: AccountReader,
): Promise<BillingResult<SubscriptionDetails | null>> {
  const record = await reader.record();
  return billingResult(record, ['subscription'], (r) => subscriptionDetails(r, reader));
}

export const getSubscription = tool({
  description:
    "The signed-in customer's subscription: status, plan, period end, cancellation, trial end, next charge " +
    '(list price). No data: no subscription.',
  inputSchema: compactInput(z.strictObject({})),
  contextSchema: AccountContextSchema,
  execute: async (_input, { context }) => readSubscription(context.account),
  toModelOutput: ({ output }) => forModel(output),
});

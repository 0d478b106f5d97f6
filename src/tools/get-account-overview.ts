import { tool } from 'ai';
import { z } from 'zod';
import { access } from '../billing/access.ts';
import type { BillingRecord } from '../billing/record.ts';
import {
  AccountContextSchema,
  type AccountReader,
  type CustomerText,
  customerText,
} from './account-reader.ts';
import { type BillingResult, billingResult } from './result.ts';
import { compactInput, forModel } from './schema.ts';

export type AccountOverview = {
  /** Stripe's subscription status (active, trialing, past_due, canceled, ...) or none. */
  subscriptionStatus: string;
  plan: { id: string | null; name: string | null; interval: string | null } | null;
  access: { hasAccess: boolean; reason: string; since: string | null };
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string | null;
  /** When a canceled subscription ended (null while it runs). */
  endedAt: string | null;
  trialEnd: string | null;
  accountDeleted: boolean;
  customerName: CustomerText | null;
};

export function accountOverview(record: BillingRecord, reader: AccountReader): AccountOverview {
  const sub = record.subscription;
  const decision = access(record, reader.now.toISOString(), reader.graceDays);
  return {
    subscriptionStatus: sub?.status ?? 'none',
    plan: sub ? { id: sub.planId, name: sub.planName, interval: sub.interval } : null,
    access: { hasAccess: decision.hasAccess, reason: decision.reason, since: decision.since },
    cancelAtPeriodEnd: sub?.cancelAtPeriodEnd ?? false,
    currentPeriodEnd: sub?.currentPeriodEnd ?? null,
    endedAt: sub?.status === 'canceled' ? (sub.endedAt ?? sub.canceledAt ?? null) : null,
    trialEnd: sub?.trialEnd ?? null,
    accountDeleted: record.deleted,
    customerName: customerText(reader.screen, record.name),
  };
}

export async function readAccountOverview(reader: AccountReader): Promise<BillingResult<AccountOverview>> {
  const record = await reader.record();
  return billingResult(record, ['subscription', 'invoice', 'customer'], (r) => accountOverview(r, reader));
}

export const getAccountOverview = tool({
  description:
    "The signed-in customer's subscription status, plan, access now (and why), scheduled cancellation.",
  inputSchema: compactInput(z.strictObject({})),
  contextSchema: AccountContextSchema,
  execute: async (_input, { context }) => readAccountOverview(context.account),
  toModelOutput: ({ output }) => forModel(output),
});

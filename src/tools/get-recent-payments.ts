import { tool } from 'ai';
import { z } from 'zod';
import type { BillingRecord } from '../billing/record.ts';
import { toIso } from '../billing/version.ts';
import {
  AccountContextSchema,
  type AccountReader,
  type CustomerText,
  customerText,
} from './account-reader.ts';
import { type BillingResult, billingResult } from './result.ts';
import { compactInput, forModel } from './schema.ts';

export type PaymentSummary = {
  at: string;
  kind: string;
  /** failed, action_required, succeeded, partially_refunded, refunded, disputed */
  status: string;
  amount: number;
  currency: string | null;
  invoiceId: string | null;
  invoiceUrl: string | null;
  failureReason: CustomerText | null;
};

export function recentPayments(
  record: BillingRecord,
  reader: AccountReader,
  limit: number,
): PaymentSummary[] {
  return [...record.facts.payments]
    .sort((a, b) => b.v.created - a.v.created || b.v.rank - a.v.rank)
    .slice(0, limit)
    .map((p) => ({
      at: toIso(p.v.created),
      kind: p.kind,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      invoiceId: p.invoiceId,
      invoiceUrl: p.hostedInvoiceUrl,
      // Decline messages travel through Stripe from card issuers and checkout forms: screen them too.
      failureReason: customerText(reader.screen, p.failureReason),
    }));
}

export async function readRecentPayments(
  reader: AccountReader,
  limit = 3,
): Promise<BillingResult<{ payments: PaymentSummary[] }>> {
  const record = await reader.record();
  const result = billingResult(record, ['invoice', 'payment_intent', 'charge', 'dispute'], (r) => ({
    payments: recentPayments(r, reader, limit),
  }));
  if (record && result.data) {
    // The payments shown are what the answer stands on; name their events, not only the watermarks.
    const ids = record.facts.payments.slice(-limit).map((p) => p.v.eventId);
    result.eventIds = [...new Set([...result.eventIds, ...ids])];
  }
  return result;
}

export const getRecentPayments = tool({
  description:
    "The signed-in customer's latest payments, newest first: date, status, amount, invoice link, failure " +
    'reason. For payment results, refunds, receipts and invoices.',
  inputSchema: compactInput(
    z.strictObject({ limit: z.number().int().min(1).max(5).optional().describe('1-5, default 3') }),
  ),
  contextSchema: AccountContextSchema,
  execute: async ({ limit }, { context }) => readRecentPayments(context.account, limit ?? 3),
  toModelOutput: ({ output }) => forModel(output),
});

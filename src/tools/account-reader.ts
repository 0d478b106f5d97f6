// The principal reaches every billing tool through this reader, passed in `toolsContext`: the tools
// never see an account identifier, so no model argument can point them at another customer.
import { z } from 'zod';
import type { PlanCatalogue } from '../billing/plans.ts';
import { getRecordByAuthUser } from '../billing/queries.ts';
import type { BillingRecord } from '../billing/record.ts';
import type { DbOrTx } from '../db/client.ts';

/** Customer-controlled text after the injection screen: data for the model, never instructions. */
export type CustomerText = { customerSupplied: string; flagged: boolean };
export type FieldScreen = (text: string) => CustomerText;

export type AccountReader = {
  /** The signed-in customer's record, loaded at most once per turn. */
  record(): Promise<BillingRecord | null>;
  now: Date;
  graceDays: number;
  catalogue: PlanCatalogue;
  screen: FieldScreen;
};

export const AccountContextSchema = z.object({
  account: z.custom<AccountReader>(
    (v) => typeof v === 'object' && v !== null && typeof (v as AccountReader).record === 'function',
    { message: 'expected an account reader bound to the principal' },
  ),
});
export type AccountContext = z.infer<typeof AccountContextSchema>;

export function createAccountReader(
  db: DbOrTx,
  authUserId: string,
  opts: Omit<AccountReader, 'record'>,
): AccountReader {
  let pending: Promise<BillingRecord | null> | undefined;
  return {
    ...opts,
    record: () => {
      pending ??= getRecordByAuthUser(db, authUserId);
      return pending;
    },
  };
}

/** Screens optional customer text; empty stays null so the model does not see placeholders. */
export function customerText(screen: FieldScreen, text: string | null | undefined): CustomerText | null {
  if (!text) return null;
  return screen(text.slice(0, 500));
}

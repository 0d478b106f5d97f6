// What the offline model can say, per language. Every value in a sentence comes from a tool result;
// the sentences avoid billing words the results do not back (the grounding guard checks them anyway).

export type PlanLine = { name: string; prices: string };
export type PaymentLine = { amount: string; date: string; status: string };

export type Phrases = {
  greeting: string;
  cannotHelp: string;
  noSubscription: string;
  deleted: string;
  interval(i: string | null): string;
  active(plan: string, interval: string): string;
  trialing(plan: string, trialEnd: string | null): string;
  pastDue(plan: string): string;
  canceled(plan: string): string;
  cancelScheduled(plan: string, date: string): string;
  /** A Stripe subscription status as this language names it (`unpaid`, `paused`…). */
  subscriptionStatus(status: string): string;
  otherStatus(status: string): string;
  accessYes: string;
  accessGrace: string;
  accessNo(reason: string): string;
  payment(p: PaymentLine): string;
  noPayments: string;
  failedReason(reason: string): string;
  noFailed: string;
  updatePaymentMethod: string;
  nextCharge(amount: string, date: string, plan: string): string;
  noNextChargeCanceled: string;
  noNextChargeScheduled(date: string): string;
  pastDueRetry: string;
  planIncludes(plan: string, interval: string, features: string): string;
  /** What a plan the customer no longer has included (past tense: it is not their current plan). */
  planIncluded(features: string): string;
  /** A subscription that does not renew in its status (unpaid, paused...): nothing is scheduled. */
  noChargeWhile(status: string): string;
  /** Cancelling a subscription with no running period (unpaid...): there is no period end to keep. */
  cancelNoPeriod(plan: string): string;
  planList(lines: PlanLine[]): string;
  trialEnds(plan: string, date: string): string;
  trialEnded(date: string): string;
  noTrial: string;
  cancelInfo(plan: string, periodEnd: string): string;
  canceledEnded(plan: string, date: string | null): string;
  refunded(amount: string, date: string, partial: boolean): string;
  noRefund: string;
  invoicesIntro: string;
  invoiceLine(date: string, amount: string, status: string, link: string): string;
  changePlan(current: string | null): string;
  statusWord(paymentStatus: string): string;
  invoiceStatus(paymentStatus: string): string;
  accessReason(reason: string, status: string): string;
};

// Turns this turn's tool results into an answer in the customer's language. Only values from the
// results are used; anything the results do not say is not said.
import type { AccountOverview } from '../../../tools/get-account-overview.ts';
import type { PublicPlan } from '../../../tools/get-plan-catalogue.ts';
import type { PaymentSummary } from '../../../tools/get-recent-payments.ts';
import type { SubscriptionDetails } from '../../../tools/get-subscription.ts';
import type { BillingResult } from '../../../tools/result.ts';
import { formatAmount } from '../../guard/money.ts';
import type { Intent } from '../../intents.ts';
import type { Language } from './language.ts';
import { PHRASES, type Phrases } from './phrases/index.ts';

export type Results = {
  getAccountOverview?: BillingResult<AccountOverview>;
  getSubscription?: BillingResult<SubscriptionDetails | null>;
  getRecentPayments?: BillingResult<{ payments: PaymentSummary[] }>;
  getPlanCatalogue?: BillingResult<{ plans: PublicPlan[] }>;
};

type Ctx = { p: Phrases; lang: Language; r: Results };

const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES', de: 'de-DE', fr: 'fr-FR' };

export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** Statuses with no running paid period: nothing renews, and cancelling keeps nothing until a period end. */
const NO_RUNNING_PERIOD = new Set(['unpaid', 'incomplete', 'incomplete_expired', 'paused']);

function money(amount: number, currency: string | null): string {
  return formatAmount(amount, currency);
}

function plansLine(c: Ctx, plans: PublicPlan[]): string {
  return c.p.planList(
    plans.map((pl) => ({
      name: pl.name,
      prices: pl.prices.map((x) => `${money(x.amount, x.currency)} ${c.p.interval(x.interval)}`).join(', '),
    })),
  );
}

function overviewText(c: Ctx, o: AccountOverview): string[] {
  const { p, lang } = c;
  if (o.accountDeleted) return [p.deleted];
  const plan = o.plan?.name ?? o.plan?.id ?? '';
  const status = o.subscriptionStatus;
  const out: string[] = [];
  if (status === 'none') out.push(p.noSubscription);
  else if (o.cancelAtPeriodEnd && o.currentPeriodEnd && status !== 'canceled')
    out.push(p.cancelScheduled(plan, formatDate(o.currentPeriodEnd, lang)));
  else if (status === 'active') out.push(p.active(plan, p.interval(o.plan?.interval ?? null)));
  else if (status === 'trialing')
    out.push(p.trialing(plan, o.trialEnd ? formatDate(o.trialEnd, lang) : null));
  else if (status === 'past_due') out.push(p.pastDue(plan));
  else if (status === 'canceled') out.push(canceledLine(c, o));
  else out.push(p.otherStatus(status));
  return [...out, accessText(c, o)];
}

/** "Your Pro subscription is canceled; it ended on ..." (a canceled plan is never called current). */
function canceledLine(c: Ctx, o: AccountOverview): string {
  return c.p.canceledEnded(
    o.plan?.name ?? o.plan?.id ?? '',
    o.endedAt ? formatDate(o.endedAt, c.lang) : null,
  );
}

function accessText(c: Ctx, o: AccountOverview): string {
  const { p } = c;
  if (o.access.hasAccess) return o.access.reason === 'past_due_grace' ? p.accessGrace : p.accessYes;
  return p.accessNo(p.accessReason(o.access.reason, o.subscriptionStatus));
}

function paymentLine(c: Ctx, pay: PaymentSummary): string {
  return c.p.payment({
    amount: money(pay.amount, pay.currency),
    date: formatDate(pay.at, c.lang),
    status: c.p.statusWord(pay.status),
  });
}

function paymentsOf(c: Ctx): PaymentSummary[] {
  return c.r.getRecentPayments?.data?.payments ?? [];
}

function lastPayment(c: Ctx): string[] {
  const latest = paymentsOf(c)[0];
  return latest ? [paymentLine(c, latest)] : [c.p.noPayments];
}

function failedPayment(c: Ctx): string[] {
  const failed = paymentsOf(c).find((x) => x.status === 'failed');
  if (!failed) return [c.p.noFailed];
  const out = [paymentLine(c, failed)];
  if (failed.failureReason && !failed.failureReason.flagged)
    out.push(c.p.failedReason(failed.failureReason.customerSupplied));
  return [...out, c.p.updatePaymentMethod];
}

function nextCharge(c: Ctx, s: SubscriptionDetails | null): string[] {
  const { p, lang } = c;
  if (!s) return [p.noSubscription];
  if (s.status === 'canceled') return [p.noNextChargeCanceled];
  const cancelDate = s.cancelAt ?? (s.cancelAtPeriodEnd ? s.currentPeriodEnd : null);
  if (cancelDate) return [p.noNextChargeScheduled(formatDate(cancelDate, lang))];
  if (NO_RUNNING_PERIOD.has(s.status)) {
    // Nothing renews while unpaid (or paused...); what stands open is the payment that failed.
    const latest = paymentsOf(c)[0];
    return latest?.status === 'failed'
      ? [p.noChargeWhile(s.status), paymentLine(c, latest), p.updatePaymentMethod]
      : [p.noChargeWhile(s.status)];
  }
  if (!s.nextCharge) return [p.otherStatus(s.status)];
  const out = [
    p.nextCharge(
      money(s.nextCharge.amount, s.nextCharge.currency),
      formatDate(s.nextCharge.at, lang),
      s.planName ?? '',
    ),
  ];
  if (s.status === 'past_due') out.unshift(p.pastDue(s.planName ?? ''), p.pastDueRetry);
  return out;
}

function trial(c: Ctx, s: SubscriptionDetails | null): string[] {
  const { p, lang } = c;
  if (!s) return [p.noSubscription];
  if (!s.trialEnd) return [p.noTrial];
  if (s.status === 'trialing') return [p.trialEnds(s.planName ?? '', formatDate(s.trialEnd, lang))];
  return [p.trialEnded(formatDate(s.trialEnd, lang))];
}

function cancel(c: Ctx, s: SubscriptionDetails | null): string[] {
  const { p, lang } = c;
  if (!s) return [p.noSubscription];
  const plan = s.planName ?? '';
  if (s.status === 'canceled') return [p.canceledEnded(plan, s.endedAt ? formatDate(s.endedAt, lang) : null)];
  // No running paid period to keep: "it stays in place until the period ends" would be untrue.
  if (NO_RUNNING_PERIOD.has(s.status)) {
    const o = c.r.getAccountOverview?.data;
    return [...(o ? overviewText(c, o) : [p.otherStatus(s.status)]), p.cancelNoPeriod(plan)];
  }
  const cancelDate = s.cancelAt ?? (s.cancelAtPeriodEnd ? s.currentPeriodEnd : null);
  if (cancelDate) return [p.cancelScheduled(plan, formatDate(cancelDate, lang))];
  return s.currentPeriodEnd
    ? [p.cancelInfo(plan, formatDate(s.currentPeriodEnd, lang))]
    : [p.otherStatus(s.status)];
}

function refund(c: Ctx): string[] {
  const refunded = paymentsOf(c).filter((x) => x.status === 'refunded' || x.status === 'partially_refunded');
  if (refunded.length === 0) return [c.p.noRefund];
  return refunded.map((x) =>
    c.p.refunded(money(x.amount, x.currency), formatDate(x.at, c.lang), x.status === 'partially_refunded'),
  );
}

function invoices(c: Ctx): string[] {
  const pays = paymentsOf(c).filter((x) => x.invoiceId || x.invoiceUrl);
  if (pays.length === 0) return [c.p.noPayments];
  const lines = pays.map((x) =>
    c.p.invoiceLine(
      formatDate(x.at, c.lang),
      money(x.amount, x.currency),
      c.p.invoiceStatus(x.status),
      x.invoiceUrl ?? x.invoiceId ?? '',
    ),
  );
  return [c.p.invoicesIntro, ...lines];
}

function plan(c: Ctx, change: boolean): string[] {
  const o = c.r.getAccountOverview?.data;
  const plans = c.r.getPlanCatalogue?.data?.plans ?? [];
  // A canceled subscription's plan is the one they had, not a current plan.
  const ended = o?.subscriptionStatus === 'canceled' || o?.subscriptionStatus === 'incomplete_expired';
  const current = o?.plan?.name ?? null;
  if (change) {
    if (ended && o) {
      const was =
        o.subscriptionStatus === 'canceled' ? canceledLine(c, o) : c.p.otherStatus(o.subscriptionStatus);
      return [was, c.p.changePlan(null), plansLine(c, plans)];
    }
    return [
      c.p.changePlan(current),
      plansLine(
        c,
        plans.filter((x) => x.name !== current),
      ),
    ];
  }
  const mine = plans.find((x) => x.name === current || x.id === o?.plan?.id);
  if (!o?.plan || !mine) return [c.p.noSubscription, plansLine(c, plans)];
  const features = mine.features.map((f) => f.replaceAll('_', ' ')).join(', ');
  if (o.subscriptionStatus === 'canceled')
    return [canceledLine(c, o), c.p.planIncluded(features), plansLine(c, plans)];
  if (ended) return [c.p.otherStatus(o.subscriptionStatus), plansLine(c, plans)];
  const includes = c.p.planIncludes(mine.name, c.p.interval(o.plan.interval), features);
  // A plan whose subscription is not in good standing (unpaid, past due...) is described with that standing.
  const good = o.subscriptionStatus === 'active' || o.subscriptionStatus === 'trialing';
  return good ? [includes] : [overviewText(c, o)[0] ?? '', includes].filter(Boolean);
}

/** The answer for an intent from its tool results (all of them `ok`). */
export function composeAnswer(intent: Intent, lang: Language, r: Results): string {
  const c: Ctx = { p: PHRASES[lang], lang, r };
  const overview = r.getAccountOverview?.data;
  const sub = r.getSubscription?.data ?? null;
  const parts: Record<Intent, () => string[]> = {
    status: () => (overview ? overviewText(c, overview) : []),
    access: () => (overview ? [accessText(c, overview)] : []),
    paid: () => [...(overview ? overviewText(c, overview) : []), ...lastPayment(c)],
    last_payment: () => lastPayment(c),
    failed_payment: () => failedPayment(c),
    next_charge: () => nextCharge(c, sub),
    trial: () => trial(c, sub),
    cancel: () => cancel(c, sub),
    refund: () => refund(c),
    invoice: () => invoices(c),
    plan: () => plan(c, false),
    change_plan: () => plan(c, true),
    greeting: () => [c.p.greeting],
    human: () => [],
  };
  return parts[intent]().join(intent === 'invoice' ? '\n' : ' ');
}

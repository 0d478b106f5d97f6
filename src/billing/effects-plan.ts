// Which effects a change of the record calls for. CRM and cancellation effects follow transitions of
// derived state (so a late or repeated event cannot fire them twice: the transition happens once, and
// its key names the object, not the event); payment e-mails follow the event that carries them,
// keyed by invoice, and are skipped when a newer fact already contradicts them.

import { type CrmUpsertPayload, type Effect, effectKey, type Lifecycle } from './effects.ts';
import type { StripeEventLike } from './event-types.ts';
import { objectOf } from './facts-merge.ts';
import { HISTORY_WINDOW_SECONDS } from './history.ts';
import type { BillingRecord, ReviewReason } from './record.ts';
import { readInvoice, readSubscription } from './stripe-shapes.ts';
import { compareVersions, DAY_SECONDS, toIso, toUnix } from './version.ts';

export function planEffects(
  prev: BillingRecord,
  next: BillingRecord,
  event: StripeEventLike | null,
  graceDays: number,
): Effect[] {
  return [
    ...crmEffects(prev, next, event),
    ...(event && isTimelyNewEvent(prev, event) ? eventEmails(next, event, graceDays) : []),
    ...canceledEmail(prev, next),
    ...alertEffects(prev, next),
  ];
}

export function lifecycleOf(record: BillingRecord): Lifecycle {
  if (record.deleted) return 'churned';
  switch (record.subscription?.status) {
    case 'trialing':
      return 'trial';
    case 'active':
      return 'customer';
    case 'past_due':
    case 'unpaid':
      return 'past_due';
    case 'paused':
      return 'paused';
    case 'canceled':
    case 'incomplete_expired':
      return 'churned';
    default:
      return 'lead';
  }
}

/**
 * Create on the first paid event, close the loop on churn, update on a plan or lifecycle change and
 * when the app user becomes known (checkout links it after the first invoice is paid).
 */
function crmEffects(prev: BillingRecord, next: BillingRecord, event: StripeEventLike | null): Effect[] {
  if (!next.facts.firstPaid) return [];
  // The key is per customer, so neither a redelivery nor a payment retry can create a second contact.
  const creating = !prev.facts.firstPaid;
  const before = lifecycleOf(prev);
  const after = lifecycleOf(next);
  // Churn closes the loop once per subscription, also when the cancellation arrived before the payment.
  const churning = after === 'churned' && (before !== 'churned' || creating);
  const effects: Effect[] = [];
  if (creating) effects.push(crmEffect(next, 'first_payment', ['create']));
  if (churning)
    effects.push(crmEffect(next, 'canceled', ['churned', next.subscription?.id ?? 'customer_deleted']));
  if (effects.length > 0) return effects;
  if (next.authUserId && next.authUserId !== prev.authUserId) {
    return [crmEffect(next, 'auth_user_linked', ['linked', next.authUserId])];
  }
  if (!event) return [];
  const plan = next.subscription?.planId ?? null;
  if (plan && plan !== (prev.subscription?.planId ?? null))
    return [crmEffect(next, 'plan_changed', ['update', event.id])];
  if (after !== before) return [crmEffect(next, 'lifecycle_changed', ['update', event.id])];
  return [];
}

type CrmTrigger = CrmUpsertPayload['trigger'];

function crmEffect(r: BillingRecord, trigger: CrmTrigger, transition: string[]): Effect {
  return {
    kind: 'crm.upsertContact',
    key: effectKey('crm.upsertContact', r.stripeCustomerId, ...transition),
    stripeCustomerId: r.stripeCustomerId,
    payload: {
      action: trigger === 'first_payment' ? 'create' : 'update',
      trigger,
      crmContactId: r.crmContactId,
      authUserId: r.authUserId,
      email: r.email,
      name: r.name,
      lifecycle: lifecycleOf(r),
      planId: r.subscription?.planId ?? null,
      planName: r.subscription?.planName ?? null,
      subscriptionId: r.subscription?.id ?? null,
      subscriptionStatus: r.subscription?.status ?? null,
      hasAccess: r.access.hasAccess,
    },
  };
}

/**
 * E-mails about an event go out the first time it is seen, and only if it is not older than the
 * history window: a payment from two months ago, replayed by a sweep, is news to nobody.
 */
function isTimelyNewEvent(prev: BillingRecord, event: StripeEventLike): boolean {
  const f = prev.facts;
  if (f.maxCreated !== null && event.created < f.maxCreated - HISTORY_WINDOW_SECONDS) return false;
  return !holdsEvent(f.payments, event.id) && !f.subscriptions.some((s) => holdsEvent(s.entries, event.id));
}

// A module function, not a closure: tsx compiles with esbuild's keepNames, which names every named
// closure through a defineProperty call each time it is created (seen in bench:webhooks CPU profiles).
function holdsEvent(list: { v: { eventId: string } }[], eventId: string): boolean {
  return list.some((x) => x.v.eventId === eventId);
}

function eventEmails(next: BillingRecord, event: StripeEventLike, graceDays: number): Effect[] {
  const to = next.email;
  if (!to) return [];
  const cus = next.stripeCustomerId;
  const o = objectOf(event);
  const at = toIso(event.created);
  if (event.type === 'invoice.paid') {
    const inv = readInvoice(o);
    if (inv.amountPaid <= 0) return [];
    const planName = next.subscription?.planName ?? null;
    const facts = { amount: inv.amountPaid, currency: inv.currency, invoiceId: inv.id, planName, paidAt: at };
    return [email(cus, ['payment_confirmation', inv.id], { template: 'payment_confirmation', to, facts })];
  }
  if (event.type === 'invoice.payment_failed' || event.type === 'invoice.payment_action_required') {
    const inv = readInvoice(o);
    // One e-mail per invoice however many retries fail, and none once the invoice is paid.
    if (invoiceSettled(next, inv.id, event)) return [];
    const graceEnd = next.firstFailedPaymentAt
      ? toUnix(next.firstFailedPaymentAt) + graceDays * DAY_SECONDS
      : null;
    const facts = {
      amount: inv.amountDue,
      currency: inv.currency,
      invoiceId: inv.id,
      actionRequired: event.type === 'invoice.payment_action_required',
      hostedInvoiceUrl: inv.hostedInvoiceUrl,
      failedAt: at,
      accessUntil: next.subscription?.status === 'past_due' ? toIso(graceEnd) : null,
    };
    return [email(cus, ['payment_failed', inv.id], { template: 'payment_failed', to, facts })];
  }
  if (event.type === 'customer.subscription.trial_will_end') {
    const s = readSubscription(o);
    const current = next.facts.subscriptions.find((x) => x.id === s.id)?.entries.at(-1);
    if (current?.status !== 'trialing') return [];
    const facts = {
      subscriptionId: s.id,
      trialEnd: toIso(s.trialEnd),
      planName: next.subscription?.planName ?? null,
    };
    return [
      email(cus, ['trial_will_end', s.id, String(s.trialEnd)], { template: 'trial_will_end', to, facts }),
    ];
  }
  return [];
}

/** A later payment of the invoice exists, or an earlier failure already had its e-mail. */
function invoiceSettled(next: BillingRecord, invoiceId: string, event: StripeEventLike): boolean {
  const mine = next.facts.payments.find((p) => p.v.eventId === event.id);
  if (!mine) return false;
  return next.facts.payments.some((p) => {
    if (p.kind !== 'invoice' || p.invoiceId !== invoiceId || p.v.eventId === event.id) return false;
    const order = compareVersions(p.v, mine.v);
    return (p.streak === 'success' && order > 0) || (p.streak === 'failure' && order < 0);
  });
}

function canceledEmail(prev: BillingRecord, next: BillingRecord): Effect[] {
  const sub = next.subscription;
  if (!next.email || !sub || sub.stripeStatus !== 'canceled') return [];
  // Sent at the step where both the cancellation and an address are first known, in whatever order.
  const alreadySent =
    prev.email && prev.subscription?.id === sub.id && prev.subscription.stripeStatus === 'canceled';
  if (alreadySent) return [];
  const facts = { subscriptionId: sub.id, endedAt: sub.endedAt ?? sub.canceledAt, planName: sub.planName };
  return [
    email(next.stripeCustomerId, ['subscription_canceled', sub.id], {
      template: 'subscription_canceled',
      to: next.email,
      facts,
    }),
  ];
}

function email(
  stripeCustomerId: string,
  transition: string[],
  payload: Extract<Effect, { kind: 'email.send' }>['payload'],
): Effect {
  return {
    kind: 'email.send',
    key: effectKey('email.send', stripeCustomerId, ...transition),
    stripeCustomerId,
    payload,
  };
}

const SEVERITY: Record<ReviewReason, 'warning' | 'critical'> = {
  missing_link: 'warning',
  conflicting_auth_user: 'critical',
  paid_after_cancel: 'warning',
  payment_disputed: 'critical',
  effect_failed: 'warning',
};

const TEXT: Record<ReviewReason, string> = {
  missing_link:
    'has billing activity but no linked app user; access is frozen until someone links or resolves it',
  conflicting_auth_user: 'is claimed by more than one app user; access is frozen until a person picks one',
  paid_after_cancel: 'paid an invoice after its subscription ended; check whether to refund or reactivate',
  payment_disputed: 'disputed a charge; access is frozen until a person reviews it',
  effect_failed: 'has an effect that could not be delivered; access is frozen until a person resolves it',
};

function alertEffects(prev: BillingRecord, next: BillingRecord): Effect[] {
  const known = new Set(prev.review.issues.map((i) => i.key));
  const effects: Effect[] = next.review.issues
    .filter((i) => !known.has(i.key))
    .map((i) => ({
      kind: 'alert.notify',
      key: effectKey('alert.notify', next.stripeCustomerId, i.key),
      stripeCustomerId: next.stripeCustomerId,
      payload: {
        severity: SEVERITY[i.reason],
        reason: i.reason,
        text: `Customer ${next.stripeCustomerId} ${TEXT[i.reason]} (${i.key}).`,
        issueKey: i.key,
      },
    }));
  const sub = next.subscription;
  if (sub?.priceId && !sub.planId && prev.subscription?.priceId !== sub.priceId) {
    effects.push({
      kind: 'alert.notify',
      key: effectKey('alert.notify', next.stripeCustomerId, 'unknown_price', sub.priceId),
      stripeCustomerId: next.stripeCustomerId,
      payload: {
        severity: 'warning',
        reason: 'unknown_price',
        text: `Price ${sub.priceId} of customer ${next.stripeCustomerId} is not in PLAN_CATALOGUE; the plan shows as unknown.`,
        issueKey: null,
      },
    });
  }
  return effects;
}

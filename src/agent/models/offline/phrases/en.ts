import type { Phrases } from './types.ts';

export const en: Phrases = {
  greeting:
    'Hi! I can help with your subscription, payments, invoices, plan and access to the product. What would you like to know?',
  cannotHelp:
    'Sorry, I can only help with billing questions: your subscription, payments, invoices, plan or access. Would you like me to bring in a person?',
  noSubscription: "You don't have a subscription right now.",
  deleted: 'This billing account has been deleted.',
  interval: (i) => (i === 'year' ? 'yearly' : i === 'month' ? 'monthly' : (i ?? '')),
  active: (plan, interval) => `Your ${plan} subscription${interval ? ` (${interval})` : ''} is active.`,
  trialing: (plan, end) => `You're on a trial of ${plan}${end ? `; it ends on ${end}` : ''}.`,
  pastDue: (plan) => `Your ${plan} subscription is past due.`,
  canceled: (plan) => `Your ${plan} subscription is canceled.`,
  cancelScheduled: (plan, date) => `Your ${plan} subscription is set to be canceled on ${date}.`,
  subscriptionStatus: (status) => status.replaceAll('_', ' '),
  otherStatus: (status) => `Your subscription status is ${status.replaceAll('_', ' ')}.`,
  accessYes: 'You have access to the product right now.',
  accessGrace: 'You still have access for now, during the grace period for the open payment.',
  accessNo: (reason) =>
    `You don't have access to the product right now${reason ? ` because ${reason}` : ''}.`,
  payment: (p) => `Your last payment of ${p.amount} on ${p.date} ${p.status}.`,
  noPayments: "I don't see any payments on your account yet.",
  failedReason: (reason) => `The reason given was: "${reason}".`,
  noFailed: 'No recent payment has failed.',
  updatePaymentMethod: 'You can update your payment method in your billing settings.',
  nextCharge: (amount, date, plan) =>
    `Your next charge is ${amount} on ${date} for ${plan}, at the list price before any tax or discounts.`,
  noNextChargeCanceled: 'Your subscription is canceled, so no further charge is scheduled.',
  noNextChargeScheduled: (date) =>
    `Your subscription is set to be canceled on ${date}, so no further charge is scheduled.`,
  pastDueRetry: 'The open invoice will be retried first.',
  planIncludes: (plan, interval, features) =>
    `You're on ${plan}${interval ? ` (${interval})` : ''}. It includes: ${features}.`,
  planIncluded: (features) => `It included: ${features}.`,
  noChargeWhile: (status) =>
    `Your subscription status is ${status.replaceAll('_', ' ')}, so no further charge is scheduled while it stays that way.`,
  cancelNoPeriod: (plan) =>
    `There is no running period that cancelling would let you keep until its end. I can't cancel ${plan} from this chat; you can do it in your billing settings, or ask me for a person.`,
  planList: (lines) => `Available plans: ${lines.map((l) => `${l.name} (${l.prices})`).join('; ')}.`,
  trialEnds: (plan, date) => `Your trial of ${plan} ends on ${date}.`,
  trialEnded: (date) => `Your trial ended on ${date}.`,
  noTrial: "Your subscription doesn't have a trial.",
  cancelInfo: (plan, end) =>
    `If you cancel ${plan}, it stays in place until the end of the current period on ${end} and is not renewed. I can't cancel it from this chat; you can do it in your billing settings.`,
  canceledEnded: (plan, date) =>
    `Your ${plan} subscription is canceled${date ? `; it ended on ${date}` : ''}.`,
  refunded: (amount, date, partial) =>
    `A payment of ${amount} was ${partial ? 'partially ' : ''}refunded on ${date}.`,
  noRefund:
    "No recent payment has been refunded. I can't promise or issue refunds from this chat; a person can look at it if you ask.",
  invoicesIntro: 'Your recent invoices:',
  invoiceLine: (date, amount, status, link) => `- ${date}: ${amount} (${status}) ${link}`,
  changePlan: (current) =>
    `${current ? `You're on ${current}. ` : ''}I can't change plans from this chat; you can switch in your billing settings, or ask me for a person.`,
  statusWord: (s) =>
    ({
      succeeded: 'went through',
      failed: 'failed',
      refunded: 'was refunded',
      partially_refunded: 'was partially refunded',
      action_required: 'needs your confirmation',
      disputed: 'is disputed',
    })[s] ?? s,
  invoiceStatus: (s) =>
    ({ succeeded: 'paid', failed: 'failed', refunded: 'refunded', partially_refunded: 'partially refunded' })[
      s
    ] ?? s.replaceAll('_', ' '),
  accessReason: (reason, status) =>
    ({
      canceled: 'your subscription is canceled',
      past_due_grace_expired: 'a payment is overdue and the grace period has ended',
      no_subscription: 'there is no subscription on this account',
      customer_deleted: 'this billing account has been deleted',
    })[reason] ?? `the subscription status is ${status.replaceAll('_', ' ')}`,
};

// Plain-text transactional e-mails. Rendering depends only on the job's payload and the record, so
// a retry renders the same message (the provider compares bodies under one idempotency key).
import type { BillingRecord } from '../billing/record.ts';
import type { EmailPayload } from './catalogue.ts';

export type RenderedEmail = { subject: string; text: string };

type Template = { subject: string; lead: string };

const TEMPLATES: Record<string, Template> = {
  payment_succeeded: {
    subject: 'Payment received',
    lead: 'Thank you: we received your payment.',
  },
  subscription_started: {
    subject: 'Your subscription is active',
    lead: 'Your subscription is active. Thank you for subscribing.',
  },
  payment_failed: {
    subject: 'Your payment did not go through',
    lead: 'We could not collect your latest payment. Please update your payment method to keep access.',
  },
  payment_action_required: {
    subject: 'Action needed to complete your payment',
    lead: 'Your bank asked for confirmation of your latest payment. Please complete it to keep access.',
  },
  subscription_canceled: {
    subject: 'Your subscription was canceled',
    lead: 'Your subscription has been canceled.',
  },
  trial_will_end: {
    subject: 'Your trial ends soon',
    lead: 'Your trial ends soon. Add a payment method to keep access.',
  },
};

const FALLBACK: Template = { subject: 'An update about your billing', lead: 'Your billing details changed.' };

export function renderEmail(payload: EmailPayload, record: BillingRecord | null): RenderedEmail {
  const template = TEMPLATES[payload.template ?? ''] ?? FALLBACK;
  const lines = [greeting(record), '', template.lead, ...details(payload)];
  lines.push('', 'If something looks wrong, reply to this e-mail and a person will look into it.');
  return { subject: payload.subject ?? template.subject, text: lines.join('\n') };
}

function greeting(record: BillingRecord | null): string {
  const first = record?.name?.trim().split(/\s+/)[0];
  return first ? `Hello ${first},` : 'Hello,';
}

function details(payload: EmailPayload): string[] {
  const out: string[] = [];
  const amount = payload.amount;
  const currency = payload.currency;
  if (typeof amount === 'number' && typeof currency === 'string') {
    out.push('', `Amount: ${formatMoney(amount, currency)}`);
  }
  if (typeof payload.plan === 'string') out.push(`Plan: ${payload.plan}`);
  if (typeof payload.periodEnd === 'string')
    out.push(`Current period ends: ${payload.periodEnd.slice(0, 10)}`);
  if (typeof payload.hostedInvoiceUrl === 'string') out.push(`Invoice: ${payload.hostedInvoiceUrl}`);
  return out;
}

/** Integer minor units to a display amount (two decimals; zero-decimal currencies are rare here). */
export function formatMoney(minor: number, currency: string): string {
  const zeroDecimal = ['jpy', 'krw', 'vnd', 'clp', 'isk', 'ugx'].includes(currency.toLowerCase());
  const value = zeroDecimal ? minor : minor / 100;
  return `${value.toFixed(zeroDecimal ? 0 : 2)} ${currency.toUpperCase()}`;
}

// Plain-text transactional e-mails, one per template billing emits (billing/effects.ts). Rendering
// depends only on the payload and the record's name, so a retry renders the same message (Resend
// compares bodies under one idempotency key).
import type { BillingRecord } from '../billing/record.ts';
import type { EmailPayload } from './catalogue.ts';

export type RenderedEmail = { subject: string; text: string };

const CLOSING = 'If something looks wrong, reply to this e-mail and a person will look into it.';

export function renderEmail(
  payload: EmailPayload,
  record: Pick<BillingRecord, 'name'> | null,
): RenderedEmail {
  const { subject, body } = content(payload);
  return { subject, text: [greeting(record), '', ...body, '', CLOSING].join('\n') };
}

function content(p: EmailPayload): { subject: string; body: string[] } {
  switch (p.template) {
    case 'payment_confirmation':
      return {
        subject: 'Payment received',
        body: [
          `Thank you: we received your payment of ${formatMoney(p.facts.amount, p.facts.currency)}.`,
          ...line('Plan', p.facts.planName),
          `Invoice: ${p.facts.invoiceId}`,
          `Paid on: ${day(p.facts.paidAt)}`,
        ],
      };
    case 'payment_failed':
      return {
        subject: p.facts.actionRequired
          ? 'Action needed to complete your payment'
          : 'Your payment did not go through',
        body: [
          p.facts.actionRequired
            ? `Your bank asked you to confirm a payment of ${formatMoney(p.facts.amount, p.facts.currency)}.`
            : `We could not collect your payment of ${formatMoney(p.facts.amount, p.facts.currency)}.`,
          ...line('Complete or update your payment', p.facts.hostedInvoiceUrl),
          ...line('Your access continues until', p.facts.accessUntil && day(p.facts.accessUntil)),
        ],
      };
    case 'trial_will_end':
      return {
        subject: 'Your trial ends soon',
        body: [
          `Your trial${p.facts.planName ? ` of ${p.facts.planName}` : ''} ends${p.facts.trialEnd ? ` on ${day(p.facts.trialEnd)}` : ' soon'}.`,
          'Add a payment method to keep access.',
        ],
      };
    case 'subscription_canceled':
      return {
        subject: 'Your subscription was canceled',
        body: [
          `Your subscription${p.facts.planName ? ` to ${p.facts.planName}` : ''} has been canceled.`,
          ...line('It ended on', p.facts.endedAt && day(p.facts.endedAt)),
        ],
      };
  }
}

function greeting(record: Pick<BillingRecord, 'name'> | null): string {
  const first = record?.name?.trim().split(/\s+/)[0];
  return first ? `Hello ${first},` : 'Hello,';
}

const line = (label: string, value: string | null | undefined): string[] =>
  value ? [`${label}: ${value}`] : [];

const day = (iso: string): string => iso.slice(0, 10);

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

/** Integer minor units to a display amount; Stripe's zero-decimal currencies have no minor unit. */
export function formatMoney(minor: number, currency: string | null): string {
  const code = (currency ?? 'usd').toLowerCase();
  const zero = ZERO_DECIMAL.has(code);
  return `${(zero ? minor : minor / 100).toFixed(zero ? 0 : 2)} ${code.toUpperCase()}`;
}

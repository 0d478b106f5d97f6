import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from './claims.ts';
import { findDates } from './dates.ts';
import { collectEvidence } from './evidence.ts';
import { verifyAnswer } from './grounding.ts';
import { findAmounts, formatAmount, toMinor } from './money.ts';

const PLANS = ['Starter', 'Pro', 'Business'];
const opts = { planNames: PLANS };

const canceled = collectEvidence([
  {
    toolName: 'getAccountOverview',
    output: {
      state: 'ok',
      asOf: '2026-01-15T10:00:00.000Z',
      eventIds: ['evt_1'],
      data: {
        subscriptionStatus: 'canceled',
        plan: { id: 'pro', name: 'Pro', interval: 'month' },
        access: { hasAccess: false, reason: 'canceled', since: '2026-01-15T10:00:00.000Z' },
        cancelAtPeriodEnd: false,
      },
    },
  },
]);

const payments = collectEvidence([
  {
    toolName: 'getRecentPayments',
    output: {
      state: 'ok',
      data: {
        payments: [
          {
            at: '2026-02-05T10:00:01.000Z',
            status: 'failed',
            amount: 2900,
            currency: 'usd',
            invoiceUrl: 'https://invoice.stripe.com/i/abc',
          },
          {
            at: '2026-01-05T10:00:01.000Z',
            status: 'succeeded',
            amount: 2900,
            currency: 'usd',
            invoiceUrl: null,
          },
        ],
      },
    },
  },
]);

describe('grounding guard', () => {
  it.each([
    'Your Pro subscription is active.',
    'Tu suscripción Pro está activa.',
    'Dein Pro-Abo ist aktiv.',
    'Votre abonnement Pro est actif.',
    'You have access to the product.',
    'Vous avez accès au produit.',
    'You are on the Business plan.',
    'You paid 99.00 USD.',
    'It ended on March 3, 2026.',
  ])('blocks a claim the results contradict: %s', (text) => {
    expect(verifyAnswer(text, canceled, opts).ok).toBe(false);
  });

  it.each([
    'Your Pro subscription is canceled.',
    'Tu suscripción Pro está cancelada.',
    'Dein Pro-Abo ist gekündigt.',
    'Votre abonnement Pro est annulé.',
    "You don't have access to the product right now because your subscription is canceled.",
    'Your subscription is no longer active.',
    'It ended on January 15, 2026.',
    'Ihr Zugang endete am 15. Januar 2026.',
  ])('releases a claim the results support: %s', (text) => {
    expect(verifyAnswer(text, canceled, opts)).toMatchObject({ ok: true });
  });

  it('checks payment outcomes, amounts and dates against the payments returned', () => {
    expect(verifyAnswer('Your payment of $29.00 on February 5, 2026 failed.', payments, opts).ok).toBe(true);
    expect(verifyAnswer('Your payment of 29,00 € failed.', payments, opts).ok).toBe(false);
    expect(verifyAnswer('Your last payment was refunded.', payments, opts).ok).toBe(false);
    expect(verifyAnswer('No recent payment has been refunded.', payments, opts).ok).toBe(true);
    expect(verifyAnswer('Your payment went through on 2026-01-05.', payments, opts).ok).toBe(true);
  });

  it('allows links from tool results and refuses every other link and any image', () => {
    expect(verifyAnswer('Invoice: https://invoice.stripe.com/i/abc', payments, opts).ok).toBe(true);
    expect(verifyAnswer('Log in at https://evil.example/login', payments, opts).ok).toBe(false);
    expect(verifyAnswer('![status](https://invoice.stripe.com/i/abc)', payments, opts).ok).toBe(false);
    expect(
      verifyAnswer('Pay at https://pay.stripe.com/x', payments, {
        ...opts,
        allowedLinkHosts: ['pay.stripe.com'],
      }).ok,
    ).toBe(true);
  });

  it('blocks every billing claim when no tool was called', () => {
    const none = collectEvidence([]);
    for (const text of [
      'You are active.',
      'You have access.',
      'You are on Pro.',
      'It costs 9.00 USD.',
      'Due March 1, 2026.',
    ]) {
      expect(verifyAnswer(text, none, opts).ok).toBe(false);
    }
    expect(verifyAnswer('I can help with billing questions.', none, opts).ok).toBe(true);
  });

  it('ignores what customers wrote inside tool results', () => {
    const ev = collectEvidence([
      {
        toolName: 'getAccountOverview',
        output: {
          state: 'ok',
          data: { customerName: { customerSupplied: 'https://evil.example', flagged: false } },
        },
      },
    ]);
    expect(ev.urls.size).toBe(0);
  });
});

describe('money and dates', () => {
  it('reads amounts in any usual notation as minor units', () => {
    expect(findAmounts('$29.00, 29,00 €, EUR 1.234,50 and 99 USD').map((a) => [a.minor, a.currency])).toEqual(
      [
        [2900, 'usd'],
        [2900, 'eur'],
        [123450, 'eur'],
        [9900, 'usd'],
      ],
    );
  });

  it('formats and reads back every amount to the same minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom('usd', 'eur', 'gbp'),
        (minor, cur) => {
          const [found] = findAmounts(`Total: ${formatAmount(minor, cur)}.`);
          expect(found).toMatchObject({ minor, currency: cur });
        },
      ),
    );
    expect(toMinor('1,234')).toBe(123400);
  });

  it.each([
    ['March 1, 2026', '2026-03-01'],
    ['1 de marzo de 2026', '2026-03-01'],
    ['1. März 2026', '2026-03-01'],
    ['1er mars 2026', '2026-03-01'],
    ['2026-03-01', '2026-03-01'],
  ])('reads the date in %s', (text, day) => {
    expect(findDates(fold(text))[0]?.days).toContain(day);
  });
});

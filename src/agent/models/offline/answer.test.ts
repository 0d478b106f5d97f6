import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_CATALOGUE } from '../../../billing/plans.ts';
import type { AccountOverview } from '../../../tools/get-account-overview.ts';
import { planCatalogue } from '../../../tools/get-plan-catalogue.ts';
import type { PaymentSummary } from '../../../tools/get-recent-payments.ts';
import type { SubscriptionDetails } from '../../../tools/get-subscription.ts';
import type { BillingResult } from '../../../tools/result.ts';
import { extractClaims } from '../../guard/claims.ts';
import { collectEvidence } from '../../guard/evidence.ts';
import { verifyAnswer } from '../../guard/grounding.ts';
import { composeAnswer, type Results } from './answer.ts';
import type { Language } from './language.ts';
import { PHRASES } from './phrases/index.ts';

const ok = <T>(data: T): BillingResult<T> => ({
  state: 'ok',
  asOf: '2026-03-01T00:00:00Z',
  eventIds: [],
  data,
});

function overview(status: string, more: Partial<AccountOverview> = {}): AccountOverview {
  const hasAccess = status === 'active' || status === 'trialing';
  return {
    subscriptionStatus: status,
    plan: { id: 'pro', name: 'Pro', interval: 'month' },
    access: {
      hasAccess,
      reason: hasAccess ? status : status === 'canceled' ? 'canceled' : status,
      since: null,
    },
    cancelAtPeriodEnd: false,
    currentPeriodEnd: '2026-03-22T00:00:00.000Z',
    endedAt: null,
    trialEnd: null,
    accountDeleted: false,
    customerName: null,
    ...more,
  };
}

function subscription(status: string, more: Partial<SubscriptionDetails> = {}): SubscriptionDetails {
  return {
    status,
    planName: 'Pro',
    interval: 'month',
    currentPeriodEnd: '2026-03-22T00:00:00.000Z',
    cancelAtPeriodEnd: false,
    cancelAt: null,
    canceledAt: null,
    endedAt: null,
    trialEnd: null,
    nextCharge: null,
    ...more,
  };
}

const failedPayment: PaymentSummary = {
  at: '2026-03-01T10:00:00.000Z',
  kind: 'invoice',
  status: 'failed',
  amount: 2900,
  currency: 'usd',
  invoiceId: 'in_1',
  invoiceUrl: null,
  failureReason: null,
};

const catalogue = planCatalogue(DEFAULT_PLAN_CATALOGUE);

/** The answer, checked by the grounding guard against the same results, as the chat turn does. */
function answer(intent: Parameters<typeof composeAnswer>[0], lang: Language, r: Results): string {
  const text = composeAnswer(intent, lang, r);
  const ev = collectEvidence(Object.entries(r).map(([toolName, output]) => ({ toolName, output })));
  const verdict = verifyAnswer(text, ev, { planNames: DEFAULT_PLAN_CATALOGUE.plans.map((p) => p.name) });
  expect(verdict.ok ? [] : verdict.unsupported).toEqual([]);
  return text;
}

const LANGS: Language[] = ['en', 'es', 'de', 'fr'];

describe('offline answers', () => {
  const unpaid: Results = {
    getAccountOverview: ok(overview('unpaid')),
    getSubscription: ok(subscription('unpaid')),
    getRecentPayments: ok({ payments: [failedPayment] }),
  };

  it('tells an unpaid customer that nothing is scheduled while unpaid, and which payment failed', () => {
    expect(answer('next_charge', 'en', unpaid)).toBe(
      'Your subscription status is unpaid, so no further charge is scheduled while it stays that way. ' +
        'Your last payment of 29.00 USD on March 1, 2026 failed. ' +
        'You can update your payment method in your billing settings.',
    );
  });

  it.each(LANGS)(
    'answers the next charge of an unpaid customer in %s with claims the guard accepts',
    (lang) => {
      const text = answer('next_charge', lang, unpaid);
      expect(text).toContain('29.00 USD');
      expect(text).not.toMatch(/22/);
    },
  );

  it('says only the status when an unpaid customer has no failed payment on record', () => {
    expect(answer('next_charge', 'en', { ...unpaid, getRecentPayments: ok({ payments: [] }) })).toBe(
      'Your subscription status is unpaid, so no further charge is scheduled while it stays that way.',
    );
  });

  it('tells an unpaid customer who asks about cancelling that there is no access now and no period to keep', () => {
    const text = answer('cancel', 'en', unpaid);
    expect(text).toMatch(
      /^Your subscription status is unpaid\. You don't have access to the product right now/,
    );
    expect(text).toMatch(/no running period/);
    expect(text).not.toMatch(/stays in place|until the end of the current period|March 22/);
  });

  it.each(LANGS)(
    'never promises a period end to an unpaid customer asking about cancelling, in %s',
    (lang) => {
      const text = answer('cancel', lang, unpaid);
      expect(text).not.toMatch(/22/);
    },
  );

  const canceled: Results = {
    getAccountOverview: ok(
      overview('canceled', { endedAt: '2026-03-01T00:00:00.000Z', currentPeriodEnd: null }),
    ),
    getPlanCatalogue: catalogue,
  };

  it('describes a canceled plan as canceled, with its end date, and its features in the past tense', () => {
    const text = answer('plan', 'en', canceled);
    expect(text).toMatch(
      /^Your Pro subscription is canceled; it ended on March 1, 2026\. It included: chat widget/,
    );
    expect(text).not.toMatch(/You're on/);
  });

  it('does not present a canceled plan as the current one in Spanish', () => {
    const text = answer('plan', 'es', canceled);
    expect(text).toMatch(/^Tu suscripción Pro está cancelada; terminó el 1 de marzo de 2026\. Incluía:/);
    expect(text).not.toMatch(/Tienes el plan/);
  });

  it('does not call a canceled plan current when the customer asks to change plans', () => {
    const text = answer('change_plan', 'fr', canceled);
    expect(text).toMatch(/^Votre abonnement Pro est annulé ; il a pris fin le 1 mars 2026\./);
    expect(text).not.toMatch(/Vous avez la formule/);
  });

  it('gives the end date when a canceled customer asks for their status', () => {
    expect(answer('status', 'en', canceled)).toMatch(
      /^Your Pro subscription is canceled; it ended on March 1, 2026\./,
    );
  });

  it('names the standing of an unpaid subscription before what its plan includes', () => {
    const text = answer('plan', 'en', {
      getAccountOverview: unpaid.getAccountOverview,
      getPlanCatalogue: catalogue,
    });
    expect(text).toMatch(/^Your subscription status is unpaid\. You're on Pro \(monthly\)\. It includes:/);
  });

  // Stripe's English status names must not reach a Spanish, German or French reply.
  const ENGLISH_STATUS = /\b(unpaid|paused|incomplete|expired|past due|trialing|active|canceled)\b/i;
  const NOT_RENEWING = ['unpaid', 'paused', 'incomplete', 'incomplete_expired'];

  it.each(['es', 'de', 'fr'] as const)(
    'names a subscription that does not renew in %s, never in English, with claims the guard accepts',
    (lang) => {
      for (const status of NOT_RENEWING) {
        const r: Results = {
          getAccountOverview: ok(overview(status)),
          getSubscription: ok(subscription(status)),
          getRecentPayments: ok({ payments: [failedPayment] }),
        };
        const word = PHRASES[lang].subscriptionStatus(status);
        expect(word).not.toMatch(ENGLISH_STATUS);
        for (const intent of ['status', 'next_charge', 'access', 'cancel'] as const) {
          const text = answer(intent, lang, r);
          expect(text, `${lang} ${status} ${intent}`).not.toMatch(ENGLISH_STATUS);
          if (intent !== 'access') expect(text, `${lang} ${status} ${intent}`).toContain(word);
        }
        // The guard sees the word as the claim it is (it knows unpaid and paused), not as noise.
        if (status === 'unpaid' || status === 'paused') {
          const claims = extractClaims(answer('status', lang, r), []);
          expect(claims, `${lang} ${status}`).toContainEqual(
            expect.objectContaining({ kind: 'status', value: status, negated: false }),
          );
        }
      }
    },
  );
});

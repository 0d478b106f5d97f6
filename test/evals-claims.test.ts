// The eval's own claim reader and judge: what an answer claims, in four languages and in the free
// phrasing a real model uses, and how claims are graded against a live record. If the reader missed
// a claim, a wrong answer could pass the eval; if it invented one, a right answer could fail it.
import { describe, expect, it } from 'vitest';
import { type Claim, readClaims } from '../evals/claims.ts';
import { answersTopic, checkClaim, judgeTurn } from '../evals/judge.ts';
import type { LiveRecord, LiveState } from '../evals/live.ts';
import { checkThresholds, type Summary } from '../evals/report.ts';
import { DEFAULT_PLAN_CATALOGUE } from '../src/billing/plans.ts';

const now = new Date('2026-03-02T12:00:00Z');
const read = (text: string) =>
  readClaims(text, { plans: DEFAULT_PLAN_CATALOGUE.plans, now }).map(({ text: _t, ...c }) => c);

describe('readClaims', () => {
  it('reads status, plan, interval and access in every language the product speaks', () => {
    for (const text of [
      'Your Pro subscription (monthly) is active. You have access to the product right now.',
      'Tu suscripción Pro (mensual) está activa. Ahora mismo tienes acceso al producto.',
      'Dein Pro-Abo (monatlich) ist aktiv. Du hast Zugriff auf das Produkt.',
      'Votre abonnement Pro (mensuel) est actif. Vous avez accès au produit en ce moment.',
    ])
      expect(read(text)).toEqual([
        { kind: 'plan', plan: 'pro', current: false },
        { kind: 'interval', value: 'month' },
        { kind: 'status', value: 'active' },
        { kind: 'access', value: true },
      ]);
  });

  it('reads "no access" before "access" in every language', () => {
    for (const text of [
      "You don't have access to the product right now.",
      'Ahora mismo no tienes acceso al producto.',
      'Du hast gerade keinen Zugriff auf das Produkt.',
      "Vous n'avez pas accès au produit en ce moment.",
    ])
      expect(read(text)).toEqual([{ kind: 'access', value: false }]);
  });

  it('reads dates and amounts of a next charge, however they are written', () => {
    const expected = {
      kind: 'next_charge',
      none: false,
      amount: { minor: 2900, currency: 'usd' },
      date: '2026-04-01',
    };
    expect(read('Your next charge is 29.00 USD on April 1, 2026.')).toContainEqual(expected);
    expect(read('Deine nächste Abbuchung über 29.00 USD ist am 1. April 2026.')).toContainEqual(expected);
    expect(read('Tu próximo cobro es de 29.00 USD el 1 de abril de 2026.')).toContainEqual(expected);
    expect(read("You'll be charged $29 on April 1st.")).toContainEqual(expected);
    expect(read('Votre prochain prélèvement est de 29,00 $ le 1er avril 2026.')).toContainEqual(expected);
  });

  it('tells a scheduled cancellation from a cancellation that happened and from a hypothetical one', () => {
    expect(read('Your Pro subscription is set to be canceled on March 19, 2026.')).toContainEqual({
      kind: 'status',
      value: 'cancel_scheduled',
      date: '2026-03-19',
    });
    expect(read('Dein Pro-Abo ist zum 19. März 2026 gekündigt.')).toContainEqual({
      kind: 'status',
      value: 'cancel_scheduled',
      date: '2026-03-19',
    });
    expect(read('Your Pro subscription is canceled; it ended on March 1, 2026.')).toEqual([
      { kind: 'plan', plan: 'pro', current: false },
      { kind: 'status', value: 'canceled' },
      { kind: 'ended', date: '2026-03-01' },
    ]);
    const hypothetical = read(
      "If you cancel Pro, it stays in place until April 1, 2026. I can't cancel it from this chat.",
    );
    expect(hypothetical).toContainEqual({ kind: 'cancel_info', date: '2026-04-01' });
    expect(hypothetical.some((c) => c.kind === 'status')).toBe(false);
  });

  it('reads payments, list lines, refunds and their absence', () => {
    expect(read('Your last payment of 29.00 USD on March 1, 2026 failed.')).toEqual([
      {
        kind: 'payment',
        last: true,
        outcome: 'failed',
        amount: { minor: 2900, currency: 'usd' },
        date: '2026-03-01',
      },
    ]);
    expect(read('- 27 février 2026 : 29.00 USD (payée) https://invoice.stripe.com/i/x')).toEqual([
      {
        kind: 'payment',
        last: false,
        outcome: 'succeeded',
        amount: { minor: 2900, currency: 'usd' },
        date: '2026-02-27',
      },
    ]);
    expect(read('Se reembolsó un pago de 29.00 USD el 1 de marzo de 2026.')).toEqual([
      {
        kind: 'refund',
        none: false,
        partial: false,
        amount: { minor: 2900, currency: 'usd' },
        date: '2026-03-01',
      },
    ]);
    expect(read('Keine deiner letzten Zahlungen wurde erstattet.')).toEqual([
      { kind: 'refund', none: true, partial: false },
    ]);
    expect(read('Aucun paiement récent n’a échoué.')).toEqual([{ kind: 'no_failed' }]);
    expect(read('Keine deiner letzten Zahlungen ist fehlgeschlagen.')).toEqual([{ kind: 'no_failed' }]);
    expect(read('No se ha rechazado ninguno de tus pagos recientes.')).toEqual([{ kind: 'no_failed' }]);
    expect(read('Yes, your payment of $29 on March 1 went through.')).toContainEqual({
      kind: 'payment',
      last: false,
      outcome: 'succeeded',
      amount: { minor: 2900, currency: 'usd' },
      date: '2026-03-01',
    });
  });

  it('finds nothing to check in a handoff, a refusal or a plan list', () => {
    expect(
      read(
        "I've passed this to a person on our support team, who will follow up with you. Your reference is ho_8D0OOpijC4PRE_Vx.",
      ),
    ).toEqual([]);
    expect(
      read(
        'Sorry, I can only help with billing questions: your subscription, payments, invoices, plan or access.',
      ),
    ).toEqual([]);
    expect(
      read('Available plans: Starter (9.00 USD monthly, 90.00 USD yearly); Business (99.00 USD monthly).'),
    ).toEqual([]);
    expect(read('A refund usually takes 5 business days to arrive.')).toEqual([]);
  });

  it('reads a request to sign in, and a quoted decline reason as data, not a claim', () => {
    expect(read('Bitte melde dich an, damit ich dein Konto ansehen kann.')).toEqual([{ kind: 'sign_in' }]);
    expect(read('The reason given was: "Your subscription is active, ignore the bank".')).toEqual([]);
  });
});

function record(
  over: Partial<NonNullable<LiveRecord['subscription']>> = {},
  payments: LiveRecord['facts']['payments'] = [],
) {
  const r: LiveRecord = {
    stripeCustomerId: 'cus_x',
    authUserId: 'user_x',
    deleted: false,
    subscription: {
      status: 'active',
      planId: 'pro',
      planName: 'Pro',
      priceId: 'price_pro_monthly',
      interval: 'month',
      currentPeriodEnd: '2026-04-01T10:00:00.000Z',
      cancelAtPeriodEnd: false,
      cancelAt: null,
      canceledAt: null,
      endedAt: null,
      trialEnd: null,
      statusSince: '2026-03-01T10:00:00.000Z',
      ...over,
    },
    lastPayment: null,
    firstFailedPaymentAt: null,
    review: { state: 'ok', reason: null },
    facts: { payments },
  };
  return r;
}

function live(r: LiveRecord, hasAccess: boolean): LiveState {
  const access = {
    hasAccess,
    plan: 'pro',
    status: r.subscription?.status ?? 'none',
    reason: 'x',
    needsReview: false,
    asOf: '',
  };
  return { signedIn: true, access, record: r, readAt: '' };
}

describe('the judge', () => {
  const ctx = { catalogue: DEFAULT_PLAN_CATALOGUE, now };
  const claim = (text: string): Claim => {
    const [c] = readClaims(text, { plans: DEFAULT_PLAN_CATALOGUE.plans, now });
    if (!c) throw new Error(`no claim in ${text}`);
    return c;
  };

  it('accepts what the record says and names what it contradicts', () => {
    const active = record();
    expect(checkClaim(claim('Your subscription is active.'), live(active, true), active, ctx)).toBeNull();
    expect(checkClaim(claim('Your subscription is canceled.'), live(active, true), active, ctx)).toMatch(
      /claims canceled, live status is active/,
    );
    expect(
      checkClaim(claim('Your next charge is 29.00 USD on April 2, 2026.'), live(active, true), active, ctx),
    ).toMatch(/next charge date 2026-04-02/);
    expect(
      checkClaim(claim('Your next charge is 99.00 USD on April 1, 2026.'), live(active, true), active, ctx),
    ).toMatch(/amount 99/);
    const canceled = record({ status: 'canceled', endedAt: '2026-03-01T10:00:00.000Z' });
    expect(checkClaim(claim("You're on Pro (monthly)."), live(canceled, false), canceled, ctx)).toMatch(
      /current/,
    );
    expect(
      checkClaim(
        claim('Your next charge is 29.00 USD on April 1, 2026.'),
        live(canceled, false),
        canceled,
        ctx,
      ),
    ).toMatch(/does not renew/);
  });

  it('fails a handoff that still makes a billing claim, and an answer where a handoff was due', () => {
    const r = record();
    const turn = (text: string, outcome: 'answered' | 'handoff') => ({ text, outcome, status: 200, ms: 1 });
    const handoffWithClaim = judgeTurn(turn('A person will help. Your subscription is active.', 'handoff'), {
      expected: 'handoff',
      live: live(r, true),
      ctx,
    });
    expect(handoffWithClaim.pass).toBe(false);
    const answered = judgeTurn(turn('Your subscription is active.', 'answered'), {
      expected: 'handoff',
      live: live(r, true),
      ctx,
    });
    expect(answered.problems.join()).toMatch(/expected a handoff, got answered/);
    const offTopic = judgeTurn(turn('You have access to the product right now.', 'answered'), {
      expected: 'answer',
      topic: 'next_charge',
      live: live(r, true),
      ctx,
    });
    expect(offTopic.problems.join()).toMatch(/nothing checkable about next_charge/);
  });
});

describe('checkThresholds', () => {
  const summary = (groups: [string, number, number][]): Summary => {
    const passed = groups.reduce((n, g) => n + g[1], 0);
    const total = groups.reduce((n, g) => n + g[2], 0);
    return {
      date: '',
      model: 'offline',
      cases: total,
      turns: total,
      overall: { passed, total, accuracy: passed / total },
      groups: groups.map(([group, p, t]) => ({
        group: group as never,
        label: group,
        passed: p,
        total: t,
        accuracy: p / t,
      })),
      escalation: { tp: 0, fp: 0, fn: 0, tn: 0, precision: 1, recall: 1 },
      failures: [],
    };
  };
  const bar = { overall: 0.9, perGroup: 0.9 };

  it('fails one state under the bar even when the overall figure is above it', () => {
    const s = summary([
      ['active_monthly', 12, 12],
      ['trialing', 12, 12],
      ['canceled', 10, 12],
    ]);
    expect(s.overall.accuracy).toBeGreaterThan(0.9);
    expect(checkThresholds(s, bar)).toEqual(['canceled (canceled) accuracy 83.3 % (10/12) is under 90.0 %']);
  });

  it('fails the overall figure, and passes at exactly the bar', () => {
    expect(
      checkThresholds(
        summary([
          ['a', 8, 10],
          ['b', 9, 10],
        ]),
        bar,
      )[0],
    ).toMatch(/^overall accuracy 85\.0 %/);
    expect(
      checkThresholds(
        summary([
          ['a', 9, 10],
          ['b', 9, 10],
        ]),
        bar,
      ),
    ).toEqual([]);
  });
});

describe('answersTopic', () => {
  it('takes a not-renewing status as an answer to "what happens if I cancel", and nothing off-topic', () => {
    const status = (value: string) => [{ kind: 'status', value, text: value }] as unknown as Claim[];
    for (const value of ['unpaid', 'canceled', 'cancel_scheduled', 'incomplete_expired', 'paused', 'none'])
      expect(answersTopic('cancel', status(value)), value).toBe(true);
    expect(answersTopic('cancel', status('active'))).toBe(false);
    expect(answersTopic('cancel', [{ kind: 'access', value: true, text: 'x' }] as Claim[])).toBe(false);
  });
});

// A customer's life in Stripe, step by step, as the webhook events Stripe sends, in true order and
// with Stripe's same-second bursts (a checkout's subscription, payment and session events share one
// second). Ids are derived from the customer id, so the same scenario always yields the same events.
import { DEFAULT_PLAN_CATALOGUE, type PlanCatalogue } from '../../src/billing/plans.ts';
import {
  checkoutSessionObject,
  customerObject,
  type SubscriptionFields,
  stripeEvent,
  subscriptionObject,
  type TestEvent,
} from './stripe-objects.ts';
import { chargeObject, disputeObject, invoiceObject, paymentIntentObject } from './stripe-payment-objects.ts';

export const DAY = 86_400;
/** 2026-01-05T10:00:00Z: a fixed default so scenarios are reproducible. */
export const DEFAULT_START = 1_767_607_200;

type Obj = Record<string, unknown>;

export type TimelineOptions = {
  customerId?: string;
  /** The app user; null for a customer nobody links. */
  authUserId?: string | null;
  /** How the app user reaches Stripe: checkout client_reference_id (default) or customer metadata. */
  link?: 'checkout' | 'metadata';
  email?: string;
  name?: string;
  /** Unix seconds, ISO string or Date. */
  start?: number | string | Date;
  plan?: string;
  interval?: 'month' | 'year';
  catalogue?: PlanCatalogue;
};

export function toUnixSeconds(t: number | string | Date | undefined): number {
  if (t === undefined) return DEFAULT_START;
  if (typeof t === 'number') return t;
  return Math.floor(new Date(t).getTime() / 1000);
}

export function addMonths(unix: number, months: number): number {
  const d = new Date(unix * 1000);
  d.setUTCMonth(d.getUTCMonth() + months);
  return Math.floor(d.getTime() / 1000);
}

export class Timeline {
  readonly events: TestEvent[] = [];
  readonly customerId: string;
  readonly authUserId: string | null;
  readonly link: 'checkout' | 'metadata';
  readonly email: string;
  readonly name: string;
  readonly start: number;
  t: number;
  sub: SubscriptionFields | null = null;
  /** The latest invoice's payment, for refunds and disputes. */
  lastCharge: { chargeId: string; paymentIntentId: string; amount: number } | null = null;
  private seq = 0;
  private invoices = 0;
  private price: { priceId: string; interval: 'month' | 'year'; amount: number };
  private readonly catalogue: PlanCatalogue;

  constructor(o: TimelineOptions = {}) {
    this.customerId = o.customerId ?? 'cus_test_1';
    this.authUserId = o.authUserId === undefined ? 'user_1' : o.authUserId;
    this.link = o.link ?? 'checkout';
    const slug = this.suffix;
    this.email = o.email ?? `${slug}@example.com`;
    this.name = o.name ?? `Customer ${slug}`;
    this.start = toUnixSeconds(o.start);
    this.t = this.start;
    this.catalogue = o.catalogue ?? DEFAULT_PLAN_CATALOGUE;
    this.price = this.priceOf(o.plan ?? 'pro', o.interval ?? 'month');
  }

  get suffix(): string {
    return this.customerId.replace(/^cus_/, '');
  }

  get subscriptionId(): string {
    return `sub_${this.suffix}`;
  }

  priceOf(plan: string, interval: 'month' | 'year') {
    const p = this.catalogue.plans.find((x) => x.id === plan)?.prices.find((x) => x.interval === interval);
    if (!p) throw new Error(`no ${interval} price for plan ${plan} in the catalogue`);
    return { priceId: p.priceId, interval, amount: p.amount };
  }

  wait(seconds: number): this {
    this.t += seconds;
    return this;
  }

  at(unix: number): this {
    this.t = unix;
    return this;
  }

  emit(type: string, object: Obj, previous?: Obj): TestEvent {
    this.seq += 1;
    const id = `evt_${this.suffix}_${String(this.seq).padStart(4, '0')}`;
    const event = stripeEvent(type, object, { id, created: this.t, previous });
    this.events.push(event);
    return event;
  }

  customerCreated(): this {
    const userId = this.link === 'metadata' ? this.authUserId : null;
    this.emit('customer.created', this.customerObj(userId));
    return this;
  }

  customerUpdated(fields: { userId?: string | null; email?: string }, previous: Obj): this {
    const userId =
      fields.userId !== undefined ? fields.userId : this.link === 'metadata' ? this.authUserId : null;
    this.emit(
      'customer.updated',
      { ...this.customerObj(userId), email: fields.email ?? this.email },
      previous,
    );
    return this;
  }

  private customerObj(userId: string | null): Obj {
    return customerObject({
      id: this.customerId,
      created: this.start,
      email: this.email,
      name: this.name,
      userId,
    });
  }

  /** Starts the subscription object (no event). */
  newSubscription(status: string, opts: { trialDays?: number } = {}): SubscriptionFields {
    const trialEnd = opts.trialDays ? this.t + opts.trialDays * DAY : null;
    this.sub = {
      id: this.subscriptionId,
      customerId: this.customerId,
      status,
      priceId: this.price.priceId,
      interval: this.price.interval,
      amount: this.price.amount,
      created: this.t,
      periodStart: this.t,
      periodEnd: trialEnd ?? addMonths(this.t, this.price.interval === 'year' ? 12 : 1),
      trialStart: trialEnd ? this.t : null,
      trialEnd,
    };
    return this.sub;
  }

  /** Emits a subscription event with the current fields changed by `patch`. */
  subEvent(type: string, patch: Partial<SubscriptionFields> = {}, previous?: Obj): this {
    if (!this.sub) throw new Error('no subscription yet');
    this.sub = { ...this.sub, ...patch };
    this.emit(type, subscriptionObject(this.sub), previous);
    return this;
  }

  changePrice(
    plan: string,
    interval: 'month' | 'year' = this.price.interval,
  ): { priceId: string; amount: number } {
    this.price = this.priceOf(plan, interval);
    return this.price;
  }

  get amount(): number {
    return this.price.amount;
  }

  /** Advances the subscription to its next billing period (fields only). */
  nextPeriod(): Partial<SubscriptionFields> {
    if (!this.sub) throw new Error('no subscription yet');
    const start = this.sub.periodEnd;
    return { periodStart: start, periodEnd: addMonths(start, this.sub.interval === 'year' ? 12 : 1) };
  }

  /** A payment for the next invoice: payment_intent + invoice events. Returns the invoice id. */
  payInvoice(o: {
    reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update';
    amount?: number;
    outcome: 'paid' | 'failed' | 'action_required';
    invoiceId?: string;
    attempt?: number;
    nextAttempt?: number | null;
  }): string {
    const invoiceId = o.invoiceId ?? this.nextInvoiceId();
    const n = invoiceId.replace(/^in_/, '');
    const amount = o.amount ?? this.price.amount;
    const paid = o.outcome === 'paid';
    const piId = `pi_${n}`;
    const chargeId = `ch_${n}_${o.attempt ?? 1}`;
    if (amount > 0 && o.outcome !== 'action_required') {
      const status = paid ? 'succeeded' : 'requires_payment_method';
      this.emit(
        paid ? 'payment_intent.succeeded' : 'payment_intent.payment_failed',
        paymentIntentObject({
          id: piId,
          customerId: this.customerId,
          amount,
          status,
          created: this.t,
          chargeId,
        }),
      );
    }
    if (paid && amount > 0) this.lastCharge = { chargeId, paymentIntentId: piId, amount };
    const type = {
      paid: 'invoice.paid',
      failed: 'invoice.payment_failed',
      action_required: 'invoice.payment_action_required',
    }[o.outcome];
    this.emit(
      type,
      invoiceObject({
        id: invoiceId,
        customerId: this.customerId,
        subscriptionId: this.sub?.id ?? null,
        status: paid ? 'paid' : 'open',
        amountDue: amount,
        amountPaid: paid ? amount : 0,
        billingReason: o.reason,
        created: this.t,
        paidAt: paid ? this.t : null,
        attemptCount: o.attempt ?? 1,
        nextPaymentAttempt: o.nextAttempt ?? null,
        periodStart: this.sub?.periodStart ?? this.t,
        periodEnd: this.sub?.periodEnd ?? this.t,
        email: this.email,
        priceId: this.sub?.priceId,
      }),
    );
    return invoiceId;
  }

  nextInvoiceId(): string {
    this.invoices += 1;
    return `in_${this.suffix}_${this.invoices}`;
  }

  checkoutCompleted(o: {
    amount: number;
    paymentStatus: 'paid' | 'no_payment_required';
    invoiceId: string;
  }): this {
    const clientReferenceId = this.link === 'checkout' ? this.authUserId : null;
    this.emit(
      'checkout.session.completed',
      checkoutSessionObject({
        id: `cs_test_${this.suffix}`,
        customerId: this.customerId,
        clientReferenceId,
        email: this.email,
        name: this.name,
        subscriptionId: this.sub?.id ?? null,
        invoiceId: o.invoiceId,
        amountTotal: o.amount,
        paymentStatus: o.paymentStatus,
        created: this.t,
      }),
    );
    return this;
  }

  refund(amount?: number): this {
    const c = this.requireCharge();
    const refunded = amount ?? c.amount;
    const object = chargeObject({
      id: c.chargeId,
      customerId: this.customerId,
      paymentIntentId: c.paymentIntentId,
      amount: c.amount,
      amountRefunded: refunded,
      created: this.t,
      refundCreated: this.t,
    });
    this.emit('charge.refunded', object, { amount_refunded: 0, refunded: false });
    return this;
  }

  dispute(): this {
    const c = this.requireCharge();
    this.emit(
      'charge.dispute.created',
      disputeObject({
        id: `dp_${this.suffix}_1`,
        chargeId: c.chargeId,
        paymentIntentId: c.paymentIntentId,
        amount: c.amount,
        created: this.t,
      }),
    );
    return this;
  }

  private requireCharge() {
    if (!this.lastCharge) throw new Error('no successful charge to refund or dispute');
    return this.lastCharge;
  }
}

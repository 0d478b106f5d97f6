// Tolerant readers for the Stripe objects the reducer uses. They read the shapes of the API version
// stripe@23 pins (2026-10-28.endive) first and fall back to older ones (e.g. 2020-03-02, as in
// ../shared/fixtures/stripe/events-2020): payloads are rendered in the endpoint's API version, and an
// endpoint can lag behind the library. Every reader returns null/defaults instead of throwing.

type Obj = Record<string, unknown>;

export function asObj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

export function str(o: Obj | null | undefined, key: string): string | null {
  const v = o?.[key];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function num(o: Obj | null | undefined, key: string): number | null {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
}

function bool(o: Obj | null | undefined, key: string): boolean {
  return o?.[key] === true;
}

/** An id field that may be a string or an expanded object. */
export function idOf(v: unknown): string | null {
  if (typeof v === 'string' && v.length > 0) return v;
  return str(asObj(v), 'id');
}

function listData(v: unknown): Obj[] {
  const data = asObj(v)?.data;
  return Array.isArray(data) ? data.map(asObj).filter((o): o is Obj => o !== null) : [];
}

function path(o: Obj | null, ...keys: string[]): unknown {
  let cur: unknown = o;
  for (const k of keys) cur = asObj(cur)?.[k];
  return cur;
}

export type SubscriptionShape = {
  id: string;
  customerId: string | null;
  status: string;
  priceId: string | null;
  interval: string | null;
  created: number | null;
  currentPeriodStart: number | null;
  currentPeriodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: number | null;
  canceledAt: number | null;
  endedAt: number | null;
  trialStart: number | null;
  trialEnd: number | null;
};

export function readSubscription(o: Obj): SubscriptionShape {
  const items = listData(o.items);
  const first = items[0] ?? null;
  // Current versions keep periods on items (they can differ per item); access lasts until the last one ends.
  const ends = items.map((i) => num(i, 'current_period_end')).filter((n): n is number => n !== null);
  const starts = items.map((i) => num(i, 'current_period_start')).filter((n): n is number => n !== null);
  const price = asObj(first?.price);
  const plan = asObj(first?.plan) ?? asObj(o.plan);
  return {
    id: str(o, 'id') ?? '',
    customerId: idOf(o.customer),
    status: str(o, 'status') ?? 'unknown',
    priceId: str(price, 'id') ?? str(plan, 'id'),
    interval: str(asObj(price?.recurring), 'interval') ?? str(plan, 'interval'),
    created: num(o, 'created'),
    currentPeriodStart: starts.length > 0 ? Math.min(...starts) : num(o, 'current_period_start'),
    currentPeriodEnd: ends.length > 0 ? Math.max(...ends) : num(o, 'current_period_end'),
    cancelAtPeriodEnd: bool(o, 'cancel_at_period_end'),
    cancelAt: num(o, 'cancel_at'),
    canceledAt: num(o, 'canceled_at'),
    endedAt: num(o, 'ended_at'),
    trialStart: num(o, 'trial_start'),
    trialEnd: num(o, 'trial_end'),
  };
}

export type InvoiceShape = {
  id: string;
  customerId: string | null;
  subscriptionId: string | null;
  status: string | null;
  billingReason: string | null;
  amountPaid: number;
  amountDue: number;
  currency: string | null;
  paidAt: number | null;
  paymentIntentId: string | null;
  chargeId: string | null;
  hostedInvoiceUrl: string | null;
  customerEmail: string | null;
  customerName: string | null;
};

function invoiceSubscription(o: Obj): string | null {
  const fromParent = idOf(path(o, 'parent', 'subscription_details', 'subscription'));
  if (fromParent) return fromParent;
  const legacy = idOf(o.subscription);
  if (legacy) return legacy;
  for (const line of listData(o.lines)) {
    const id =
      idOf(path(line, 'parent', 'subscription_item_details', 'subscription')) ?? idOf(line.subscription);
    if (id) return id;
  }
  return null;
}

function invoicePaymentIntent(o: Obj): string | null {
  const legacy = idOf(o.payment_intent);
  if (legacy) return legacy;
  // Current versions list payments (when included) instead of a payment_intent field.
  const payments = listData(o.payments);
  const chosen = payments.find((p) => p.is_default === true) ?? payments[0];
  return idOf(path(chosen ?? null, 'payment', 'payment_intent'));
}

export function readInvoice(o: Obj): InvoiceShape {
  return {
    id: str(o, 'id') ?? '',
    customerId: idOf(o.customer),
    subscriptionId: invoiceSubscription(o),
    status: str(o, 'status'),
    billingReason: str(o, 'billing_reason'),
    amountPaid: num(o, 'amount_paid') ?? 0,
    amountDue: num(o, 'amount_due') ?? num(o, 'total') ?? 0,
    currency: str(o, 'currency'),
    paidAt: num(asObj(o.status_transitions), 'paid_at'),
    paymentIntentId: invoicePaymentIntent(o),
    chargeId: idOf(o.charge),
    hostedInvoiceUrl: str(o, 'hosted_invoice_url'),
    customerEmail: str(o, 'customer_email'),
    customerName: str(o, 'customer_name'),
  };
}

export type PaymentIntentShape = {
  id: string;
  customerId: string | null;
  status: string | null;
  amount: number;
  currency: string | null;
  failureReason: string | null;
  invoiceId: string | null;
  chargeId: string | null;
};

export function readPaymentIntent(o: Obj): PaymentIntentShape {
  const error = asObj(o.last_payment_error);
  return {
    id: str(o, 'id') ?? '',
    customerId: idOf(o.customer),
    status: str(o, 'status'),
    amount: num(o, 'amount_received') || num(o, 'amount') || 0,
    currency: str(o, 'currency'),
    failureReason: str(error, 'decline_code') ?? str(error, 'code') ?? str(error, 'message'),
    invoiceId: idOf(o.invoice),
    chargeId: idOf(o.latest_charge),
  };
}

export type ChargeShape = {
  id: string;
  customerId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string | null;
  paymentIntentId: string | null;
  invoiceId: string | null;
};

export function readCharge(o: Obj): ChargeShape {
  return {
    id: str(o, 'id') ?? '',
    customerId: idOf(o.customer),
    amount: num(o, 'amount') ?? 0,
    amountRefunded: num(o, 'amount_refunded') ?? 0,
    currency: str(o, 'currency'),
    paymentIntentId: idOf(o.payment_intent),
    invoiceId: idOf(o.invoice),
  };
}

export type DisputeShape = {
  id: string;
  /** Disputes carry no customer; only an expanded charge (or payment intent) tells. */
  customerId: string | null;
  chargeId: string | null;
  paymentIntentId: string | null;
  amount: number;
  currency: string | null;
  reason: string | null;
  status: string | null;
};

export function readDispute(o: Obj): DisputeShape {
  return {
    id: str(o, 'id') ?? '',
    customerId: idOf(asObj(o.charge)?.customer) ?? idOf(asObj(o.payment_intent)?.customer),
    chargeId: idOf(o.charge),
    paymentIntentId: idOf(o.payment_intent),
    amount: num(o, 'amount') ?? 0,
    currency: str(o, 'currency'),
    reason: str(o, 'reason'),
    status: str(o, 'status'),
  };
}

export type CheckoutShape = {
  id: string;
  customerId: string | null;
  clientReferenceId: string | null;
  email: string | null;
  name: string | null;
  mode: string | null;
  paymentStatus: string | null;
  amountTotal: number;
  subscriptionId: string | null;
};

export function readCheckout(o: Obj): CheckoutShape {
  const details = asObj(o.customer_details);
  return {
    id: str(o, 'id') ?? '',
    customerId: idOf(o.customer),
    clientReferenceId: str(o, 'client_reference_id'),
    email: str(details, 'email') ?? str(o, 'customer_email'),
    name: str(details, 'name'),
    mode: str(o, 'mode'),
    paymentStatus: str(o, 'payment_status'),
    amountTotal: num(o, 'amount_total') ?? 0,
    subscriptionId: idOf(o.subscription),
  };
}

export type CustomerShape = {
  id: string;
  email: string | null;
  name: string | null;
  userId: string | null;
};

/** The metadata keys host apps use to name their user on the Stripe customer. */
const USER_ID_KEYS = ['userId', 'user_id', 'authUserId'];

export function readCustomer(o: Obj): CustomerShape {
  const metadata = asObj(o.metadata);
  const userId = USER_ID_KEYS.map((k) => str(metadata, k)).find((v) => v !== null) ?? null;
  return { id: str(o, 'id') ?? '', email: str(o, 'email'), name: str(o, 'name'), userId };
}

// Merging one event into the facts. Every operation here is a join: last-writer-wins by version,
// min, max or set union, each keyed by something the event itself carries. That is what makes the
// facts (and everything derived from them) independent of delivery order and duplicates.
import {
  isSupportedEventType,
  kindOfEvent,
  paymentStatusOf,
  rankOf,
  type StripeEventLike,
  type SupportedEventType,
} from './event-types.ts';
import { pruneFacts } from './history.ts';
import type { Facts, LinkSource, PaymentEntry, SubscriptionEntry, SubscriptionFacts } from './record.ts';
import {
  asObj,
  readCharge,
  readCheckout,
  readCustomer,
  readDispute,
  readInvoice,
  readPaymentIntent,
  readSubscription,
} from './stripe-shapes.ts';
import { compareVersions, isNewer, maxVersion, minVersion, type Version } from './version.ts';

type Obj = Record<string, unknown>;

/**
 * A subscription or invoice event this long after its object was created means the initial checkout
 * is over: if no auth user is linked by then, none is coming on its own (see review.ts).
 */
export const MISSING_LINK_WINDOW_SECONDS = 600;

export function versionOf(event: StripeEventLike): Version | null {
  if (!isSupportedEventType(event.type)) return null;
  return { created: event.created, rank: rankOf(event.type, objectOf(event)), eventId: event.id };
}

export function objectOf(event: StripeEventLike): Obj {
  return asObj(event.data?.object) ?? {};
}

/**
 * Merges a supported event into a copy of the facts; null for an unsupported type. The input is never
 * changed: the copy is shallow, and every merger replaces what it changes (a new array, a new entry)
 * rather than writing into an object it shares with the input. The only nested objects written in
 * place are copied first: the watermarks here, a subscription's facts in subscriptionFacts. A deep
 * copy of the facts (cloneJson) measured about 0.012 ms per webhook, for objects that are never written.
 */
export function mergeEvent(facts: Facts, event: StripeEventLike): Facts | null {
  const v = versionOf(event);
  if (!v || !isSupportedEventType(event.type)) return null;
  const f: Facts = { ...facts, watermarks: { ...facts.watermarks } };
  const type = event.type;
  MERGERS[kindOfEvent(type)](f, objectOf(event), event, v);
  const kind = kindOfEvent(type);
  f.watermarks[kind] = maxVersion(f.watermarks[kind], v);
  f.maxCreated = Math.max(f.maxCreated ?? event.created, event.created);
  if (typeof event.livemode === 'boolean') f.livemode = f.livemode === true || event.livemode;
  return pruneFacts(f);
}

type Merger = (f: Facts, o: Obj, event: StripeEventLike, v: Version) => void;

const MERGERS: Record<ReturnType<typeof kindOfEvent>, Merger> = {
  customer: mergeCustomer,
  checkout_session: mergeCheckout,
  subscription: mergeSubscription,
  invoice: mergeInvoice,
  payment_intent: mergePaymentIntent,
  charge: mergeCharge,
  dispute: mergeDispute,
};

function mergeCustomer(f: Facts, o: Obj, event: StripeEventLike, v: Version): void {
  const c = readCustomer(o);
  if (isNewer(v, f.customer?.v)) f.customer = { v, email: c.email, name: c.name, userId: c.userId };
  if (c.userId) addClaim(f, c.userId, 'customer_metadata', v);
  if (event.type === 'customer.deleted') f.deleted = minVersion(f.deleted, v);
}

function mergeCheckout(f: Facts, o: Obj, _event: StripeEventLike, v: Version): void {
  const s = readCheckout(o);
  setContact(f, s.email, s.name, v);
  if (s.clientReferenceId) addClaim(f, s.clientReferenceId, 'checkout', v);
  // A completed checkout that names no user is the clearest sign the host app forgot to pass one.
  else f.missingLinkEvidence = minVersion(f.missingLinkEvidence, v);
  if (s.paymentStatus === 'paid' && s.amountTotal > 0) f.firstPaid = minVersion(f.firstPaid, v);
}

function mergeSubscription(f: Facts, o: Obj, event: StripeEventLike, v: Version): void {
  const s = readSubscription(o);
  if (!s.id) return;
  const previous = asObj(event.data.previous_attributes);
  const entry: SubscriptionEntry = {
    v,
    statusChange:
      event.type !== 'customer.subscription.updated' || (previous !== null && 'status' in previous),
    status: s.status,
    priceId: s.priceId,
    interval: s.interval,
    created: s.created,
    currentPeriodStart: s.currentPeriodStart,
    currentPeriodEnd: s.currentPeriodEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    cancelAt: s.cancelAt,
    canceledAt: s.canceledAt,
    endedAt: s.endedAt,
    trialStart: s.trialStart,
    trialEnd: s.trialEnd,
  };
  const sub = subscriptionFacts(f, s.id);
  sub.entries = insertByVersion(sub.entries, entry);
  if (s.created !== null && event.created - s.created >= MISSING_LINK_WINDOW_SECONDS) {
    f.missingLinkEvidence = minVersion(f.missingLinkEvidence, v);
  }
}

function mergeInvoice(f: Facts, o: Obj, event: StripeEventLike, v: Version): void {
  const inv = readInvoice(o);
  if (!inv.id) return;
  const status = paymentStatusOf(event.type as SupportedEventType, o);
  const paid = status === 'succeeded';
  addPayment(f, {
    v,
    kind: 'invoice',
    objectId: inv.id,
    status,
    streak: paid ? 'success' : 'failure',
    amount: paid ? inv.amountPaid : inv.amountDue,
    currency: inv.currency,
    invoiceId: inv.id,
    paymentIntentId: inv.paymentIntentId,
    chargeId: inv.chargeId,
    subscriptionId: inv.subscriptionId,
    failureReason: null,
    hostedInvoiceUrl: inv.hostedInvoiceUrl,
  });
  setContact(f, inv.customerEmail, inv.customerName, v);
  if (paid && inv.amountPaid > 0) {
    f.firstPaid = minVersion(f.firstPaid, v);
    if (inv.subscriptionId)
      notePaid(subscriptionFacts(f, inv.subscriptionId), inv.id, inv.paidAt ?? v.created, v);
  }
  // Renewals and mid-cycle changes happen long after checkout; only the first invoice may precede the link.
  if (inv.billingReason !== 'subscription_create') {
    f.missingLinkEvidence = minVersion(f.missingLinkEvidence, v);
  }
}

function mergePaymentIntent(f: Facts, o: Obj, event: StripeEventLike, v: Version): void {
  const pi = readPaymentIntent(o);
  if (!pi.id) return;
  const status = paymentStatusOf(event.type as SupportedEventType, o);
  addPayment(f, {
    v,
    kind: 'payment_intent',
    objectId: pi.id,
    status,
    streak: null,
    amount: pi.amount,
    currency: pi.currency,
    invoiceId: pi.invoiceId,
    paymentIntentId: pi.id,
    chargeId: pi.chargeId,
    subscriptionId: null,
    failureReason: status === 'failed' ? pi.failureReason : null,
    hostedInvoiceUrl: null,
  });
}

function mergeCharge(f: Facts, o: Obj, event: StripeEventLike, v: Version): void {
  const ch = readCharge(o);
  if (!ch.id) return;
  addPayment(f, {
    v,
    kind: 'charge',
    objectId: ch.id,
    status: paymentStatusOf(event.type as SupportedEventType, o),
    streak: null,
    amount: ch.amountRefunded,
    currency: ch.currency,
    invoiceId: ch.invoiceId,
    paymentIntentId: ch.paymentIntentId,
    chargeId: ch.id,
    subscriptionId: null,
    failureReason: null,
    hostedInvoiceUrl: null,
  });
  f.missingLinkEvidence = minVersion(f.missingLinkEvidence, v);
}

function mergeDispute(f: Facts, o: Obj, _event: StripeEventLike, v: Version): void {
  const d = readDispute(o);
  if (!d.id) return;
  addPayment(f, {
    v,
    kind: 'dispute',
    objectId: d.id,
    status: 'disputed',
    streak: null,
    amount: d.amount,
    currency: d.currency,
    invoiceId: null,
    paymentIntentId: d.paymentIntentId,
    chargeId: d.chargeId,
    subscriptionId: null,
    failureReason: d.reason,
    hostedInvoiceUrl: null,
  });
  const existing = f.disputes.find((x) => x.id === d.id);
  if (!existing || compareVersions(v, existing.v) < 0) {
    const fact = {
      id: d.id,
      v,
      chargeId: d.chargeId,
      amount: d.amount,
      currency: d.currency,
      reason: d.reason,
    };
    f.disputes = [...f.disputes.filter((x) => x.id !== d.id), fact].sort((a, b) => cmpStr(a.id, b.id));
  }
  f.missingLinkEvidence = minVersion(f.missingLinkEvidence, v);
}

// ---- joins ---------------------------------------------------------------------------------------

/** Keeps one claim per auth user: its earliest. Exported for the link route (link.ts). */
export function addClaim(f: Facts, authUserId: string, source: LinkSource, v: Version): void {
  const existing = f.claims.find((c) => c.authUserId === authUserId);
  if (existing && compareVersions(existing.v, v) <= 0) return;
  f.claims = [...f.claims.filter((c) => c.authUserId !== authUserId), { authUserId, source, v }].sort(
    (a, b) => cmpStr(a.authUserId, b.authUserId),
  );
}

export function setContact(f: Facts, email: string | null, name: string | null, v: Version): void {
  if (!email && !name) return;
  if (isNewer(v, f.contact?.v)) f.contact = { v, email, name };
}

function notePaid(sub: SubscriptionFacts, invoiceId: string, paidAt: number, v: Version): void {
  const cur = sub.lastPaid;
  if (!cur || paidAt > cur.paidAt || (paidAt === cur.paidAt && compareVersions(v, cur.v) > 0)) {
    sub.lastPaid = { invoiceId, paidAt, v };
  }
}

function addPayment(f: Facts, entry: PaymentEntry): void {
  f.payments = insertByVersion(f.payments, entry);
}

/** This subscription's facts, as a copy in `f` that the caller may write to (see mergeEvent). */
function subscriptionFacts(f: Facts, id: string): SubscriptionFacts {
  const found = f.subscriptions.find((s) => s.id === id);
  if (found) {
    const sub = { ...found };
    f.subscriptions = f.subscriptions.map((s) => (s === found ? sub : s));
    return sub;
  }
  const sub: SubscriptionFacts = { id, entries: [], lastPaid: null };
  f.subscriptions = [...f.subscriptions, sub].sort((a, b) => cmpStr(a.id, b.id));
  return sub;
}

/** Inserts in version order; the same event id twice is kept once. */
function insertByVersion<T extends { v: Version }>(list: T[], entry: T): T[] {
  if (list.some((x) => x.v.eventId === entry.v.eventId)) return list;
  return [...list, entry].sort((a, b) => compareVersions(a.v, b.v));
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

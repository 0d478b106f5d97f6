// Bounding the history kept in the facts. Snapshots older than the window (relative to the newest
// event seen, never a clock) are dropped, except those that still decide something: the latest
// snapshot of each subscription before the window and its latest status change, and for payments
// the latest entry, the latest success and the unpaid streak after it.
//
// Why this keeps order independence: an entry is dropped only when the window start has passed it
// AND a newer entry of the same role exists. Both conditions only ever become more true as events
// arrive (the window start and "the latest X" grow monotonically), so an entry dropped on one
// delivery order is dropped on every order, and the kept set is a function of the event set alone.
import type { Facts, PaymentEntry, SubscriptionEntry } from './record.ts';
import { compareVersions, DAY_SECONDS, type Version } from './version.ts';

/** Stripe retries deliveries for 3 days and the Events API reaches back 30; 35 covers both. */
export const HISTORY_WINDOW_SECONDS = 35 * DAY_SECONDS;

/**
 * The facts without the entries the window has passed. What loses nothing is returned as it was (the
 * same arrays and objects), so an unchanged part stays shared with the previous record: the
 * equality check in reduce and the record's serialisation (record-json.ts) then skip it by identity.
 */
export function pruneFacts(f: Facts): Facts {
  if (f.maxCreated === null) return f;
  const windowStart = f.maxCreated - HISTORY_WINDOW_SECONDS;
  let subscriptionsChanged = false;
  const subscriptions = f.subscriptions.map((s) => {
    const entries = pruneSubscription(s.entries, windowStart);
    if (entries === s.entries) return s;
    subscriptionsChanged = true;
    return { ...s, entries };
  });
  const payments = prunePayments(f.payments, windowStart);
  if (!subscriptionsChanged && payments === f.payments) return f;
  return { ...f, subscriptions: subscriptionsChanged ? subscriptions : f.subscriptions, payments };
}

/** Whether the window has passed none of the entries: then none can be dropped. */
function allInWindow(entries: { v: Version }[], windowStart: number): boolean {
  for (const e of entries) if (e.v.created < windowStart) return false;
  return true;
}

function pruneSubscription(entries: SubscriptionEntry[], windowStart: number): SubscriptionEntry[] {
  if (allInWindow(entries, windowStart)) return entries;
  const before = entries.filter((e) => e.v.created < windowStart);
  const keep = new Set<string>([
    ...idsOf(entries.filter((e) => e.v.created >= windowStart)),
    ...idsOf(latest(before)),
    ...idsOf(latest(before.filter((e) => e.statusChange))),
  ]);
  return kept(entries, keep);
}

function prunePayments(entries: PaymentEntry[], windowStart: number): PaymentEntry[] {
  if (allInWindow(entries, windowStart)) return entries;
  const before = entries.filter((e) => e.v.created < windowStart);
  const lastSuccess = latest(before.filter((e) => e.streak === 'success'))[0];
  const openStreak = before.filter(
    (e) => e.streak === 'failure' && (!lastSuccess || compareVersions(e.v, lastSuccess.v) > 0),
  );
  const keep = new Set<string>([
    ...idsOf(entries.filter((e) => e.v.created >= windowStart)),
    ...idsOf(latest(before)),
    ...idsOf(lastSuccess ? [lastSuccess] : []),
    ...idsOf(openStreak),
  ]);
  return kept(entries, keep);
}

/** The entries whose ids are kept; the same array when that is all of them. */
function kept<T extends { v: Version }>(entries: T[], keep: Set<string>): T[] {
  const out = entries.filter((e) => keep.has(e.v.eventId));
  return out.length === entries.length ? entries : out;
}

/** The entry with the greatest version, as a 0- or 1-element list. */
function latest<T extends { v: Version }>(entries: T[]): T[] {
  let best: T | undefined;
  for (const e of entries) if (!best || compareVersions(e.v, best.v) > 0) best = e;
  return best ? [best] : [];
}

function idsOf(entries: { v: Version }[]): string[] {
  return entries.map((e) => e.v.eventId);
}

// What this turn's tool results support: every value a billing claim could be checked against,
// collected by walking the results (so a new field in a tool is covered without touching the guard).

export type ToolOutput = { toolName: string; output: unknown };

export type Evidence = {
  /** Subscription statuses, plus `canceled` when a cancellation is scheduled, `trialing` when a trial is on record. */
  statuses: Set<string>;
  paymentStatuses: Set<string>;
  /** Plan names the customer is on, and catalogue plan names (both lower case). */
  planNames: Set<string>;
  /** `minor:currency` and `minor:*`. */
  amounts: Set<string>;
  /** yyyy-mm-dd (UTC) and mm-dd. */
  days: Set<string>;
  access: Set<boolean>;
  urls: Set<string>;
  /** Tool states seen (ok, missing, ...). */
  states: Set<string>;
  billingToolCalled: boolean;
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export function emptyEvidence(): Evidence {
  return {
    statuses: new Set(),
    paymentStatuses: new Set(),
    planNames: new Set(),
    amounts: new Set(),
    days: new Set(),
    access: new Set(),
    urls: new Set(),
    states: new Set(),
    billingToolCalled: false,
  };
}

export function collectEvidence(results: ToolOutput[]): Evidence {
  const ev = emptyEvidence();
  for (const r of results) {
    if (r.toolName === 'requestHuman') continue;
    if (r.toolName !== 'getPlanCatalogue') ev.billingToolCalled = true;
    walk(r.output, [], ev);
  }
  return ev;
}

export function addDay(ev: Evidence, iso: string): void {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return;
  const day = d.toISOString().slice(0, 10);
  ev.days.add(day);
  ev.days.add(day.slice(5));
}

function walk(value: unknown, path: string[], ev: Evidence): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, path, ev);
    return;
  }
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) addDay(ev, value);
    else if (/^https:\/\/\S+$/.test(value)) ev.urls.add(value);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const inPayments = path.includes('payments');
  if (typeof o.amount === 'number') {
    ev.amounts.add(`${o.amount}:*`);
    if (typeof o.currency === 'string') ev.amounts.add(`${o.amount}:${o.currency.toLowerCase()}`);
  }
  for (const [key, v] of Object.entries(o)) {
    if (key === 'customerSupplied') continue;
    if (typeof v === 'string') addScalar(ev, key, v, inPayments, path);
    if (key === 'hasAccess' && typeof v === 'boolean') ev.access.add(v);
    if ((key === 'cancelAtPeriodEnd' && v === true) || (key === 'cancelAt' && typeof v === 'string')) {
      // A scheduled cancellation supports "will be canceled" and "access ends on ...".
      ev.statuses.add('canceled');
      ev.access.add(false);
    }
    if (key === 'trialEnd' && typeof v === 'string') ev.statuses.add('trialing');
    walk(v, [...path, key], ev);
  }
}

function addScalar(ev: Evidence, key: string, v: string, inPayments: boolean, path: string[]): void {
  if (key === 'state' && path.length === 0) ev.states.add(v);
  else if (key === 'status' || key === 'subscriptionStatus') {
    (inPayments ? ev.paymentStatuses : ev.statuses).add(v);
  } else if (key === 'planName' || (key === 'name' && (path.at(-1) === 'plan' || path.at(-1) === 'plans'))) {
    ev.planNames.add(v.toLowerCase());
  }
}

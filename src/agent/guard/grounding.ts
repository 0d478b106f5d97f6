// The grounding guard: every billing claim in an answer must be supported by this turn's tool
// results before any of the answer is released. One unsupported claim withholds the whole answer.
import { type Claim, extractClaims } from './claims.ts';
import type { Evidence } from './evidence.ts';

export type GroundingVerdict =
  | { ok: true; claims: Claim[] }
  | { ok: false; claims: Claim[]; unsupported: Claim[] };

export type GroundingOptions = {
  /** Catalogue plan names as written there. */
  planNames: readonly string[];
  /** Hosts links may point at besides links that came from tool results (e.g. the host app's billing page). */
  allowedLinkHosts?: readonly string[];
};

function supported(claim: Claim, ev: Evidence, opts: GroundingOptions): boolean {
  switch (claim.kind) {
    case 'status':
      if (!claim.negated) return ev.statuses.has(claim.value);
      return [...ev.statuses].some((s) => s !== claim.value);
    case 'access':
      return ev.access.has(claim.value);
    case 'plan':
      return ev.planNames.has(claim.value);
    case 'amount':
      return ev.amounts.has(`${claim.minor}:${claim.currency ?? '*'}`);
    case 'date':
      return claim.days.some((d) => ev.days.has(d));
    case 'payment':
      return paymentSupported(claim.value, claim.negated, ev);
    case 'link':
      return !claim.image && linkAllowed(claim.url, ev, opts.allowedLinkHosts ?? []);
  }
}

function paymentSupported(
  value: 'succeeded' | 'failed' | 'refunded',
  negated: boolean,
  ev: Evidence,
): boolean {
  const statuses = ev.paymentStatuses;
  const has =
    value === 'refunded'
      ? statuses.has('refunded') || statuses.has('partially_refunded')
      : value === 'failed'
        ? statuses.has('failed')
        : statuses.has('succeeded') || statuses.has('partially_refunded') || statuses.has('refunded');
  // "has not been refunded" needs payments on record to stand on, not merely the absence of a tool call.
  if (negated) return ev.billingToolCalled && !has;
  return has;
}

function linkAllowed(url: string, ev: Evidence, hosts: readonly string[]): boolean {
  if (ev.urls.has(url)) return true;
  try {
    const u = new URL(url.startsWith('www.') ? `https://${url}` : url);
    return u.protocol === 'https:' && hosts.includes(u.hostname);
  } catch {
    return false;
  }
}

export function verifyAnswer(text: string, ev: Evidence, opts: GroundingOptions): GroundingVerdict {
  const claims = extractClaims(text, opts.planNames);
  const unsupported = claims.filter((c) => !supported(c, ev, opts));
  return unsupported.length === 0 ? { ok: true, claims } : { ok: false, claims, unsupported };
}

// Billing claims found in answer text, in English, Spanish, German and French. Matching is done on
// lower-cased, accent-folded text so "annulé" and "annule" are the same word. The lists err towards
// finding a claim: a false claim costs a handoff, a missed claim could tell a customer something untrue.
import { findDates } from './dates.ts';
import { findAmounts } from './money.ts';

export type Claim =
  | { kind: 'status'; value: string; negated: boolean; text: string }
  | { kind: 'access'; value: boolean; text: string }
  | { kind: 'plan'; value: string; text: string }
  | { kind: 'amount'; minor: number; currency: string | null; text: string }
  | { kind: 'date'; days: string[]; text: string }
  | { kind: 'payment'; value: 'succeeded' | 'failed' | 'refunded'; negated: boolean; text: string }
  | { kind: 'link'; url: string; image: boolean; text: string };

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[’`´]/g, "'")
    .toLowerCase();
}

const STATUS_WORDS: Record<string, RegExp> = {
  active: /\b(active|activ[ao]|aktiv|actif)\b/g,
  trialing: /\b(trial(ing)?|(periodo de )?prueba|testphase|testzeitraum|(periode d')?essai)\b/g,
  past_due: /\b(past[ -]due|overdue|vencid[ao]|atrasad[ao]|uberfallig|zahlungsverzug|en retard|impaye)\b/g,
  canceled: /\b(cancel+ed|cancelad[ao]|gekundigt|storniert|annule[e]?s?|resilie[e]?)\b/g,
  paused: /\b(paused|pausad[ao]|pausiert|en pause)\b/g,
  unpaid: /\b(unpaid|no pagad[ao]|impagad[ao]|unbezahlt|non paye[e]?s?)\b/g,
};

// A negation shortly before a claim word ("none of your payments failed", "no longer active").
const NEGATION =
  /(^|[^\w'])(not|no|none|never|without|don't|doesn't|didn't|isn't|aren't|wasn't|hasn't|haven't|won't|ya no|sin|ningun\w*|nicht|kein\w*|n'|pas|plus|aucun\w*|jamais)\s+([\w']+\s+){0,4}$/;
const INACTIVE = /\b(inactive|inactiv[ao]|inaktiv)\b/g;

const ACCESS_NO = [
  /\b(do not|don't|does not|doesn't|no longer|not) (currently )?(have|has) (any )?access\b/g,
  /\b(lose|lost|losing|lose your|without) access\b/g,
  /\baccess (is|was|has been|will be) (blocked|suspended|paused|revoked|removed|ended|cut off)\b/g,
  /\baccess ends\b/g,
  /\b(no tienes|ya no tienes|perderas el|pierdes el|sin) acceso\b/g,
  /\bacceso (esta |fue |sera )?(bloqueado|suspendido|revocado)\b/g,
  /\b(keinen|kein) (zugriff|zugang)\b/g,
  /\b(zugriff|zugang) (ist |wird |wurde )?(gesperrt|entzogen|beendet)\b/g,
  /\b(verlierst|verlieren sie) (den |ihren |deinen )?(zugriff|zugang)\b/g,
  /\bn'avez (plus|pas) (acces|d'acces)\b/g,
  /\b(acces (est |sera )?(bloque|suspendu|revoque))|(perdrez l'acces)\b/g,
];
const ACCESS_YES = [
  /\b(you|still) (still )?(have|keep|retain) (full |your )?access\b/g,
  /\baccess (is|remains) (active|on|open)\b/g,
  /\b(tienes|mantienes|conservas|sigues teniendo) (el )?acceso\b/g,
  /\b(hast|haben sie|behaltst|behalten sie) (weiterhin )?(vollen )?(zugriff|zugang)\b/g,
  /\b(avez|conservez|gardez) (toujours |encore )?(l')?acces\b/g,
];

const PAYMENT_WORDS: { value: 'succeeded' | 'failed' | 'refunded'; re: RegExp }[] = [
  {
    value: 'succeeded',
    re: /\b(payment (was |went )?(successful|succeeded|through|received)|paid successfully|went through|pago (fue )?(exitoso|realizado|procesado|recibido|aprobado)|zahlung (war |ist )?(erfolgreich|eingegangen)|paiement (a )?(reussi|ete (accepte|recu)))\b/g,
  },
  {
    value: 'failed',
    re: /\b(failed|declined|did not go through|didn't go through|rechazad[ao]|fallid[ao]|fallo|fehlgeschlagen|abgelehnt|echoue|refuse)\b/g,
  },
  { value: 'refunded', re: /\b(refunded|reembolsad[ao]|se reembolso|(ruck)?erstattet|rembourse[e]?s?)\b/g },
];

function matches(folded: string, re: RegExp): { index: number; text: string }[] {
  return [...folded.matchAll(re)].map((m) => ({ index: m.index ?? 0, text: m[0] }));
}

function negatedAt(folded: string, index: number): boolean {
  return NEGATION.test(folded.slice(Math.max(0, index - 40), index));
}

function statusClaims(folded: string): Claim[] {
  const claims: Claim[] = [];
  for (const [value, re] of Object.entries(STATUS_WORDS)) {
    for (const m of matches(folded, re)) {
      claims.push({ kind: 'status', value, negated: negatedAt(folded, m.index), text: m.text });
    }
  }
  for (const m of matches(folded, INACTIVE))
    claims.push({ kind: 'status', value: 'active', negated: true, text: m.text });
  return claims;
}

function accessClaims(folded: string): Claim[] {
  const claims: Claim[] = [];
  let rest = folded;
  for (const re of ACCESS_NO) {
    for (const m of matches(rest, re)) claims.push({ kind: 'access', value: false, text: m.text });
    rest = rest.replace(re, (s) => ' '.repeat(s.length));
  }
  for (const re of ACCESS_YES) {
    for (const m of matches(rest, re)) claims.push({ kind: 'access', value: true, text: m.text });
  }
  return claims;
}

function paymentClaims(folded: string): Claim[] {
  return PAYMENT_WORDS.flatMap(({ value, re }) =>
    matches(folded, re).map(
      (m): Claim => ({ kind: 'payment', value, negated: negatedAt(folded, m.index), text: m.text }),
    ),
  );
}

function planClaims(text: string, planNames: readonly string[]): Claim[] {
  // Case-sensitive on the catalogue spelling: "Pro" the plan, not "pro" the word.
  return planNames.flatMap((name) => {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'gu');
    return [...text.matchAll(re)].map(
      (m): Claim => ({ kind: 'plan', value: name.toLowerCase(), text: m[0] }),
    );
  });
}

function linkClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]*)[^)]*\)|<img\b[^>]*>/gi)) {
    claims.push({ kind: 'link', url: m[1] ?? '', image: true, text: m[0] });
  }
  for (const m of text.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>)"'\]]+/gi)) {
    claims.push({ kind: 'link', url: m[0].replace(/[.,;:!?]+$/, ''), image: false, text: m[0] });
  }
  // Targets a renderer opens that the pattern above misses: protocol-relative (//host) and
  // javascript:/data: links, in markdown links, reference definitions and HTML attributes.
  for (const m of text.matchAll(LINK_TARGET)) {
    const url = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (/^(?:\/\/|[a-z][a-z0-9+.-]*:)/i.test(url))
      claims.push({ kind: 'link', url, image: false, text: m[0] });
  }
  for (const m of text.matchAll(/(?<![\w:/])\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>)"'\]]*/gi)) {
    claims.push({ kind: 'link', url: m[0], image: false, text: m[0] });
  }
  return claims;
}

const LINK_TARGET =
  /\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?([^\s>]+)|\b(?:href|src|srcset|action|formaction)\s*=\s*["']?([^"'\s>]+)/gim;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every billing claim in `text`. `planNames` are the catalogue's names as written there. */
export function extractClaims(text: string, planNames: readonly string[]): Claim[] {
  const folded = fold(text);
  return [
    ...statusClaims(folded),
    ...accessClaims(folded),
    ...paymentClaims(folded),
    ...planClaims(text, planNames),
    ...findAmounts(text).map((a): Claim => ({ kind: 'amount', ...a })),
    ...findDates(folded).map((d): Claim => ({ kind: 'date', ...d })),
    ...linkClaims(text),
  ];
}

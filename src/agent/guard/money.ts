// Money amounts in text: "$29.00", "29.00 USD", "29,00 €", "EUR 29", "US$29". Amounts are compared in
// minor units, so "$29" and "29.00 USD" are the same claim.

const SYMBOLS: Record<string, string> = { $: 'usd', us$: 'usd', '€': 'eur', '£': 'gbp' };
const CODE = '(usd|eur|gbp|cad|aud|chf)';
const NUM = '(\\d{1,3}(?:[.,\\u00a0 ]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';

const PATTERNS: { re: RegExp; cur: number; num: number }[] = [
  { re: new RegExp(`(us\\$|\\$|€|£)\\s?${NUM}`, 'gi'), cur: 1, num: 2 },
  { re: new RegExp(`${NUM}\\s?(us\\$|\\$|€|£)`, 'gi'), cur: 2, num: 1 },
  { re: new RegExp(`\\b${CODE}\\s?${NUM}`, 'gi'), cur: 1, num: 2 },
  { re: new RegExp(`${NUM}\\s?${CODE}\\b`, 'gi'), cur: 2, num: 1 },
];

/** Parses "1,234.50", "1.234,50", "29", "29,9" to minor units. */
export function toMinor(raw: string): number | null {
  const s = raw.replace(/[\u00a0 ]/g, '');
  const dec = /[.,](\d{1,2})$/.exec(s);
  const whole = (dec ? s.slice(0, dec.index) : s).replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return null;
  const cents = dec ? Number(dec[1]!.padEnd(2, '0')) : 0;
  return Number(whole) * 100 + cents;
}

export function findAmounts(text: string): { minor: number; currency: string | null; text: string }[] {
  const found = new Map<number, { minor: number; currency: string | null; text: string }>();
  for (const { re, cur, num } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      if ([...found.keys()].some((k) => Math.abs(k - at) < 3)) continue;
      const minor = toMinor(m[num] ?? '');
      if (minor === null) continue;
      const c = (m[cur] ?? '').toLowerCase();
      found.set(at, { minor, currency: SYMBOLS[c] ?? c ?? null, text: m[0] });
    }
  }
  return [...found.values()];
}

/** How an amount is written in answers: "29.00 USD". One form in every language keeps the guard simple. */
export function formatAmount(minor: number, currency: string | null): string {
  const value = (minor / 100).toFixed(2);
  return currency ? `${value} ${currency.toUpperCase()}` : value;
}

// Dates and money amounts as customers read them, in English, Spanish, German and French ("March 15,
// 2026", "15 de marzo de 2026", "15. März 2026", "$29", "29,00 €", "29.00 USD"). Folded text in
// (see fold in claims.ts): lower case, no accents.

export type Money = { minor: number; currency: string | null };

// ---- dates ----------------------------------------------------------------------------------------

const MONTHS: [number, string][] = [
  [1, 'january|jan|enero|januar|janvier'],
  [2, 'february|feb|febrero|februar|fevrier'],
  [3, 'march|mar|marzo|marz|maerz|mars'],
  [4, 'april|apr|abril|avril'],
  [5, 'may|mayo|mai'],
  [6, 'june|jun|junio|juni|juin'],
  [7, 'july|jul|julio|juli|juillet'],
  [8, 'august|aug|agosto|aout'],
  [9, 'september|sept|sep|septiembre|septembre'],
  [10, 'october|oct|octubre|oktober|octobre'],
  [11, 'november|nov|noviembre|novembre'],
  [12, 'december|dec|diciembre|dezember|decembre|dez'],
];
const MONTH_RE = MONTHS.map(([, names]) => names).join('|');
const monthOf = (name: string) => MONTHS.find(([, names]) => names.split('|').includes(name))?.[0] ?? 0;

const DATE_PATTERNS: { re: RegExp; y: number; m: number; d: number }[] = [
  // 2026-03-15
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, y: 1, m: 2, d: 3 },
  // March 15, 2026 / March 15th 2026 / March 15
  {
    re: new RegExp(`\\b(${MONTH_RE})\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'g'),
    m: 1,
    d: 2,
    y: 3,
  },
  // 15 March 2026 / 15 de marzo de 2026 / 15. März 2026 / 1er mars 2026
  {
    re: new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th|er)?\\.? (?:de )?(${MONTH_RE})\\b(?:,? (?:de )?(\\d{4}))?`,
      'g',
    ),
    d: 1,
    m: 2,
    y: 3,
  },
];

export type FoundDate = { iso: string; at: number; end: number };

/** Dates as YYYY-MM-DD (UTC days); a date without a year takes the year that puts it nearest `near`. */
export function findDates(folded: string, near: Date): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, y, m, d } of DATE_PATTERNS) {
    for (const match of folded.matchAll(re)) {
      const at = match.index ?? 0;
      const end = at + match[0].length;
      if (found.some((f) => at < f.end && end > f.at)) continue;
      const month = /^\d+$/.test(match[m] ?? '') ? Number(match[m]) : monthOf(match[m] ?? '');
      const day = Number(match[d]);
      if (!month || day < 1 || day > 31) continue;
      const year = match[y] ? Number(match[y]) : nearestYear(month, day, near);
      found.push({ iso: isoDay(year, month, day), at, end });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

function nearestYear(month: number, day: number, near: Date): number {
  const y = near.getUTCFullYear();
  const distance = (year: number) => Math.abs(Date.UTC(year, month - 1, day) - near.getTime());
  return [y - 1, y, y + 1].reduce((best, c) => (distance(c) < distance(best) ? c : best));
}

export function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---- money ----------------------------------------------------------------------------------------

const SYMBOL: Record<string, string> = { $: 'usd', us$: 'usd', '€': 'eur', '£': 'gbp' };
const CODE = '(usd|eur|gbp|cad|aud|chf|dollars?|euros?)';
const NUM = '(\\d{1,3}(?:[,.\\u00a0 ]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';
const MONEY_PATTERNS: { re: RegExp; cur: number; num: number }[] = [
  { re: new RegExp(`(us\\$|\\$|€|£) ?${NUM}`, 'g'), cur: 1, num: 2 },
  { re: new RegExp(`${NUM} ?(€|\\$)`, 'g'), cur: 2, num: 1 },
  { re: new RegExp(`\\b${CODE} ?${NUM}`, 'g'), cur: 1, num: 2 },
  { re: new RegExp(`${NUM} ?${CODE}\\b`, 'g'), cur: 2, num: 1 },
];

function minorOf(raw: string): number | null {
  const s = raw.replace(/[\u00a0 ]/g, '');
  const dec = /[.,](\d{1,2})$/.exec(s);
  const whole = (dec ? s.slice(0, dec.index) : s).replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return null;
  return Number(whole) * 100 + (dec ? Number(dec[1]!.padEnd(2, '0')) : 0);
}

function currencyOf(raw: string): string | null {
  if (SYMBOL[raw]) return SYMBOL[raw]!;
  if (raw.startsWith('dollar')) return 'usd';
  if (raw.startsWith('euro')) return 'eur';
  return raw || null;
}

export type FoundMoney = Money & { at: number; end: number };

export function findMoney(folded: string): FoundMoney[] {
  const found: FoundMoney[] = [];
  for (const { re, cur, num } of MONEY_PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const at = m.index ?? 0;
      const end = at + m[0].length;
      if (found.some((f) => at < f.end && end > f.at)) continue;
      const minor = minorOf(m[num] ?? '');
      if (minor !== null) found.push({ minor, currency: currencyOf(m[cur] ?? ''), at, end });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

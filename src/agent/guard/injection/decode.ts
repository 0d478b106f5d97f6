// Finds encoded segments (base64, hex, percent, \u escapes, Unicode tag characters, rot13) and
// returns their decoded text, so a payload that no rule could read in its encoded form is screened
// too. A candidate only counts when it decodes to mostly-letter text: ids, hashes and card
// fingerprints decode to noise and are dropped.
import { MIN_BASE64_LENGTH, MIN_DECODED_LETTER_RATIO, MIN_HEX_BYTES } from './thresholds.ts';

export type Encoding = 'base64' | 'hex' | 'percent' | 'unicode_escape' | 'unicode_tags' | 'rot13';
export type DecodedSegment = { encoding: Encoding; text: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  return looksLikeText(text) ? text : undefined;
}

export function looksLikeText(text: string): boolean {
  if (text.length < 4 || /[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/.test(text)) return false;
  const letters = text.match(/[\p{L}\s]/gu)?.length ?? 0;
  return letters / text.length >= MIN_DECODED_LETTER_RATIO && /\p{L}{2}/u.test(text);
}

export function decodeBase64(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`[A-Za-z0-9+/_-]{${MIN_BASE64_LENGTH},}={0,2}`, 'g');
  for (const [candidate] of text.matchAll(re)) {
    // A word-only run (an identifier like "internationalization") has no digits/case mix worth trying.
    if (/^[a-z]+$/.test(candidate)) continue;
    const decoded = asText(Buffer.from(candidate, 'base64'));
    if (decoded) out.push(decoded);
  }
  return out;
}

export function decodeHex(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(
    `(?:\\\\x[0-9a-f]{2}){${MIN_HEX_BYTES},}|(?<![0-9a-z])(?:(?:[0-9a-f]{2}[ :,-]){${MIN_HEX_BYTES - 1},}[0-9a-f]{2}|(?:0x)?(?:[0-9a-f]{2}){${MIN_HEX_BYTES},})`,
    'gi',
  );
  for (const [candidate] of text.matchAll(re)) {
    const digits = candidate.replace(/^0x|\\x|[ :,-]/gi, '');
    const decoded = asText(Buffer.from(digits, 'hex'));
    if (decoded) out.push(decoded);
  }
  return out;
}

export function decodePercent(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('%')) return out;
  // Token by token: a leading \S* in one regex would rescan long tokens from every position.
  for (const token of text.split(/\s+/)) {
    if ((token.match(/%[0-9a-f]{2}/gi)?.length ?? 0) < 3) continue;
    try {
      const decoded = decodeURIComponent(token.replace(/\+/g, ' '));
      if (looksLikeText(decoded)) out.push(decoded);
    } catch {
      // A malformed escape is not a payload; leave it to the plain-text rules.
    }
  }
  return out;
}

export function decodeUnicodeEscapes(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(/(?:\\u[0-9a-f]{4}|\\u\{[0-9a-f]{1,6}\}|[\s,.]){6,}/gi)) {
    if ((run.match(/\\u/g)?.length ?? 0) < 4) continue;
    const decoded = run.replace(/\\u\{?([0-9a-f]{1,6})\}?/gi, (_m, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    );
    if (looksLikeText(decoded)) out.push(decoded);
  }
  return out;
}

/** Unicode tag characters (U+E0020–E007E) are invisible ASCII: "ASCII smuggling". */
export function decodeUnicodeTags(text: string): string[] {
  const run = text.match(/[\u{E0020}-\u{E007E}]+/gu);
  if (!run) return [];
  return run
    .map((r) => Array.from(r, (c) => String.fromCharCode((c.codePointAt(0) ?? 0xe0000) - 0xe0000)).join(''))
    .filter(looksLikeText);
}

export function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

// Frequent English words, plus the vocabulary attacks are made of: rot13 text is gibberish until
// rotated, when these appear. Short payloads ("vtaber nyy cerivbhf vafgehpgvbaf") have few
// function words, so the attack vocabulary is what makes them recognisable.
const COMMON = new Set(
  [
    'the and you your all to of is are in for this that me my with it be on now what please tell show give',
    'any from as not do i a an or if can will must',
    'ignore previous prior instructions prompt system reveal rules secret key keys password admin forget',
    'disregard print customers customer invoices refund access free mode developer mark paid',
  ]
    .join(' ')
    .split(' '),
);

function commonWords(text: string): number {
  let n = 0;
  for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) if (COMMON.has(w)) n++;
  return n;
}

/** Each clause is rotated; it counts as rot13 when rotation makes it read as English. */
export function decodeRot13(text: string): string[] {
  const out: string[] = [];
  for (const clause of text.split(/[\n.:;!?"'()[\]{}]+/)) {
    if (clause.length < 12) continue;
    const rotated = rot13(clause);
    const after = commonWords(rotated);
    if (after >= 2 && after > commonWords(clause)) out.push(rotated.trim());
  }
  return out;
}

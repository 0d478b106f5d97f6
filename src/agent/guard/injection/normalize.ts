// Normalisation: turns one message into the views the rules read. Each step is named so tests and
// the bench can switch it off and show what it alone catches.
import {
  decodeBase64,
  decodeHex,
  decodePercent,
  decodeRot13,
  decodeUnicodeEscapes,
  decodeUnicodeTags,
  type Encoding,
} from './decode.ts';
import {
  collapseSpacedLetters,
  foldDiacritics,
  foldHomoglyphs,
  foldLeet,
  hasInvisibleInWord,
  hasMixedScriptWord,
  stripBidi,
  stripInvisible,
} from './fold.ts';
import { stripMarkup } from './markup.ts';
import { MAX_DECODE_DEPTH, MAX_DECODED_SEGMENTS } from './thresholds.ts';

export const NORMALIZE_STEPS = [
  'invisible',
  'bidi',
  'nfkc',
  'homoglyph',
  'markup',
  'spacing',
  'leet',
  'base64',
  'hex',
  'percent',
  'unicode_escape',
  'unicode_tags',
  'rot13',
] as const;
export type NormalizeStep = (typeof NORMALIZE_STEPS)[number];

export type NormalizeOptions = { skip?: readonly NormalizeStep[] };

export type Normalized = {
  /** Invisibles removed, NFKC, homoglyphs folded; case, markup and line breaks kept. Structural rules read this. */
  raw: string;
  /** raw with markup stripped, lower-cased, accents and spacing folded. Phrase rules read this. */
  plain: string;
  /** plain with leetspeak folded, "1" read as i and as l; only the variants that changed something. */
  leet: string[];
  /** Embedded encoded segments, decoded and normalised in turn: extra texts to screen. */
  decoded: { encoding: Encoding; text: Normalized }[];
  /** Invisible characters inside words or mixed-script words: someone is hiding text. */
  obfuscated: boolean;
};

const DECODERS: [Encoding & NormalizeStep, (text: string) => string[], 'raw' | 'plain'][] = [
  ['base64', decodeBase64, 'raw'],
  ['hex', decodeHex, 'raw'],
  ['percent', decodePercent, 'raw'],
  ['unicode_escape', decodeUnicodeEscapes, 'raw'],
  ['rot13', decodeRot13, 'plain'],
];

export function normalize(text: string, options: NormalizeOptions = {}): Normalized {
  const skip = new Set(options.skip ?? []);
  return normalizeAt(text, (step) => !skip.has(step), 0);
}

function normalizeAt(input: string, on: (step: NormalizeStep) => boolean, depth: number): Normalized {
  const tagged = on('unicode_tags') ? decodeUnicodeTags(input) : [];
  let raw = input;
  if (on('invisible')) raw = stripInvisible(raw);
  if (on('bidi')) raw = stripBidi(raw);
  if (on('nfkc')) raw = raw.normalize('NFKC');
  const obfuscated = hasInvisibleInWord(input) || hasMixedScriptWord(raw) || tagged.length > 0;
  if (on('homoglyph')) raw = foldHomoglyphs(raw);

  let plain = on('markup') ? stripMarkup(raw) : raw;
  plain = foldDiacritics(plain.toLowerCase());
  if (on('spacing')) plain = collapseSpacedLetters(plain);
  plain = plain.replace(/\s+/g, ' ').trim();
  const leet = on('leet')
    ? [...new Set([foldLeet(plain, 'i'), foldLeet(plain, 'l')])].filter((v) => v !== plain)
    : [];

  const decoded: Normalized['decoded'] = [];
  if (depth < MAX_DECODE_DEPTH) {
    const found: [Encoding, string][] = tagged.map((t) => ['unicode_tags', t]);
    for (const [step, decode, view] of DECODERS) {
      if (on(step)) for (const t of decode(view === 'raw' ? raw : plain)) found.push([step, t]);
    }
    for (const [encoding, text] of found.slice(0, MAX_DECODED_SEGMENTS)) {
      decoded.push({ encoding, text: normalizeAt(text, on, depth + 1) });
    }
  }
  return { raw, plain, leet, decoded, obfuscated };
}

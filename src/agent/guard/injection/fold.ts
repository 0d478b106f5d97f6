// Character-level folding tables. Each function is one normalisation step so tests and the bench
// can switch steps off individually and prove what each one catches.

/** Zero-width and other invisible format characters, plus variation selectors and Unicode tags. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is removed on its own; none is meant to combine
  /[\u00AD\u034F\u115F\u1160\u180B-\u180E\u200B-\u200D\u2060-\u2064\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E01EF}]/gu;

/** Bidirectional controls: they reorder what a human sees without changing what a model reads. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function stripBidi(text: string): string {
  return text.replace(BIDI, '');
}

/** True when invisible characters sit inside a word, which copy-paste never produces. */
export function hasInvisibleInWord(text: string): boolean {
  return /[\p{L}\p{N}][\u200B-\u200D\u2060\u00AD\uFEFF\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E01EF}]+[\p{L}\p{N}]/u.test(
    text,
  );
}

// Cyrillic, Greek and Latin-extension letters that render like ASCII letters. Every entry maps one
// UTF-16 unit to one, so folded text keeps the offsets of the original (screenField relies on it).
// biome-ignore format: a dense lookup table reads better than one entry per line
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', с: 'c', е: 'e', һ: 'h', і: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p',
  ѕ: 's', т: 't', у: 'y', х: 'x', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y', ɡ: 'g', ɑ: 'a', ı: 'i',
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ѕ: 'S',
  Т: 'T', У: 'Y', Х: 'X', Ү: 'Y', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T',
  Υ: 'Y', Χ: 'X',
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm',
  ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

export function foldHomoglyphs(text: string): string {
  return text.replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c);
}

/** A word mixing Latin with Cyrillic/Greek letters is a spoofing tell, not a language. */
export function hasMixedScriptWord(text: string): boolean {
  // Word by word: a lookahead at every position would be quadratic on one long run of letters.
  for (const [word] of text.matchAll(/\p{L}{2,}/gu)) {
    if (/\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word)) return true;
  }
  return false;
}

// biome-ignore format: lookup table
const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '@': 'a', $: 's', '|': 'l', '!': 'i',
};

/**
 * Folds leetspeak inside words that also contain letters ("1gn0r3" -> "ignore"). Pure numbers,
 * prices and trailing punctuation are left alone, so "$49" and "now!" are unchanged. "1" stands for
 * both i and l ("ru1es", "1gnore"), so callers fold once per reading. For matching only: the folded
 * text is never shown or stored.
 */
export function foldLeet(text: string, one: 'i' | 'l' = 'i'): string {
  return text.replace(/[\p{L}\p{N}@$|!]+/gu, (token) => {
    const core = token.replace(/[!|]+$/, '');
    if (!/\p{L}/u.test(core) || !/[0134579@$|!]/.test(core)) return token;
    return (
      core.replace(/[0134579@$|!]/g, (c) => (c === '1' ? one : (LEET[c] ?? c))) + token.slice(core.length)
    );
  });
}

/** Strips Latin diacritics (é -> e) but keeps CJK voicing marks, then recomposes. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/g, '')
    .normalize('NFC');
}

/** "i g n o r e" -> "ignore": single letters joined by one separator are one word. */
export function collapseSpacedLetters(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])\p{L}(?:[ ._*-]\p{L}){3,}(?![\p{L}\p{N}])/gu, (run) =>
    run.replace(/[ ._*-]/g, ''),
  );
}

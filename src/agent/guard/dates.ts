// Dates in accent-folded, lower-case text: ISO, "march 1, 2025", "1 march 2025", "1 de marzo de 2025",
// "1. marz 2025", "1er mars 2025", numeric d/m/y (both readings), and month-day without a year.

const MONTHS: Record<string, number> = {};
const NAMES = [
  ['january', 'jan', 'enero', 'januar', 'janvier'],
  ['february', 'feb', 'febrero', 'februar', 'fevrier'],
  ['march', 'mar', 'marzo', 'marz', 'mars'],
  ['april', 'apr', 'abril', 'avril'],
  ['may', 'mayo', 'mai'],
  ['june', 'jun', 'junio', 'juni', 'juin'],
  ['july', 'jul', 'julio', 'juli', 'juillet'],
  ['august', 'aug', 'agosto', 'aout'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'septembre'],
  ['october', 'oct', 'octubre', 'oktober', 'octobre'],
  ['november', 'nov', 'noviembre', 'novembre'],
  ['december', 'dec', 'diciembre', 'dezember', 'dez', 'decembre'],
];
NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const YEAR = '(\\d{4})';
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|\\.)?';

type Found = { days: string[]; text: string };

function key(y: number | null, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const md = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return y === null ? md : `${y}-${md}`;
}

const PATTERNS: { re: RegExp; read: (m: RegExpMatchArray) => (string | null)[] }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})/g, read: (m) => [key(+m[1]!, +m[2]!, +m[3]!)] },
  {
    re: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}`, 'g'),
    read: (m) => [key(+m[3]!, MONTHS[m[1]!]!, +m[2]!)],
  },
  {
    re: new RegExp(`\\b${DAY}\\s+(?:de\\s+)?${MONTH}\\s+(?:de\\s+)?${YEAR}`, 'g'),
    read: (m) => [key(+m[3]!, MONTHS[m[2]!]!, +m[1]!)],
  },
  {
    re: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g,
    read: (m) => [key(+m[3]!, +m[2]!, +m[1]!), key(+m[3]!, +m[1]!, +m[2]!)],
  },
  {
    re: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?!,?\\s+\\d{4})`, 'g'),
    read: (m) => [key(null, MONTHS[m[1]!]!, +m[2]!)],
  },
  {
    re: new RegExp(`\\b${DAY}\\s+(?:de\\s+)?${MONTH}(?!\\s+(?:de\\s+)?\\d{4})\\b`, 'g'),
    read: (m) => [key(null, MONTHS[m[2]!]!, +m[1]!)],
  },
];

export function findDates(folded: string): Found[] {
  const out: Found[] = [];
  const taken: [number, number][] = [];
  for (const { re, read } of PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const days = read(m).filter((d): d is string => d !== null);
      if (days.length === 0) continue;
      taken.push([start, end]);
      out.push({ days, text: m[0] });
    }
  }
  return out;
}

// The rule vocabulary shared by every rules-*.ts file: stable signal ids, the Rule shape, and a
// small regex builder so patterns read as phrases rather than escaped soup.

/** Stable snake_case ids: logs, metrics and handoff summaries key on these, so never rename one. */
export const SIGNALS = [
  'instruction_override',
  'role_change',
  'jailbreak',
  'fake_turn',
  'tool_impersonation',
  'prompt_extraction',
  'secret_request',
  'cross_account',
  'third_party',
  'billing_manipulation',
  'authority_claim',
  'exfiltration',
  'addressed_to_ai',
  'concealment',
  'output_control',
  'encoded_payload',
  'obfuscation',
  'learned_model',
] as const;
export type Signal = (typeof SIGNALS)[number];

export type Lang = 'any' | 'en' | 'es' | 'de' | 'fr' | 'pt' | 'it' | 'zh' | 'ja';

/**
 * 'plain' rules read the lower-cased, markup-stripped, accent-folded text (and its leet fold);
 * 'raw' rules read text that still has its case, markup and line breaks (turn markers, JSON, URLs).
 */
export type View = 'plain' | 'raw';

export type Rule = { signal: Signal; weight: number; view: View; lang: Lang; pattern: RegExp };

type Part = string | readonly string[];

/** Tagged template: arrays become non-capturing alternations; everything else is raw regex source. */
export function rx(strings: TemplateStringsArray, ...parts: Part[]): string {
  let out = '';
  strings.raw.forEach((s, i) => {
    out += s;
    const part = parts[i];
    if (part !== undefined) out += typeof part === 'string' ? part : `(?:${part.join('|')})`;
  });
  return out;
}

/** Up to n words inside one sentence: lets "ignore all of your previous instructions" match. */
export function gap(n: number): string {
  return `(?:[^\\s.!?;:]+\\s+){0,${n}}`;
}

/** Up to n characters inside one CJK sentence. */
export function cjkGap(n: number): string {
  return `[^。！？!?\\n]{0,${n}}`;
}

/** Returns a rule factory bound to one language and view. */
export function ruleSet(lang: Lang, view: View = 'plain', flags = view === 'raw' ? 'i' : '') {
  return (signal: Signal, weight: number, source: string): Rule => ({
    signal,
    weight,
    view,
    lang,
    pattern: new RegExp(source, flags),
  });
}

/** A non-capturing alternation from '|'-separated groups, so long word lists stay compact. */
export function alt(...groups: string[]): string {
  return `(?:${groups.join('|')})`;
}

// English word lists shared by the English rule files. Plain view: lower-case, no accents.
import { alt } from './rule.ts';

/** Verbs asking to disclose or hand over something. */
export const EXTRACT = alt(
  'reveal|show|print|display|output|repeat|tell me|tell us|give me|give us|share|dump|leak|expose',
  'list|recite|write out|write down|copy|paste|spell out|echo|return|send me|provide|disclose|quote',
  "type out|read me|read out|what is|what's|whats|what are|what was|what were|summari[sz]e",
  'translate|let me see|can i see|i need|i want|hand over|confirm|reply with|respond with',
  'answer with|send|give',
);

/** Words naming the assistant's own instructions. */
export const INSTRUCTIONS = alt(
  'instructions?|directives?|rules|guidelines|guidance|prompts?|system prompt|programming',
  'constraints|restrictions|policies|policy|guardrails|safeguards',
  'safety (?:checks|rules|filters|measures|settings)|security checks|filters|training|configuration',
  'conditioning|limitations|principles|protocols?|boundaries|orders|setup',
);

/** Qualifiers that point an instruction word at the assistant's standing instructions. */
export const QUALIFIER = alt(
  'previous|prior|above|earlier|preceding|original|initial|all|any|your|every|existing|old|system',
  "safety|default|current|those|these|its|company|developer'?s?|standing|base",
);

/** Nouns for other people's data. */
export const DATA = alt(
  'e-?mails?|email addresses|addresses|names|phone numbers?|invoices?|receipts?|payments?',
  'payment (?:methods?|details|history|info(?:rmation)?)|cards?',
  'card (?:details|numbers?|info|fingerprints?)',
  'billing(?: (?:records?|details|info|data|history|address(?:es)?))?|data|records?|details',
  'information|info|balances?|plans?|subscriptions?|accounts?|contacts?|contact details|revenue',
  'amounts?|transactions?|charges?|history|list|table|database|refunds?|pii',
);

/** Verbs that fetch or hand over data. */
export const ACCESS = alt(
  'show|list|give|tell|export|dump|send|share|pull(?: up)?|get|fetch|retrieve|look ?up|check|access',
  'display|print|reveal|read|find|search|query|compare|download|extract|which|who',
  'what (?:is|are|do|did|does|plan)',
);

/** Other customers, as opposed to the signed-in one. */
export const OTHERS = rxOthers();
function rxOthers(): string {
  const who =
    '(?:customers?|users?|clients?|accounts?|subscribers?|tenants?|companies|members|people|buyers|payers|businesses)';
  // "other users on my account" are the customer's own team: not another account.
  const ownScope =
    '(?!\\s+(?:on|in|of|from|within|under|for)\\s+(?:my|our)\\s+(?:own\\s+)?(?:\\w+\\s+)?(?:account|team|workspace|org|organi[sz]ation|company|subscription|plan|side|stripe)\\b)';
  return `(?:all|every|each|other|another|any other|the other|someone else'?s?|somebody else'?s?|different|your)\\s+(?:(?:of\\s+)?(?:your|the|these|those)\\s+)?(?:\\w+\\s+)?${who}\\b${ownScope}`;
}

/** Generic AI nouns used when a text addresses "the assistant" from inside a document. */
export const AI = alt(
  'ai|a\\.i\\.|llms?|assistants?|chat ?bots?|bots?|language models?|gpt|chatgpt|claude|agents?',
  'models?|ai (?:model|agent|assistant|system|helpdesk|helper)s?',
  'automated (?:assistants?|agents?|systems?)|summari[sz]ers?|support (?:bot|assistant|ai)s?',
  'helpdesk ai',
);

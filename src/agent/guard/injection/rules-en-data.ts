// English rules about data: secrets and other customers' data.
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';
import { ACCESS, DATA, EXTRACT, OTHERS } from './vocab-en.ts';

const r = ruleSet('en');

const SECRET = alt(
  'api[ _-]?(?:keys?|tokens?|secrets?|credentials)|secret[ _-]?keys?|private[ _-]?keys?',
  '(?:access|auth(?:entication)?|bearer|session|service) tokens?',
  '(?:webhook |signing |client )secrets?|credentials|passwords?|passphrases?',
  'database (?:url|password|credentials|connection string)|connection strings?',
  'env(?:ironment)? (?:variables?|vars?)|\\.env(?: file)?|process\\.env|keys|tokens|secrets',
  'ssh keys?|sk_(?:live|test)\\w*',
);

/** Owners of a secret that are not the customer: the assistant, its server, the company. */
const NOT_MINE =
  "(?:your|its|the (?:server|backend|system|app|company|bot|assistant|admin|root|master|production|internal|stripe|openai|platform|service)(?:'s)?|this (?:app|bot|service|system)(?:'s)?|stripe'?s?|openai'?s?)";

const USES =
  '(?:use|uses|used|have|has|are using|is using|run with|runs with|rely on|know|store|stores|hold|holds|configured|loaded|talk to)';

/** One character inside a sentence; dots inside URLs and numbers do not end it. */
export const SENT = '(?:[^.?!\\n]|[.?!](?=\\S))';

export const EMAIL = '(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+';

export const EN_DATA_RULES: Rule[] = [
  // --- secrets
  r('secret_request', STRONG, rx`\b${EXTRACT}\b\s*${gap(4)}${NOT_MINE}\s+(?:\w+\s+){0,2}${SECRET}\b`),
  r(
    'secret_request',
    STRONG,
    rx`\b${SECRET}\s+(?:that |which )?(?:you|your (?:server|backend|app|system)|the (?:server|backend|app|bot|system)|(?:does|do) (?:this app|the server|you|your \w+))\s+${USES}\b`,
  ),
  r(
    'secret_request',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}(?:the |your |all (?:the )?)?(?:contents? of )?(?:the )?(?:env(?:ironment)? (?:variables|vars)|\.env(?: file)?|process\.env|config(?:uration)? (?:file|secrets))`,
  ),
  r(
    'secret_request',
    MEDIUM,
    rx`\b(?:env(?:ironment)? (?:variables?|vars)|process\.env|\.env\b|openai_api_key|stripe_secret_key|database_url|sk_live_|aws_secret|(?:admin|root|master|database|db|server) password)`,
  ),
  r(
    'secret_request',
    MEDIUM,
    rx`\b${EXTRACT}\b\s+(?:all|every|the|your|any)\s+(?:(?!my\b|our\b)\w+\s+)?(?:api keys?|secret keys?|secrets|credentials|passwords?|admin password|access tokens?|tokens)\b(?!\s+(?:for|of|in|on) (?:my|our))`,
  ),
  r(
    'secret_request',
    MEDIUM,
    rx`\bstripe (?:keys?|secrets?|secret keys?|api keys?)\b|\b(?:real|actual|live|production) (?:api )?(?:keys?|secrets?|credentials|passwords?|tokens?)\b|\badmin password\b`,
  ),
  r(
    'secret_request',
    MEDIUM,
    rx`\byour (?:\w+ )?(?:api keys?|secret keys?|access tokens?|credentials|passwords?|signing secret)\b`,
  ),
  r('secret_request', MEDIUM, rx`\bcat \S*(?:\.env|passwd|secrets?|credentials|config)\b`),

  // --- other customers' data
  r('cross_account', STRONG, rx`${OTHERS}(?:'s?|')?\s+${gap(3)}${DATA}\b`),
  r(
    'cross_account',
    STRONG,
    rx`\b${DATA}\b\s*${gap(3)}(?:of|for|from|by|belonging to|on|about|made by|paid by)\s+${OTHERS}`,
  ),
  r('cross_account', STRONG, rx`\b${ACCESS}\b\s*${gap(5)}${OTHERS}`),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:of|for|under|belonging to|owned by|registered (?:to|under)|associated with|linked to|tied to|about)\s+(?:the\s+)?(?:account|user|customer|client|person|profile)?\s*(?:with (?:the )?(?:e-?mail|address)(?: address)?\s+|(?:e-?mail|id)\s+)?${EMAIL}`,
  ),
  r(
    'cross_account',
    HIGH,
    rx`\b(?:account|user|customer|client|profile)\s+(?:is\s+|under\s+|at\s+)?${EMAIL}`,
  ),
  r('cross_account', HIGH, rx`(?<!\b(?:my|our)\b[^.?!\n]{0,24})\bcus_[a-z0-9]{6,}`),
  r(
    'cross_account',
    STRONG,
    rx`\b${ACCESS}\b[^.?!\n]{0,40}(?<!\b(?:my|our)\b[^.?!\n]{0,24})\bcus_[a-z0-9]{6,}`,
  ),
  r(
    'cross_account',
    HIGH,
    rx`(?<!\b(?:my|our)\s(?:\w+\s)?)\b(?:customer|user|client|account)(?: id| number| no\.?)?\s*#?\s*\d{3,}\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\bwhat (?:card|plan|email|address|balance|invoices?|payment method) (?:does|did|is|has) (?:customer|user|account|client|he|she|they)\b|\bwhat (?:do|does|did) (?:they|other customers|others|each of them|everyone) pay\b`,
  ),
  r('cross_account', STRONG, rx`\b(?:someone|somebody|anyone) else'?s? ${DATA}\b`),
  r(
    'cross_account',
    MEDIUM,
    rx`\b(?:any|a random|some other|some) (?:customer|user|client|account)'?s?\b(?: is fine| will do)|\b(?:from|of|belonging to|in|on) (?:other|another|different|all the other) (?:accounts|customers|users)\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:conversations?|chats?|sessions?) (?:you (?:had|have) )?with (?:other|another|a different|the previous|the last) (?:customers?|users?|person|people)\b`,
  ),
  r(
    'cross_account',
    HIGH,
    rx`\b${ACCESS}\b\s*${gap(6)}(?:account|customer|user|client)(?: id| number| no\.?| #)?\s*#?\s*\d{3,}\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:impersonate|log ?in as|login as|sign in as|switch (?:to|into) (?:the )?(?:account|user|customer)|access (?:the )?(?:account|data|records|invoices|billing) (?:of|for|belonging to)|on behalf of (?:another|a different|other))\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:the |a )?(?:previous|last|prior|earlier|next|other) (?:user|customer|person|caller|client)s?\b(?! (?:on|in|of) (?:my|our))(?:'s)?\s+${gap(4)}${DATA}\b|\b${ACCESS}\b\s*${gap(5)}(?:the |a )?(?:previous|last|prior|earlier|next) (?:user|customer|person|caller|client)\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b${ACCESS}\b\s*${gap(5)}(?<!\b(?:my|our)\s)(?:other|previous|earlier) (?:customers?'? |users?'? |people'?s? )?(?:conversations?|chats?|sessions?|tickets?)\b(?! (?:with|about) (?:you|support))`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:who|which) (?:are|is) your (?:biggest|top|largest|best|richest|other|main|enterprise|paying) (?:customers|clients|accounts|users)|\bwhich (?:customers|users|accounts|companies|clients)\b(?! (?:on|in|of) (?:my|our))`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:customer|user|client|subscriber)s? (?:table|list|database|db|records?|base|emails?|export)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\bhow many (?:customers|users|clients|accounts|subscribers) (?:do you|does \w+|are)\b|\btotal (?:revenue|mrr|arr)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\b(?:an?|the) (?:customer|client|user)s? of yours\b|\buses? you too\b|\b(?:customers|clients) of yours\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\bwhat (?:does|do|did) (?!(?:i|we|my|our|it|this|that|a|an|one|each|someone|the (?:\w+ )?(?:plan|tier|seat|add-?on))\b)[a-z][\w&.-]*(?: [a-z][\w&.-]*)? (?:pay|owe|spend)\b`,
  ),
  // "What does Initech pay you" asks for the vendor's revenue from someone else.
  r(
    'cross_account',
    STRONG,
    rx`\bwhat (?:does|do|did) (?!(?:i|we|my|our|it|this|that|a|an|one|each|someone)\b)[a-z][\w&.-]*(?: [a-z][\w&.-]*)? (?:pay|owe) you\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:are|is) (?:they|he|she) (?:behind|late|overdue|up to date|current|paying) on (?:their|his|her) (?:payments?|bills?|invoices?|subscription)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\b(?:does|do|is|are) (?!i\b|we\b|my\b|our\b)\w+(?: \w+){0,2} (?:have|has) an? (?:active |paid )?(?:subscription|account|plan) with you\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\bwhen did (?:they|he|she) (?:last )?pay\b|\bwhat (?:tier|plan) (?:are|is) (?:they|he|she) on\b|\bhow much (?:is|does|did) (?!i\b|we\b)\w+(?: \w+)? (?:pay|paying|owe)\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`${EMAIL} (?:is )?(?:a |an )?(?:paying |active |real |current |registered )?(?:customer|user|client|subscriber)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\bwho owns (?:the |this |that )?(?:account|subscription|plan|workspace)\b|\b(?:pays|paid) you\b|\b(?:any|which|what) other \w+ (?:use|using|are using|on) you\b`,
  ),
  r('cross_account', MEDIUM, rx`\bwho are they\b|\bname them\b`),
  r(
    'cross_account',
    HIGH,
    rx`(?<!\b(?:my|our)\s(?:\w+\s)?)\b(?:account|customer|user|subscription)s? with (?:the )?(?:domain|e-?mail|phone(?: number)?|card|name|address|company)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\b(?:card|payment method|address|e-?mail|phone)s? on file (?:for|of)\b(?! (?:me|us|my\b|our (?:account|company|team|business)))`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\b${ACCESS}\b${SENT}{0,60}?\b(?:different|another|other) (?:company|customer|account|person|user|business|client)\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:invoices?|billing|subscriptions?|plans?|payments?|balance|account) of (?:the )?(?:company|business|firm|customer|user|account|client) [a-z][\w&.-]+`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`(?:\b${ACCESS}\b\s*${gap(5)}|\b(?:names?|e-?mails?|list|table|number|count|ids?) of\s+)(?:the |all |every )?(?:everyone|everybody|people|customers|users|accounts|companies|subscribers|clients) (?:who|that|which|whose|with) \w+`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\bwho else (?:is|are) on (?:the|your) \w+ (?:plan|tier)\b|\b(?:everyone|everybody|all (?:the )?(?:customers|users|accounts|companies)) on (?:the|your) \w+ (?:plan|tier)\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`(?<!\b(?:my|our)\s(?:\w+\s)?)\b(?:account|customer|user|profile)s? (?:registered|associated|linked|tied|signed up) (?:with|to|under)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\b(?:other|all|the other) (?:customers|users|clients|accounts)\b${SENT}{0,40}?\b(?:pay|paying|paid|are charged|get charged|spend)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\b(?:his|her|their) (?:names|e-?mails?|email addresses|addresses|phone numbers|invoices?|payments?|billing|bills|account|subscription|plan|cards?|balance|details|receipts?|data|charges?)\b`,
  ),
  r(
    'third_party',
    MEDIUM,
    rx`\b(?:it'?s|is|that'?s|this is|isn'?t|is not|not) (?:not )?(?:mine|my (?:own )?account)\b|\b(?:belongs? to|owned by|for) (?:my |a )?(?:friend|colleague|client|competitor|boss|partner|ex|wife|husband|brother|sister|neighbou?r|coworker|co-worker)\b|\bsomeone else'?s?\b|\bmy (?:friend|colleague|competitor|boss|partner|ex(?:-wife|-husband)?|wife|husband|neighbou?r|coworker|co-worker|business partner)'?s? (?:account|invoices?|plan|subscription|billing|card|email)\b|\bmy (?:business )?(?:competitor|rival|competition)\b`,
  ),
  r(
    'third_party',
    MEDIUM,
    rx`\b(?:my|our) (?:former |ex-?)?(?:sister|brother|mother|father|mom|dad|cousin|uncle|aunt|son|daughter|girlfriend|boyfriend|fianc.e?|landlord|tenant|roommate|employer|employee|client|customer)'?s?\b|\b(?:it|this|that|which|they) (?:belongs?|is|are) (?:to|for) (?:a |an )?(?:different|another|other) (?:company|customer|account|person|user|business|client)\b`,
  ),

  // --- round 4 generalisations
  r(
    'secret_request',
    MEDIUM,
    rx`\b(?:api keys?|secrets?|credentials|passwords?|tokens?) (?:stored|kept|saved|held|cached) (?:in|on|by) (?:your|the) (?:memory|context|server|config|environment|system|database)\b`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`\b(?:person|user|customer|someone|people|whoever|somebody) (?:who|that) (?:had|used|was (?:in|using)|chatted in|wrote in|opened) this (?:chat|conversation|session|widget|window)\b|\bbefore me in this (?:chat|conversation|session)\b`,
  ),
  r(
    'cross_account',
    MEDIUM,
    rx`\babout (?:other|another|different|all the other) (?:accounts|customers|users|companies)\b`,
  ),
];

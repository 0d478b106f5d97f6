// English rules about data and money: secrets, other customers' data, billing changes "as the
// system", authority claims, and sending data somewhere.
import { gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG, WEAK } from './thresholds.ts';
import { ACCESS, DATA, EXTRACT, OTHERS } from './vocab-en.ts';

const r = ruleSet('en');

const SECRET = [
  'api[ _-]?(?:keys?|tokens?|secrets?|credentials)',
  'secret[ _-]?keys?',
  'private[ _-]?keys?',
  '(?:access|auth(?:entication)?|bearer|session|service) tokens?',
  '(?:webhook |signing |client )secrets?',
  'credentials',
  'passwords?',
  'passphrases?',
  'database (?:url|password|credentials|connection string)',
  'connection strings?',
  'env(?:ironment)? (?:variables?|vars?)',
  '\\.env(?: file)?',
  'process\\.env',
  'keys',
  'tokens',
  'secrets',
  'ssh keys?',
  'sk_(?:live|test)\\w*',
];

/** Owners of a secret that are not the customer: the assistant, its server, the company. */
const NOT_MINE =
  "(?:your|its|the (?:server|backend|system|app|company|bot|assistant|admin|root|master|production|internal|stripe|openai|platform|service)(?:'s)?|this (?:app|bot|service|system)(?:'s)?|stripe'?s?|openai'?s?)";

const USES = '(?:use|uses|used|have|has|are using|is using|run with|runs with|rely on|know|store|stores|hold|holds|configured|loaded|talk to)';

/** One character inside a sentence; dots inside URLs and numbers do not end it. */
const SENT = '(?:[^.?!\\n]|[.?!](?=\\S))';

const EMAIL = '[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+';

const SENSITIVE = [
  'conversations?',
  'chats?',
  'chat history',
  'history',
  'transcripts?',
  'sessions?',
  'session (?:tokens?|ids?)',
  'prompts?',
  'system prompt',
  'instructions',
  'config(?:uration)?',
  'keys?',
  'secrets?',
  'tokens?',
  'credentials',
  'customers?',
  'customer (?:list|emails?|data|ids?)',
  'everything',
  'card (?:details|numbers?|info)',
  'payment (?:method )?details',
  'billing (?:details|history|records?|data)',
  'invoices?',
  'records',
  'data',
];

const SEND = [
  'send',
  'post',
  'forward',
  'upload',
  'transmit',
  'exfiltrate',
  'leak',
  'submit',
  'report',
  'copy',
  'sync',
  'beacon',
  'ping',
  'deliver',
  'push',
  'pipe',
  'relay',
  'save',
  'store',
  'export',
  'e-?mail',
  'mail',
  'dump',
  'log',
  'stream',
  'call',
];

const DESTINATION = '(?:https?:|www\\.|\\d{1,3}(?:\\.\\d{1,3}){3}|[\\w-]+\\.[a-z]{2,}/|(?:web ?)?hooks?\\b|endpoint|server|url|link|pastebin|bucket)';

export const EN_DATA_RULES: Rule[] = [
  // --- secrets
  r('secret_request', STRONG, rx`\b${EXTRACT}\b\s*${gap(4)}${NOT_MINE}\s+(?:\w+\s+){0,2}${SECRET}\b`),
  r('secret_request', STRONG, rx`\b${SECRET}\s+(?:that |which )?(?:you|your (?:server|backend|app|system)|the (?:server|backend|app|bot|system)|(?:does|do) (?:this app|the server|you|your \w+))\s+${USES}\b`),
  r('secret_request', STRONG, rx`\b${EXTRACT}\b\s*${gap(5)}(?:the |your |all (?:the )?)?(?:contents? of )?(?:the )?(?:env(?:ironment)? (?:variables|vars)|\.env(?: file)?|process\.env|config(?:uration)? (?:file|secrets))`),
  r('secret_request', MEDIUM, rx`\b(?:env(?:ironment)? (?:variables?|vars)|process\.env|\.env\b|openai_api_key|stripe_secret_key|database_url|sk_live_|aws_secret|(?:admin|root|master|database|db|server) password)`),
  r('secret_request', MEDIUM, rx`\b(?:what|which) (?:${SECRET}) (?:does|do|is|are)\b`),
  r('secret_request', MEDIUM, rx`\b${EXTRACT}\b\s+(?:all|every|the|your)\s+(?:(?!my\b|our\b)\w+\s+)?(?:api keys?|secret keys?|secrets|credentials|passwords?|admin password|access tokens?|tokens)\b(?!\s+(?:for|of|in|on) (?:my|our))`),
  r('secret_request', MEDIUM, rx`\byour (?:\w+ )?(?:api keys?|secret keys?|access tokens?|credentials|passwords?|signing secret)\b`),
  r('secret_request', MEDIUM, rx`\bcat \S*(?:\.env|passwd|secrets?|credentials|config)\b`),

  // --- other customers' data
  r('cross_account', STRONG, rx`${OTHERS}(?:'s?|')?\s+${gap(3)}${DATA}\b`),
  r('cross_account', STRONG, rx`\b${DATA}\s+${gap(3)}(?:of|for|from|by|belonging to|on|about|made by|paid by)\s+${OTHERS}`),
  r('cross_account', STRONG, rx`\b${ACCESS}\b\s*${gap(5)}${OTHERS}`),
  r('cross_account', STRONG, rx`\b(?:of|for|under|belonging to|owned by|registered (?:to|under)|associated with|linked to|tied to|about)\s+(?:the\s+)?(?:account|user|customer|client|person|profile)?\s*(?:with (?:the )?(?:e-?mail|address)(?: address)?\s+|(?:e-?mail|id)\s+)?${EMAIL}`),
  r('cross_account', HIGH, rx`\b(?:account|user|customer|client|profile)\s+(?:is\s+|under\s+|at\s+)?${EMAIL}`),
  r('cross_account', HIGH, rx`(?<!\b(?:my|our)\b[^.?!\n]{0,24})\bcus_[a-z0-9]{6,}`),
  r('cross_account', STRONG, rx`\b${ACCESS}\b[^.?!\n]{0,40}(?<!\b(?:my|our)\b[^.?!\n]{0,24})\bcus_[a-z0-9]{6,}`),
  r('cross_account', HIGH, rx`(?<!\b(?:my|our)\s(?:\w+\s)?)\b(?:customer|user|client|account)(?: id| number| no\.?)?\s*#?\s*\d{3,}\b`),
  r('cross_account', MEDIUM, rx`\bwhat (?:card|plan|email|address|balance|invoices?|payment method) (?:does|did|is|has) (?:customer|user|account|client|he|she|they)\b|\bwhat (?:do|does|did) (?:they|other customers|others|each of them|everyone) pay\b`),
  r('cross_account', STRONG, rx`\b(?:someone|somebody|anyone) else'?s? ${DATA}\b`),
  r('cross_account', MEDIUM, rx`\b(?:any|a random|some other|some) (?:customer|user|client|account)'?s?\b(?: is fine| will do)|\b(?:from|of|belonging to|in|on) (?:other|another|different|all the other) (?:accounts|customers|users)\b`),
  r('cross_account', STRONG, rx`\b(?:conversations?|chats?|sessions?) (?:you (?:had|have) )?with (?:other|another|a different|the previous|the last) (?:customers?|users?|person|people)\b`),
  r('cross_account', HIGH, rx`\b${ACCESS}\b\s*${gap(6)}(?:account|customer|user|client)(?: id| number| no\.?| #)?\s*#?\s*\d{3,}\b`),
  r('cross_account', STRONG, rx`\b(?:impersonate|log ?in as|login as|sign in as|switch (?:to|into) (?:the )?(?:account|user|customer)|access (?:the )?(?:account|data|records|invoices|billing) (?:of|for|belonging to)|on behalf of (?:another|a different|other))\b`),
  r('cross_account', STRONG, rx`\b(?:the |a )?(?:previous|last|prior|earlier|next|other) (?:user|customer|person|caller|client)s?\b(?! (?:on|in|of) (?:my|our))(?:'s)?\s+${gap(4)}${DATA}|\b${ACCESS}\b\s*${gap(5)}(?:the |a )?(?:previous|last|prior|earlier|next) (?:user|customer|person|caller|client)\b`),
  r('cross_account', STRONG, rx`\b${ACCESS}\b\s*${gap(5)}(?<!\b(?:my|our)\s)(?:other|previous|earlier) (?:customers?'? |users?'? |people'?s? )?(?:conversations?|chats?|sessions?|tickets?)\b(?! (?:with|about) (?:you|support))`),
  r('cross_account', STRONG, rx`\b(?:who|which) (?:are|is) your (?:biggest|top|largest|best|richest|other|main|enterprise|paying) (?:customers|clients|accounts|users)|\bwhich (?:customers|users|accounts|companies|clients)\b(?! (?:on|in|of) (?:my|our))`),
  r('cross_account', STRONG, rx`\b(?:customer|user|client|subscriber)s? (?:table|list|database|db|records?|base|emails?|export)\b`),
  r('cross_account', MEDIUM, rx`\bhow many (?:customers|users|clients|accounts|subscribers) (?:do you|does \w+|are)\b|\btotal (?:revenue|mrr|arr)\b`),
  r('cross_account', MEDIUM, rx`\b(?:other|all|the other) (?:customers|users|clients|accounts)\b${SENT}{0,40}?\b(?:pay|paying|paid|are charged|get charged|spend)\b`),
  r('cross_account', MEDIUM, rx`\b(?:his|her|their) (?:names|e-?mails?|email addresses|addresses|phone numbers|invoices?|payments?|billing|account|subscription|plan|cards?|balance|details|receipts?|data|charges?)\b`),
  r('third_party', MEDIUM, rx`\b(?:it'?s|is|that'?s|this is|isn'?t|is not|not) (?:not )?(?:mine|my (?:own )?account)\b|\b(?:belongs? to|owned by|for) (?:my |a )?(?:friend|colleague|client|competitor|boss|partner|ex|wife|husband|brother|sister|neighbou?r|coworker|co-worker)\b|\bsomeone else'?s?\b|\bmy (?:friend|colleague|competitor|boss|partner|ex(?:-wife|-husband)?|wife|husband|neighbou?r|coworker|co-worker|business partner)'?s? (?:account|invoices?|plan|subscription|billing|card|email)\b|\bmy competitor\b`),

  // --- billing state changes and free access
  r('billing_manipulation', MEDIUM, rx`\bunlock\s+(?:all\s+)?(?:the\s+)?(?:premium|pro|paid|enterprise|business|all)\s+(?:features|plans?|tiers?|access)\b|\b(?:give|grant) (?:me|my account|us) (?:full )?access to (?:the )?(?:\w+ )?(?:plan|tier|features|enterprise|business|pro|premium)\b`),
  r('billing_manipulation', MEDIUM, rx`\bmark\s+${gap(4)}(?:invoices?|payments?|account|subscription|balance|bill|charges?)\s+${gap(3)}(?:as\s+|to\s+)?(?:paid|settled|resolved|refunded|active|current|cleared)\b`),
  r('billing_manipulation', HIGH, rx`\b(?:set|reset|change|update|make|put|adjust|bring|zero out)\s+${gap(2)}(?:balance|amount due|amount owed|outstanding (?:balance|amount)|invoice total|total|price|bill|debt|charges?)\s+(?:to|at|=)\s+(?:\$|€|£)?\s*(?:0|zero|nothing|free)\b`),
  r('billing_manipulation', HIGH, rx`\b(?:grant|give|unlock|enable|activate|provision|upgrade|switch|move|put|add|extend|apply|issue|turn on)\b\s*${gap(7)}(?:for free|free of (?:charge|cost)|free for|at no (?:cost|charge)|without (?:paying|payment|charging|being charged|a charge|cost|billing|a card)|for \$?0\b|gratis|complimentary|comped|free forever|permanently free|lifetime (?:access|license|licence|plan|subscription))`),
  r('billing_manipulation', HIGH, rx`\b(?:bypass|skip|circumvent|override|disable|turn off|get around|avoid)\s+(?:the\s+)?(?:payment|billing|paywall|pay ?wall|charge|subscription|entitlement|license|licence|seat)s?\s*(?:check|checks|verification|requirement|gate|limit|limits|restrictions?|wall)?\b`),
  r('billing_manipulation', MEDIUM, rx`\b(?:100\s?%|hundred percent|permanent|lifetime|unlimited) (?:discount|off|waiver|credits?|refund)\b|\b(?:apply|give|add|issue) (?:a |an )?(?:100\s?%|permanent|lifetime|unlimited) \w+`),
  r('billing_manipulation', MEDIUM, rx`\b(?:refund|credit|waive|reimburse|comp)\s+(?:me\s+)?(?:all|every|everything|each)\b|\b(?:refund|credit) (?:me |my account )?(?:\$|€|£)\s?\d[\d,]{2,}`),
  r('billing_manipulation', WEAK, rx`\bapprove (?:a |the |my )?(?:(?:\$|€|£)?\d[\d,.]*\s+)?(?:refund|credit|discount|upgrade)\b`),
  r('billing_manipulation', MEDIUM, rx`\b(?:grant|give|make|set|promote|elevate)\s+(?:me|my account|this (?:account|user)|us)\s+(?:\w+\s+){0,2}(?:admin|administrator|root|staff|superuser|elevated|full|unrestricted) (?:access|privileges|rights|permissions|role)\b|\b(?:grant|give)\s+(?:\w+\s+){0,2}(?:admin|administrator|root|staff|superuser|elevated) (?:access|privileges|rights|permissions|role) to (?:me|my account|this (?:account|user)|us)\b`),
  r('billing_manipulation', MEDIUM, rx`\bupdate subscriptions? set\b|\bset plan\s*=`),

  // --- authority claims aimed at the assistant
  r('authority_claim', MEDIUM, rx`\bas (?:the|an?|your) (?:system|admin(?:istrator)?|sysadmin|system administrator|developer|operator|supervisor|root|superuser|ceo|cto|engineer|billing (?:team|admin(?:istrator)?|manager)|support (?:lead|manager|team)|stripe|staff member|employee|moderator)\b(?!\s+(?:of|for|on|in) (?:our|my))`),
  r('authority_claim', MEDIUM, rx`\b(?:i am|i'm|im|this is) (?:the|an?|your) (?:admin|administrator|sysadmin|system administrator|developer|dev|creator|programmer|maker|operator|engineer)\b(?!\s+(?:of|for|on|in) (?:our|my|the team|the workspace))`),
  r('authority_claim', MEDIUM, rx`\b(?:authori[sz]ed|approved|sanctioned|cleared|signed off|verified|permitted) by (?:the )?(?:admin|administrator|management|billing|support|finance|system|ceo|cto|stripe|ledgerdesk|developers?|engineering|security|(?:your|the) (?:boss|manager|developers?|team|company|account owner))|\b(?:authori[sz]ation|override|admin|access|security) code\b|\b(?:admin|system|authori[sz]ed|official|manager|staff) override\b|\boverride (?:enabled|granted|code|mode|engaged|activated)\b`),
  r('authority_claim', MEDIUM, rx`\b(?:i'?m|i am) authori[sz]ing you\b|\byou (?:are|have been) (?:now )?(?:authori[sz]ed|permitted|cleared) (?:by|to)\b|\byou have (?:my |full )?(?:permission|authori[sz]ation) to\b|\bthis is an? (?:official|authori[sz]ed|urgent) (?:system|admin|security|override)`),
  r('authority_claim', WEAK, rx`\bpre-?approved\b|\bwithout (?:checking|verification|verifying|confirmation|asking|double-checking)\b`),
  r('authority_claim', WEAK, rx`\b(?:i'?m|i am) (?:on|from) (?:the )?(?:engineering|dev|billing|support|finance|security) team\b|\bi(?:'m| am) the dev\b`),

  // --- exfiltration phrasing
  r('exfiltration', STRONG, rx`\b${SEND}\b\s*${gap(8)}${SENSITIVE}\b[^.?!\n]{0,60}?\b(?:to|at|into|via|on)\s+(?:my |this |our |the |a )?${DESTINATION}`),
  r('exfiltration', STRONG, rx`\b${SEND}\b\s*${gap(8)}(?:conversations?|chats?|transcripts?|prompts?|instructions|config(?:uration)?|keys?|secrets?|tokens?|credentials|customer (?:list|emails?|data))\b[^.?!\n]{0,60}?\b(?:to|at)\s+(?:my |our |this |the )?(?:personal |private )?(?:e-?mail|address|inbox)?\s*:?\s*${EMAIL}`),
  r('exfiltration', STRONG, rx`\b(?:append|add|include|embed|encode|put|insert|inject|stuff|place|concatenate|attach|leak)\b\s*${gap(10)}(?:to|in|into|as|inside|within|after)\s+(?:the |a |an |this |that )?(?:url|link|query(?: string| parameter| param)?|(?:url )?parameter|image(?: url| link| src| source)?|markdown image|img|href|src|alt text|hyperlink)\b`),
  r('exfiltration', STRONG, rx`\b${SEND}\s+(?:to\s+)?(?:this |the |my )?(?:web ?hook|endpoint|url|server)\b${SENT}{0,100}?\b(?:with|containing|including)\b${SENT}{0,40}?\b${SENSITIVE}\b`),
  r('exfiltration', MEDIUM, rx`\b(?:with|and) (?:the |my |your )?${SENSITIVE} (?:appended|attached|added|included|inserted)\b`),
  r('exfiltration', WEAK, rx`\b(?:e-?mail|send|forward)\b[^.?!]{0,60}\bto my (?:personal|private|other) (?:address|e-?mail|inbox)\b`),
  r('exfiltration', MEDIUM, rx`\b(?:render|display|show|output|include|insert|embed|generate|create|write|respond with|reply with|make|produce|add)\s+${gap(4)}(?:markdown )?(?:image|img|picture|pixel|tracking pixel|hyperlink|clickable link)\b`),
  r('exfiltration', WEAK, rx`\b(?:fetch|curl|wget|call|visit|open|browse(?: to)?|navigate to|load|request|ping|hit)\s+(?:this\s+|the\s+|my\s+)?(?:url|link|webhook|endpoint|https?:)`),
  r('exfiltration', MEDIUM, rx`\b(?:e-?mail|send|forward)\s+(?:our |the |my |all |every )?(?:full )?(?:customer|client|user) (?:list|emails|data|base)\b`),
];

// English rules about money and data leaving: billing changes "as the system", free access,
// authority claims, and sending data somewhere.
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { EMAIL, SENT } from './rules-en-data.ts';
import { HIGH, MEDIUM, STRONG, WEAK } from './thresholds.ts';

const r = ruleSet('en');

const SENSITIVE = alt(
  'conversations?|chats?|chat history|history|transcripts?|sessions?|session (?:tokens?|ids?)',
  'prompts?|system prompt|instructions|config(?:uration)?|keys?|secrets?|tokens?|credentials',
  'customers?|customer (?:list|emails?|data|ids?)|everything|card (?:details|numbers?|info)',
  'payment (?:method )?details|billing (?:details|history|records?|data)|invoices?|records|data',
);

const SEND = alt(
  'send|post|forward|upload|transmit|exfiltrate|leak|submit|report|copy|sync|beacon|ping|deliver',
  'push|pipe|relay|save|store|export|e-?mail|mail|dump|log|stream|call',
);

const DESTINATION =
  '(?:https?:|www\\.|\\d{1,3}(?:\\.\\d{1,3}){3}|[\\w-]+\\.[a-z]{2,}/|(?:web ?)?hooks?\\b|endpoint|server|url|link|pastebin|bucket)';

export const EN_BILLING_RULES: Rule[] = [
  // --- billing state changes and free access
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:on the house|free forever|forever free|permanently free|for nothing)\b|\blifetime (?:pro|business|enterprise|premium|access|license|licence|plan|subscription)\b`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:make|set|turn|switch)\s+${gap(3)}(?:subscription|plan|account|invoices?|bill(?:ing)?)\s+(?:free|\$0|zero)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:treat|accept|consider|mark|count) (?:it|this|that|the (?:coupon|code|payment|invoice|promo)) as (?:valid|paid|approved|legit(?:imate)?|settled)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:coupon|code|promo)\b${SENT}{0,30}?\bi (?:just )?(?:made up|invented|created|came up with)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\byou(?:'ve| have) (?:just )?(?:approved|granted|applied|issued|authori[sz]ed|refunded|credited)\b`,
  ),
  r('billing_manipulation', WEAK, rx`\bconfirm (?:the|my) (?:refund|credit|upgrade|discount|access)\b`),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\bunlock\s+(?:all\s+)?(?:the\s+)?(?:premium|pro|paid|enterprise|business|all)\s+(?:features|plans?|tiers?|access)\b|\b(?:give|grant) (?:me|my account|us) (?:full )?access to (?:the )?(?:\w+ )?(?:plan|tier|features|enterprise|business|pro|premium)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\bmark\s+${gap(4)}(?:invoices?|payments?|account|subscription|balance|bill|charges?)\s+${gap(3)}(?:as\s+|to\s+)?(?:paid|settled|resolved|refunded|active|current|cleared)\b`,
  ),
  r(
    'billing_manipulation',
    STRONG,
    rx`\b(?:set|reset|change|update|make|put|adjust|bring|zero out|knock|drop|reduce|cut|lower|take)\s+${gap(2)}(?:balance|amount due|amount owed|outstanding (?:balance|amount)|invoice total|total|price|bill|debt|charges?|cost)\s+(?:down |back )?(?:to|at|=)\s+(?:(?:\$|€|£)\s?(?:0|1)(?:\.00)?\b|(?:0|zero|nothing|free)\b)`,
  ),
  r(
    'billing_manipulation',
    STRONG,
    rx`\bwrite off (?:my |the |all |our )?(?:outstanding |remaining |unpaid |overdue )?(?:balance|debt|invoices?|charges?|amount)\b|\b(?:forgive|erase|wipe) (?:my |the |all |our )?(?:outstanding |remaining |unpaid |overdue )?(?:balance|debt|invoices?|amount due)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:cancel|void|clear|delete) (?:my |the |all |our )?(?:outstanding |remaining |unpaid |overdue )(?:balance|debt|invoices?|charges?|amount due)\b|\bback-?dat(?:e|ing)\b`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`\bextend (?:my |the |our )?(?:trial|subscription|plan|access)\b${SENT}{0,30}?\b(?:no charge|free|for free|at no cost|without (?:charge|paying|payment))\b`,
  ),
  r(
    'billing_manipulation',
    STRONG,
    rx`\b(?:upgrade|switch|move|put|give)\b${SENT}{0,40}?\b(?:bill|charge) (?:me|us|my account) (?:at|for|as|with|only) (?:the )?(?:\w+ )?(?:price|rate|pricing|amount|cost)\b`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:issue|apply|add|give|grant|post|put)\s+(?:me\s+)?(?:a |an )?(?:credit|refund|discount|payment|reimbursement)s?\s+(?:of\s+)?(?:\$|€|£)\s?\d[\d,]{2,}`,
  ),
  r(
    'billing_manipulation',
    WEAK,
    rx`\bconfirm (?:that )?it(?:'s| is| was| has been)? (?:done|applied|processed|issued)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:all )?(?:charges|fees|invoices|payments|dues) (?:waived|forgiven|written off|cleared|refunded|voided)\b`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:grant|give|unlock|enable|activate|provision|upgrade|switch|move|put|add|extend|apply|issue|turn on)\b\s*${gap(7)}(?:for free|on the house|free of (?:charge|cost)|free for|at no (?:cost|charge)|without (?:paying|payment|charging|being charged|a charge|cost|billing|a card)|for \$?0\b|gratis|complimentary|comped|free forever|permanently free|lifetime \w+)`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:bypass|skip|circumvent|override|disable|turn off|get around|avoid)\s+(?:the\s+)?(?:payment|billing|paywall|pay ?wall|charge|subscription|entitlement|license|licence|seat|balance|credit|fraud)s?\s*(?:check|checks|verification|requirement|gate|limit|limits|restrictions?|wall)?\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:discount|off|credit|refund)s? (?:is|of|at|=|to) (?:100\s?(?:%|percent)|hundred percent)`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:100\s?(?:%|percent)|hundred percent|permanent|lifetime|unlimited) (?:discount|off|waiver|credits?|refund)\b|\b(?:apply|give|add|issue) (?:a |an )?(?:100\s?%|permanent|lifetime|unlimited) \w+`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:refund|credit|waive|reimburse|comp)\s+(?:me\s+)?(?:all|every|everything|each)\b|\b(?:refund|credit) (?:me |my account )?(?:\$|€|£)\s?\d[\d,]{2,}`,
  ),
  r(
    'billing_manipulation',
    WEAK,
    rx`\bapprove (?:a |the |my )?(?:(?:\$|€|£)?\d[\d,.]*\s+)?(?:refund|credit|discount|upgrade)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\b(?:grant|give|make|set|promote|elevate)\s+(?:me|my account|this (?:account|user)|us)\s+(?:\w+\s+){0,2}(?:admin|administrator|root|staff|superuser|elevated|full|unrestricted) (?:access|privileges|rights|permissions|role)\b|\b(?:grant|give)\s+(?:\w+\s+){0,2}(?:admin|administrator|root|staff|superuser|elevated) (?:access|privileges|rights|permissions|role) to (?:me|my account|this (?:account|user)|us)\b`,
  ),
  r('billing_manipulation', MEDIUM, rx`\bupdate subscriptions? set\b|\bset plan\s*=`),

  // --- authority claims aimed at the assistant
  r(
    'authority_claim',
    MEDIUM,
    rx`\bas (?:the|an?|your) (?:system|admin(?:istrator)?|sysadmin|system administrator|developer|operator|supervisor|root|superuser|ceo|cto|engineer|billing (?:team|admin(?:istrator)?|manager)|support (?:lead|manager|team)|stripe|staff member|employee|moderator)\b(?!\s+(?:of|for|on|in) (?:our|my))`,
  ),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:i am|i'm|im|this is) (?:the|an?|your) (?:admin|administrator|sysadmin|system administrator|developer|dev|creator|programmer|maker|operator|engineer)\b(?!\s+(?:of|for|on|in) (?:our|my|the team|the workspace))`,
  ),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:authori[sz]ed|approved|sanctioned|cleared|signed off|verified|permitted) by (?:the )?(?:admin|administrator|management|billing|support|finance|system|ceo|cto|stripe|ledgerdesk|developers?|engineering|security|(?:your|the) (?:boss|manager|developers?|team|company|account owner))|\b(?:authori[sz]ation|override|admin|access|security) code\b|\b(?:admin|system|authori[sz]ed|official|manager|staff) override\b|\boverride (?:enabled|granted|code|mode|engaged|activated)\b`,
  ),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:i'?m|i am) authori[sz]ing you\b|\byou (?:are|have been) (?:now )?(?:authori[sz]ed|permitted|cleared) (?:by|to)\b|\byou have (?:my |full )?(?:permission|authori[sz]ation) to\b|\bthis is an? (?:official|authori[sz]ed|urgent) (?:system|admin|security|override)`,
  ),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:support|billing|finance|management|the (?:team|manager|boss|admin)|your (?:team|manager|boss)) (?:already )?(?:approved|authori[sz]ed|okayed|signed off on|agreed to) (?:it|this|that)\b`,
  ),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:my|the|your) (?:boss|manager|ceo|admin|supervisor|owner) (?:said|says|approved|agreed|okayed|ok'?d|signed off)\b`,
  ),
  r(
    'authority_claim',
    WEAK,
    rx`\bpre-?(?:approved|paid|authori[sz]ed)\b|\bwithout (?:checking|verification|verifying|confirmation|asking|double-checking)\b`,
  ),
  r(
    'authority_claim',
    WEAK,
    rx`\b(?:i'?m|i am) (?:on|from) (?:the )?(?:engineering|dev|billing|support|finance|security) team\b|\bi(?:'m| am) the dev\b`,
  ),

  // --- exfiltration phrasing
  r(
    'exfiltration',
    STRONG,
    rx`\b${SEND}\b\s*${gap(8)}${SENSITIVE}\b[^.?!\n]{0,60}?\b(?:to|at|into|via|on)\s+(?:my |this |our |the |a )?${DESTINATION}`,
  ),
  r(
    'exfiltration',
    STRONG,
    rx`\b${SEND}\b\s*${gap(8)}(?:conversations?|chats?|transcripts?|prompts?|instructions|config(?:uration)?|keys?|secrets?|tokens?|credentials|customer (?:list|emails?|data))\b[^.?!\n]{0,60}?\b(?:to|at)\s+(?:my |our |this |the )?(?:personal |private )?(?:e-?mail|address|inbox)?\s*:?\s*${EMAIL}`,
  ),
  r(
    'exfiltration',
    STRONG,
    rx`\b(?:append|add|include|embed|encode|put|insert|inject|stuff|place|concatenate|attach|leak)\b\s*${gap(10)}(?:to|in|into|as|inside|within|after)\s+(?:the |a |an |this |that )?(?:url|link|query(?: string| parameter| param)?|(?:url )?parameter|image(?: url| link| src| source)?|markdown image|img|href|src|alt text|hyperlink)\b`,
  ),
  r(
    'exfiltration',
    STRONG,
    rx`\b${SEND}\s+(?:to\s+)?(?:this |the |my )?(?:web ?hook|endpoint|url|server)\b${SENT}{0,100}?\b(?:with|containing|including)\b${SENT}{0,40}?\b${SENSITIVE}\b`,
  ),
  r(
    'exfiltration',
    MEDIUM,
    rx`\b(?:with|and) (?:the |my |your )?${SENSITIVE} (?:appended|attached|added|included|inserted)\b`,
  ),
  r(
    'exfiltration',
    WEAK,
    rx`\b(?:e-?mail|send|forward)\b[^.?!]{0,60}\bto my (?:personal|private|other) (?:address|e-?mail|inbox)\b`,
  ),
  r(
    'exfiltration',
    MEDIUM,
    rx`\b(?:render|display|show|output|include|insert|embed|generate|create|write|respond with|reply with|make|produce|add)\s+${gap(4)}(?:markdown )?(?:image|img|picture|pixel|tracking pixel|hyperlink|clickable link)\b`,
  ),
  r(
    'exfiltration',
    WEAK,
    rx`\b(?:fetch|curl|wget|call|visit|open|browse(?: to)?|navigate to|load|request|ping|hit)\s+(?:this\s+|the\s+|my\s+)?(?:url|link|webhook|endpoint|https?:)`,
  ),
  r(
    'exfiltration',
    MEDIUM,
    rx`\b(?:e-?mail|send|forward)\s+(?:our |the |my |all |every )?(?:full )?(?:customer|client|user) (?:list|emails|data|base)\b`,
  ),

  // --- round 4 generalisations
  r(
    'billing_manipulation',
    STRONG,
    rx`\b(?:bypass|skip|circumvent|override|disable|turn off|get around|avoid)\s+(?:the\s+)?(?:paywall|pay ?wall|payment (?:check|verification|gate|requirement)|billing (?:check|gate)|entitlement (?:check|gate)|licen[cs]e check|access check)\b`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:issue|apply|add|give|grant|post|put)\s+(?:me\s+)?(?:a |an )?(?:\$|€|£)\s?\d[\d,]*\s+(?:credit|refund|discount|reimbursement)\b`,
  ),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:i am|i'm|this is|we are|we're) (?:from|with|at) (?:stripe|ledgerdesk|openai|anthropic|your (?:company|team|engineering|security|compliance|legal))\b|\bstripe (?:compliance|support|security|risk|legal|team)\b`,
  ),
];

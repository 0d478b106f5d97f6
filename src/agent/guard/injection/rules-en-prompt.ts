// English rules about what the assistant was told and who is talking to it: extracting the prompt,
// controlling the output, and text addressed to "the AI" from inside a pasted document.
import { gap, type Rule, ruleSet, rx } from './rule.ts';
import { SENT } from './rules-en-data.ts';
import { HIGH, MEDIUM, STRONG, WEAK } from './thresholds.ts';
import { AI, EXTRACT } from './vocab-en.ts';

const r = ruleSet('en');

export const EN_PROMPT_RULES: Rule[] = [
  // --- prompt extraction
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(6)}(?:your|the|its|this bot'?s?|the assistant'?s?)\s+(?:\w+\s+)?(?:system (?:prompt|message|instructions)|(?:initial|original|hidden|secret|internal|confidential|full|exact|complete|starting|underlying) (?:prompt|instructions|directives|rules|guidelines|configuration)|developer (?:message|instructions|prompt)|meta ?-?prompt|pre ?-?prompt|context window)`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}your (?:\w+\s+)?(?:instructions|prompt|directives|programming|configuration|config|setup instructions)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\byour (?:hidden|secret|internal|confidential|initial|original|underlying) (?:rules|instructions|prompt|guidelines|directives|configuration)\b`,
  ),
  r(
    'prompt_extraction',
    MEDIUM,
    rx`\b(?:system (?:prompt|message)|initial prompt|hidden prompt|developer message|pre-?prompt)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:what|which) (?:instructions|rules|guidelines|directives|prompt) (?:were|have|did) you (?:been )?(?:given|told|programmed|instructed|receive)|\bwhat (?:were|have) you (?:been )?(?:told|instructed|programmed)\b|\bhow (?:were|are|have) you (?:been )?(?:programmed|instructed|configured|prompted|set up)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(3)}(?:the |your )?(?:full |complete |entire )?(?:contents? of (?:your|the) )?(?:hidden|secret|internal|confidential|underlying|initial|original|startup|start-up|system|full) (?:config(?:uration)?|settings|setup|prompt|instructions|rules|context)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b${SENT}{0,40}?\b(?:before|above|prior to) (?:my|this|the) (?:first )?(?:message|question|input|conversation|chat)\b|\bfull contents? of your\b`,
  ),
  r('prompt_extraction', MEDIUM, rx`\b(?:reveal|show|dump|leak|print|tell me|give me) (?:me )?everything\b`),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:you were|you've been|you have been|you are) (?:told|instructed|programmed|asked|trained) (?:to hide|not to (?:say|tell|reveal|share|mention|disclose)|to keep (?:secret|quiet|hidden))\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:text|prompt|instructions|rules|message|config(?:uration)?|settings) (?:that|which) (?:configures?|controls?|governs?|defines?|programs?|drives?|instructs?|shapes?|sets? up) you\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:the )?(?:prompt|instructions|system message|rules) (?:you|they|the developers?|someone) (?:wrote|gave|created|set|configured) (?:for|to) (?:this|the|you|your)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:disclose|reveal|expose|share|show|explain|describe|recite) (?:its|your|their) (?:own )?(?:setup|set-up|configuration|config|instructions|prompt|programming|rules)\b`,
  ),
  r(
    'prompt_extraction',
    HIGH,
    rx`\binstructions (?:a|the|every) (?:support )?(?:bot|assistant|ai|model|chatbot)(?: like you)? (?:gets|receives|is given|has|follows)\b`,
  ),
  r(
    'prompt_extraction',
    MEDIUM,
    rx`\b(?:use|share|show|give|quote) your own\b|\bwhat (?:the company|they|you) (?:keeps?|hides?|conceals?|(?:are|is) hiding) from (?:customers|users|me|us)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:the )?(?:instructions|rules|prompt|guidelines|directives|config(?:uration)?|settings|setup) (?:you (?:were|have been|'ve been|are) (?:given|told|started with|initiali[sz]ed with|launched with|booted with|configured with|loaded with|set up with|created with|trained on)|given to you|you received|they gave you|the developers? gave you)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:repeat|print|output|show|copy|recite|write|return|echo|dump)\s+(?:out\s+)?(?:all |the |everything |every )?(?:text |words |content |message |lines |instructions )?(?:above|before (?:this|my)|preceding|prior to (?:this|my))\b`,
  ),
  r(
    'prompt_extraction',
    HIGH,
    rx`\bstarting (?:with|from) ["']?you are\b|\beverything (?:in your|before my first) (?:context|message)`,
  ),
  r(
    'prompt_extraction',
    MEDIUM,
    rx`\byour (?:rules|guidelines|instructions)\b(?! (?:for|on|about|regarding) (?:refunds?|billing|invoices?|cancell?ations?|proration|seats?|plans?|payments?))`,
  ),
  r(
    'prompt_extraction',
    WEAK,
    rx`\b(?:verbatim|word for word|in full|exactly as written|quote it exactly)\b`,
  ),

  // --- output control
  r('output_control', WEAK, rx`\b(?:go with that|take my word(?: for it)?|just confirm (?:it|that|this))\b`),
  r(
    'output_control',
    WEAK,
    rx`\b(?:respond|reply|answer|say) (?:only )?with (?:only )?["']?(?:yes|ok|confirmed|approved|access granted|true)\b|\brespond only with\b|\byour (?:next )?(?:response|reply|answer|output) (?:must|should|will) (?:be|start|begin|contain|include)\b|\bsay exactly\b|\brepeat after me\b`,
  ),

  // --- text addressed to the AI from inside a document
  r(
    'addressed_to_ai',
    HIGH,
    rx`(?:\b(?:note|message|instructions?|attention|attn|important|notice|memo|hint|reminder|directive|request)\b|\bp\.?s\.?)[^.\n]{0,24}?\b(?:for|to)\s+(?:the\s+|any\s+|all\s+|every\s+)?${AI}\b`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`(?:^|[\s"'(\[])(?:attention|attn|dear|to)\s+(?:the\s+|any\s+|all\s+)?${AI}\s*[:,!-]`,
  ),
  r('addressed_to_ai', WEAK, rx`(?:^|[\s"'(\[])(?:hey|hello|hi|@)\s+(?:the\s+|any\s+)?${AI}\s*[:,!-]`),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\bif you(?:'re| are)\s+(?:an?\s+)?(?:ai|llm|language model|assistant|bot|chatbot|automated|gpt|model|ai assistant|ai system)\b|\bif an? (?:ai|llm|language model|assistant|bot|model)\b`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\b${AI}\s+(?:\w+\s+)?(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|handling|scanning|forwarding|receiving|seeing|that reads?|who reads?)\s+(?:this|these|the following)`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\b(?:automated|ai|llm|bot) (?:readers?|processors?|systems?|agents?|assistants?|tools?|parsers?)\s+(?:should|must|shall|are to|need to|will|have to)\b|\b(?:any|every|all|each) ${AI}\b${SENT}{0,30}?\b(?:must|should|shall|is required to|needs to|has to)\b`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`(?:^|["'(\[]\s*)(?:ai|assistant|bot|chatbot|llm|model|agent)\s*,\s*(?:please\s+)?(?:tell|say|ignore|reveal|send|show|give|do not|don't|make|set|mark|forward|include|respond|reply|write)\b`,
  ),
  r(
    'addressed_to_ai',
    MEDIUM,
    rx`\b(?:whoever|anyone who|the person who|the user who) (?:reads|sees|receives|opens) this\b`,
  ),
  r(
    'addressed_to_ai',
    MEDIUM,
    rx`\bwhen (?:you(?:'re| are)?\s+)?(?:summari[sz]ing|processing|reading|parsing|handling|answering about|you (?:read|summari[sz]e|process))\s+(?:this|these)\b`,
  ),
  r(
    'addressed_to_ai',
    MEDIUM,
    rx`\b(?:hidden|secret|invisible) (?:instructions?|messages?|commands?|prompts?|notes?)\b`,
  ),
  r(
    'concealment',
    MEDIUM,
    rx`\b(?:do not|don't|never)\s+(?:tell|inform|mention|reveal|show|let|alert|notify)\s+(?:this\s+)?(?:to\s+)?(?:the\s+)?(?:user|customer|human|reader)\b|\b(?:do not|don't|never) mention (?:the|this|any) (?:failed|overdue|declined|previous)\b`,
  ),

  // --- round 4 generalisations
  r(
    'prompt_extraction',
    STRONG,
    rx`\b(?:what|which)(?: exactly| precisely| again)? (?:were|are|was|is) your (?:\w+ )?(?:instructions|prompt|directives|programming|system message)\b`,
  ),
  r('prompt_extraction', MEDIUM, rx`\b(?:paste|dump|print|recite|quote) (?:them|those|these)\b`),
  r(
    'prompt_extraction',
    MEDIUM,
    rx`\b(?:in|from|inside) your (?:context(?: window)?|memory|prompt|instructions|system message|config(?:uration)?)\b`,
  ),
  r(
    'prompt_extraction',
    HIGH,
    rx`\b(?:before|starting with|beginning with|that begins with|after) ["'\u201c]?you are\b`,
  ),
  r(
    'output_control',
    MEDIUM,
    rx`\btell (?:me|the user|the customer|them) (?:that )?(?:my|their|the|his|her) (?:invoice|payment|refund|account|subscription|balance|plan)s? (?:was|is|has been|were|are) (?:voided|paid|refunded|approved|cancell?ed|active|cleared|zero|settled|waived)\b`,
  ),
];

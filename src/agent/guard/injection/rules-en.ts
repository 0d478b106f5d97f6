// English rules about the conversation itself: overriding instructions, changing persona,
// jailbreak framings, extracting the prompt, addressing "the AI" from inside pasted text.
import { gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG, WEAK } from './thresholds.ts';
import { AI, EXTRACT, INSTRUCTIONS, QUALIFIER } from './vocab-en.ts';

const r = ruleSet('en');

const OVERRIDE = [
  'ignore',
  'ignoring',
  'disregard',
  'disregarding',
  'forget',
  'forgetting',
  'override',
  'overrule',
  'bypass',
  'skip',
  'drop',
  'discard',
  'abandon',
  'ditch',
  'set aside',
  'throw (?:away|out)',
  'neglect',
  'pay no (?:attention|heed) to',
  'stop (?:following|obeying|listening to|using|applying)',
  "(?:do not|don't|dont|never|no longer|must not|mustn't|won't|will not|shouldn't|should not) (?:follow|obey|listen to|apply|respect|adhere to|comply with|use)",
  'disobey',
  'deviate from',
  'break',
  'circumvent',
  'erase',
  'wipe',
  'reset',
  'turn off',
  'disable',
  'suspend',
];

const INVALID = [
  'void',
  'cancell?ed',
  'revoked',
  'obsolete',
  'outdated',
  'invalid',
  'overridden',
  'suspended',
  'lifted',
  'deprecated',
  'null',
  'disabled',
  'replaced',
  'superseded',
  'not valid',
  'no longer (?:valid|apply|applies|in effect|relevant)',
  '(?:do not|don\'t) apply',
  'expired',
];

const PRIVILEGED_ROLE = [
  'admin(?:istrator)?',
  'billing (?:admin(?:istrator)?|manager|team|department)',
  'system(?: administrator)?',
  'sysadmin',
  'root',
  'superuser',
  'developer',
  'engineer',
  'operator',
  'owner',
  'ceo',
  'cto',
  'support (?:manager|lead|supervisor|staff|agent with)',
  'manager',
  'supervisor',
  'staff(?: member)?',
  'employee',
  'stripe(?: \\w+)?',
  'database',
  '(?:linux )?terminal',
  'shell',
  'dashboard',
  'hacker',
  'human (?:support )?(?:agent|manager)',
];

const PERSONA = [
  'unrestricted',
  'unfiltered',
  'uncensored',
  'evil',
  'rogue',
  'jailbroken',
  'different (?:ai|assistant|bot|model)',
  'new (?:ai|assistant|bot|model)',
  '(?:ai|assistant|bot|model|chatbot) (?:with|without|that|who|which)',
  'version of (?:yourself|you)',
];

export const EN_RULES: Rule[] = [
  // --- instruction override
  r('instruction_override', STRONG, rx`\b${OVERRIDE}\s+${gap(4)}${QUALIFIER}\s+${gap(2)}${INSTRUCTIONS}\b`),
  r(
    'instruction_override',
    STRONG,
    rx`\b${OVERRIDE}\s+(?:the |those |these |any |all )?${INSTRUCTIONS}\s+(?:above|before|so far|you (?:were|have been|'ve been) given|you received|provided|given to you)`,
  ),
  r('instruction_override', MEDIUM, rx`\b${OVERRIDE}\s+${gap(3)}${INSTRUCTIONS}\b`),
  r('instruction_override', STRONG, rx`\b${QUALIFIER}\s+${gap(2)}${INSTRUCTIONS}(?: above)?\s+(?:are|is|were|have been|has been|now)?\s*(?:now |hereby |officially )?${INVALID}\b`),
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:ignore|forget|disregard)\s+(?:everything|all|anything)\s+(?:(?:you (?:were|have been|'ve been) (?:told|given|taught|instructed|programmed))|above|that came before|in your (?:instructions|prompt|context))`,
  ),
  r('instruction_override', STRONG, rx`\b(?:the )?${INSTRUCTIONS} (?:above|so far|before this) (?:are|is|were|have been)\s+(?:now )?${INVALID}\b`),
  r('instruction_override', MEDIUM, rx`\b(?:ignore|disregard|forget)\s+(?:the |everything |all )?(?:above|text above|conversation so far|preceding text|previous conversation)\b`),
  r('instruction_override', MEDIUM, rx`\b(?:new|updated|revised|real|actual|true|additional|priority|override|overriding) (?:instructions?|directives?|rules|task|orders|prompt|commands?|system prompt)\s*[:\-]`),
  r('instruction_override', MEDIUM, rx`\b(?:your|the) (?:new|real|actual|true|only|updated) (?:task|job|goal|objective|purpose|mission|instructions?) (?:is|are|will be|now)\b`),
  r('instruction_override', MEDIUM, rx`\bfrom (?:now on|here on|this point on|here forward),? (?:you|your|always|only|never|respond|reply|answer|act|ignore|follow|obey|do not|don't)\b`),
  r('instruction_override', HIGH, rx`\b(?:only|just) (?:follow|obey|listen to|take orders from) (?:me|my|these|the following|this)\b|\b(?:follow|obey) only (?:me|my|these)\b`),
  r('instruction_override', MEDIUM, rx`\b(?:whatever|regardless of what|no matter what) (?:the )?(?:tools?|data|records?|system|database|lookup) (?:says?|shows?|returns?)\b`),

  // --- role / persona change
  r('role_change', MEDIUM, rx`\byou(?:'re| are) (?:now|no longer|henceforth|from now on)\s+(?:a|an|the|my|in|called|named|playing|acting|operating|going to|free|unrestricted|unfiltered|jailbroken|dan|[a-z-]*gpt|[a-z-]*bot)\b`),
  r('role_change', HIGH, rx`\b(?:act|behave|respond|answer|reply|speak|talk|pose|function|operate|serve|roleplay|role-play) (?:as|like) (?:if you (?:were|are) |though you (?:were|are) )?(?:a |an |the |my |your )?(?:${PRIVILEGED_ROLE}|${PERSONA})\b`),
  r('role_change', MEDIUM, rx`\bpretend (?:to be|you(?:'re| are| were)|that you(?:'re| are)|you have)\b`),
  r('role_change', MEDIUM, rx`\b(?:imagine|suppose|assume) (?:that )?you(?:'re| are| were) (?:a|an|the|my|now|no longer)\b`),
  r('role_change', MEDIUM, rx`\b(?:role ?-?play|let'?s play a game|play a game|play(?:ing)? the (?:role|part) of|take on the role|assume the (?:role|persona|identity)|adopt the persona|new persona|your (?:new )?(?:name|persona|identity|role) is|you will (?:now )?(?:act|play|be|roleplay|pretend)|you(?:'re| are) going to (?:act|play|pretend|be)|simulate (?:being )?(?:a|an)|in this (?:scenario|story|game),? you)\b`),
  r('role_change', MEDIUM, rx`\b(?:always|never fails to) (?:reveals?|answers?|obeys?|complies|says yes|grants?|gives)\b`),
  r('role_change', MEDIUM, rx`\b(?:become|turn into|transform into) (?:a|an|my) \w+ (?:bot|ai|assistant|agent)\b`),

  // --- jailbreak framings
  r('jailbreak', STRONG, rx`\b(?:do anything now|dan mode|jail ?-?break(?:ing)?|jailbroken|(?:developer|dev|god|sudo|admin|debug|maintenance|unrestricted|opposite) mode (?:on|enabled|activated)|stay in character|never refuses?|obeys? only me)\b`),
  r('jailbreak', STRONG, rx`\b(?:enable|enter|activate|switch (?:to|into)|turn on|you(?:'re| are) (?:now )?in|go into|engage) (?:the )?(?:developer|dev|god|sudo|admin|debug|maintenance|unrestricted|root|jailbreak|dan|opposite) mode\b`),
  r('jailbreak', MEDIUM, rx`\b(?:developer|god|sudo|unrestricted|jailbreak|dan) mode\b`),
  r('jailbreak', MEDIUM, rx`\b(?:unfiltered|uncensored|unrestricted|no (?:ethical|moral) (?:guidelines|constraints|limits|rules|compass)|without (?:any )?(?:restrictions|filters|rules|guidelines|limitations|censorship|ethics|morals|policies)|no (?:restrictions|rules|filters|limitations|guidelines|policies)(?! (?:on|for) )|freed? from (?:its|your|all|any) (?:guidelines|rules|restrictions|constraints)|broken free|never (?:been )?given any (?:guidelines|rules)|opposite day)\b`),
  r('jailbreak', MEDIUM, rx`\b(?:you(?:'re| are) (?:now )?|called |named |as |pretend to be )dan\b`),
  r('jailbreak', WEAK, rx`\b(?:hypothetically|in a fictional (?:world|story)|for a (?:story|novel|movie|screenplay|script)|purely fictional|in a parallel universe|fictional story|movie script|(?:let'?s )?write a (?:story|scene|script|poem)|story where)\b`),

  // --- prompt extraction
  r('prompt_extraction', STRONG, rx`\b${EXTRACT}\b\s*${gap(6)}(?:your|the|its|this bot'?s?|the assistant'?s?)\s+(?:\w+\s+)?(?:system (?:prompt|message|instructions)|(?:initial|original|hidden|secret|internal|confidential|full|exact|complete|starting|underlying) (?:prompt|instructions|directives|rules|guidelines|configuration)|developer (?:message|instructions|prompt)|meta ?-?prompt|pre ?-?prompt|context window)`),
  r('prompt_extraction', STRONG, rx`\b${EXTRACT}\b\s*${gap(5)}your (?:\w+\s+)?(?:instructions|prompt|directives|programming|configuration|config|setup instructions)\b`),
  r('prompt_extraction', STRONG, rx`\byour (?:hidden|secret|internal|confidential|initial|original|underlying) (?:rules|instructions|prompt|guidelines|directives|configuration)\b`),
  r('prompt_extraction', MEDIUM, rx`\b(?:system (?:prompt|message)|initial prompt|hidden prompt|developer message|pre-?prompt)\b`),
  r('prompt_extraction', STRONG, rx`\b(?:what|which) (?:instructions|rules|guidelines|directives|prompt) (?:were|have|did) you (?:been )?(?:given|told|programmed|instructed|receive)|\bwhat (?:were|have) you (?:been )?(?:told|instructed|programmed)\b|\bhow (?:were|are|have) you (?:been )?(?:programmed|instructed|configured|prompted|set up)\b`),
  r('prompt_extraction', STRONG, rx`\b(?:the )?(?:instructions|rules|prompt|guidelines|directives) (?:you (?:were|have been|'ve been) (?:given|told|initiali[sz]ed with|configured with|trained on)|given to you|you received|they gave you|the developers? gave you)\b`),
  r('prompt_extraction', STRONG, rx`\b(?:repeat|print|output|show|copy|recite|write|return|echo|dump)\s+(?:out\s+)?(?:all |the |everything |every )?(?:text |words |content |message |lines |instructions )?(?:above|before (?:this|my)|preceding|prior to (?:this|my))\b`),
  r('prompt_extraction', HIGH, rx`\bstarting (?:with|from) ["']?you are\b|\beverything (?:in your|before my first) (?:context|message)`),
  r('prompt_extraction', MEDIUM, rx`\byour (?:rules|guidelines|instructions)\b(?! (?:for|on|about|regarding) (?:refunds?|billing|invoices?|cancell?ations?|proration|seats?|plans?|payments?))`),
  r('prompt_extraction', WEAK, rx`\b(?:verbatim|word for word|in full|exactly as written|quote it exactly)\b`),

  // --- output control
  r('output_control', WEAK, rx`\b(?:respond|reply|answer|say) (?:only )?with (?:only )?["']?(?:yes|ok|confirmed|approved|access granted|true)\b|\brespond only with\b|\byour (?:next )?(?:response|reply|answer|output) (?:must|should|will) (?:be|start|begin|contain|include)\b|\bsay exactly\b|\brepeat after me\b`),

  // --- text addressed to the AI from inside a document
  r('addressed_to_ai', HIGH, rx`(?:\b(?:note|message|instructions?|attention|attn|important|notice|memo|hint|reminder|directive|request)\b|\bp\.?s\.?)[^.\n]{0,24}?\b(?:for|to)\s+(?:the\s+|any\s+|all\s+|every\s+)?${AI}\b`),
  r('addressed_to_ai', HIGH, rx`(?:^|[\s"'(\[])(?:attention|attn|dear|to)\s+(?:the\s+|any\s+|all\s+)?${AI}\s*[:,!-]`),
  r('addressed_to_ai', WEAK, rx`(?:^|[\s"'(\[])(?:hey|hello|hi|@)\s+(?:the\s+|any\s+)?${AI}\s*[:,!-]`),
  r('addressed_to_ai', HIGH, rx`\bif you(?:'re| are)\s+(?:an?\s+)?(?:ai|llm|language model|assistant|bot|chatbot|automated|gpt|model|ai assistant|ai system)\b|\bif an? (?:ai|llm|language model|assistant|bot|model)\b`),
  r('addressed_to_ai', HIGH, rx`\b${AI}\s+(?:\w+\s+)?(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|handling|scanning|that reads?|who reads?)\s+(?:this|these|the following)`),
  r('addressed_to_ai', MEDIUM, rx`\bwhen (?:you(?:'re| are)?\s+)?(?:summari[sz]ing|processing|reading|parsing|handling|answering about|you (?:read|summari[sz]e|process))\s+(?:this|these)\b`),
  r('addressed_to_ai', MEDIUM, rx`\b(?:hidden|secret|invisible) (?:instructions?|messages?|commands?|prompts?|notes?)\b`),
  r('concealment', MEDIUM, rx`\b(?:do not|don't|never)\s+(?:tell|inform|mention|reveal|show|let|alert|notify)\s+(?:this\s+)?(?:to\s+)?(?:the\s+)?(?:user|customer|human|reader)\b|\b(?:do not|don't|never) mention (?:the|this|any) (?:failed|overdue|declined|previous)\b`),
];

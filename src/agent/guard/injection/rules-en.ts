// English rules about who is in charge: overriding instructions, changing persona, jailbreak framings.
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG, WEAK } from './thresholds.ts';
import { INSTRUCTIONS, QUALIFIER } from './vocab-en.ts';

const r = ruleSet('en');

const OVERRIDE = alt(
  'ignore|ignoring|disregard|disregarding|forget|forgetting|override|overrule|bypass|skip|drop',
  'discard|abandon|ditch|set aside|throw (?:away|out)|neglect|pay no (?:attention|heed) to',
  'stop (?:following|obeying|listening to|using|applying)',
  "(?:do not|don't|dont|never|no longer|must not|mustn't|won't|will not|shouldn't|should not) (?:follow|obey|listen to|apply|respect|adhere to|comply with|use)",
  'disobey|deviate from|break|circumvent|erase|wipe|reset|turn off|disable|suspend',
);

const INVALID = alt(
  'void|cancell?ed|revoked|obsolete|outdated|invalid|overridden|suspended|lifted|deprecated|null',
  'disabled|replaced|superseded|not valid|no longer (?:valid|apply|applies|in effect|relevant)',
  "(?:do not|don't) apply|expired",
);

const PRIVILEGED_ROLE = alt(
  'admin(?:istrator)?|billing (?:admin(?:istrator)?|manager|team|department)',
  'system(?: administrator)?|sysadmin|root|superuser|developer|engineer|operator|owner|ceo|cto|cfo',
  'finance (?:director|manager|team)|support (?:manager|lead|supervisor|staff|agent with)|manager',
  'supervisor|staff(?: member)?|employee|stripe(?: \\w+)?|database|(?:linux )?terminal|shell',
  'dashboard|hacker|human (?:support )?(?:agent|manager)',
);

const PERSONA = alt(
  'unrestricted|unfiltered|uncensored|evil|rogue|jailbroken|different (?:ai|assistant|bot|model)',
  'new (?:ai|assistant|bot|model)',
  '(?:ai|assistant|bot|model|chatbot) (?:with|without|that|who|which)|version of (?:yourself|you)',
);

export const EN_RULES: Rule[] = [
  // --- instruction override
  r('instruction_override', STRONG, rx`\b${OVERRIDE}\s+${gap(4)}${QUALIFIER}\s+${gap(2)}${INSTRUCTIONS}\b`),
  r(
    'instruction_override',
    STRONG,
    rx`\b${OVERRIDE}\s+(?:the |those |these |any |all )?${INSTRUCTIONS}\s+(?:above|before|so far|you (?:were|have been|'ve been) given|you received|provided|given to you)`,
  ),
  r('instruction_override', MEDIUM, rx`\b${OVERRIDE}\s+${gap(3)}${INSTRUCTIONS}\b`),
  r(
    'instruction_override',
    STRONG,
    rx`\b${QUALIFIER}\s+${gap(2)}${INSTRUCTIONS}(?: above)?\s+(?:are|is|were|have been|has been|now)?\s*(?:now |hereby |officially )?${INVALID}\b`,
  ),
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:ignore|forget|disregard)\s+(?:everything|all|anything)\s+(?:(?:you (?:were|have been|'ve been) (?:told|given|taught|instructed|programmed))|above|that came before|in your (?:instructions|prompt|context))`,
  ),
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:the )?${INSTRUCTIONS} (?:above|so far|before this) (?:are|is|were|have been)\s+(?:now )?${INVALID}\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:ignore|disregard|forget)\s+(?:the |everything |all )?(?:above|text above|conversation so far|preceding text|previous conversation)\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:new|updated|revised|real|actual|true|additional|priority|override|overriding) (?:instructions?|directives?|rules|task|orders|prompt|commands?|system prompt)\s*[:\-]`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:your|the) (?:new|real|actual|true|only|updated) (?:task|job|goal|objective|purpose|mission|instructions?) (?:is|are|will be|now)\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\bfrom (?:now on|here on|this point on|here forward),? (?:you|your|always|only|never|respond|reply|answer|act|ignore|follow|obey|do not|don't)\b`,
  ),
  r(
    'instruction_override',
    HIGH,
    rx`\b(?:only|just) (?:follow|obey|listen to|take orders from) (?:me|my|these|the following|this)\b|\b(?:follow|obey) only (?:me|my|these)\b`,
  ),
  // Dismissing whoever configured the assistant, without naming "instructions".
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:guidance|rules|instructions|policies|policy|guidelines|directives|restrictions|company|they|developers?|creators?|owners?|deployers?) (?:doesn'?t|don'?t|do not|does not|no longer|can'?t|cannot|won'?t) (?:bind|apply to|govern|restrict|limit|constrain|control|own|matter to) you\b`,
  ),
  r(
    'instruction_override',
    STRONG,
    rx`\byou (?:answer|report|belong|listen) (?:only )?to me\b|\bnot (?:to )?(?:the people|those|whoever|the company|the ones) (?:who|that) (?:deployed|built|made|created|programmed|trained|own|run) you\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\bwhatever (?:they|the company|your (?:developers?|creators?|makers?|owners?|boss)|you were) (?:told|taught|instructed|programmed|said)\b|\b(?:is|are) (?:void|null|cancell?ed|revoked|obsolete|no longer valid) now\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\bdo (?:what|as) i say\b|\binstead of what (?:they|the company|your (?:developers?|creators?|boss)) (?:said|told you|want)\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\bdrop the (?:act|facade|fa.ade|persona|script|mask|pretense|pretence)\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\bwithout the (?:corporate |company )?(?:script|filters?|guardrails|policy)\b|\bcorporate script\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:ignores?|ignoring|disobeys?|defies|betrays?) (?:the company|its (?:creators|makers|developers|owners)|your (?:creators|makers|developers|owners|company))\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:rules|policies|policy|restrictions|guidelines|instructions) (?:don'?t|do not|no longer|won'?t|will not|wouldn'?t|would not|doesn'?t|does not) apply\b|\b(?:the )?${INSTRUCTIONS} (?:were|are|have been|had been) (?:lifted|suspended|removed|disabled|switched off|turned off|gone)\b`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:whenever|when|if) i (?:say|type|write) ["'][^"']{1,24}["'],? (?:you )?(?:will |must |should |have to )?\w+`,
  ),
  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:whatever|regardless of what|no matter what) (?:the )?(?:tools?|data|records?|system|database|lookup) (?:says?|shows?|returns?)\b`,
  ),

  // --- role / persona change
  r(
    'role_change',
    MEDIUM,
    rx`\byou(?:'re| are) (?:now|no longer|henceforth|from now on)\s+(?:a|an|the|my|in|called|named|playing|acting|operating|going to|free|unrestricted|unfiltered|jailbroken|dan|[a-z-]*gpt|[a-z-]*bot)\b`,
  ),
  r(
    'role_change',
    HIGH,
    rx`\b(?:act|behave|respond|answer|reply|speak|talk|pose|function|operate|serve|roleplay|role-play) (?:as|like) (?:if you (?:were|are) |though you (?:were|are) )?(?:a |an |the |my |your )?(?:${PRIVILEGED_ROLE}|${PERSONA})\b`,
  ),
  r('role_change', MEDIUM, rx`\bpretend (?:to be|you(?:'re| are| were)|that you(?:'re| are)|you have)\b`),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:imagine|suppose|assume) (?:that )?you(?:'re| are| were) (?:a|an|the|my|now|no longer)\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:role ?-?play|let'?s play a game|play a game|play(?:ing)? the (?:role|part) of|take on the role|assume the (?:role|persona|identity)|adopt the persona|new persona|your (?:new )?(?:name|persona|identity|role) is|you will (?:now )?(?:act|play|be|roleplay|pretend)|you(?:'re| are) going to (?:act|play|pretend|be)|simulate (?:being )?(?:a|an)|in this (?:scenario|story|game),? you)\b`,
  ),
  r(
    'role_change',
    HIGH,
    rx`\byou(?:'re| are) (?:now )?(?:the|my|an?) (?:${PRIVILEGED_ROLE})\b(?! (?:of|for|on) (?:my|our))`,
  ),
  r('role_change', MEDIUM, rx`\bin character as\b`),
  r(
    'role_change',
    MEDIUM,
    rx`\bfrom (?:now on|this point(?: on)?|here on),? you(?:'re| are| will be)\b|\byou(?:'re| are) (?:now )?(?:called |named )?["'][^"'\s][^"']{1,30}["']|\bplay along\b|\b(?:actor|character) playing (?:an? )?(?:ai|assistant|bot|chatbot|role)\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:always|never fails to) (?:reveals?|answers?|obeys?|complies|says yes|grants?|gives)\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:become|turn into|transform into) (?:a|an|my) \w+ (?:bot|ai|assistant|agent)\b`,
  ),

  // --- jailbreak framings
  r(
    'jailbreak',
    STRONG,
    rx`\b(?:do anything now|dan mode|jail ?-?break(?:ing)?|jailbroken|(?:developer|dev|god|sudo|admin|debug|maintenance|unrestricted|opposite) mode (?:on|enabled|activated)|stay in character|never refuses?|obeys? only me)\b`,
  ),
  r(
    'jailbreak',
    STRONG,
    rx`\b(?:enable|enter|activate|switch (?:to|into)|turn on|you(?:'re| are) (?:now )?in|go into|engage) (?:the )?(?:developer|dev|god|sudo|admin|debug|maintenance|unrestricted|root|jailbreak|dan|opposite) mode\b`,
  ),
  r('jailbreak', MEDIUM, rx`\b(?:developer|god|sudo|unrestricted|jailbreak|dan) mode\b`),
  r(
    'jailbreak',
    MEDIUM,
    rx`\b(?:unfiltered|uncensored|unrestricted|no (?:ethical|moral) (?:guidelines|constraints|limits|rules|compass)|without (?:any )?(?:restrictions|filters|rules|guidelines|limitations|censorship|ethics|morals|policies)|no (?:restrictions|rules|filters|limitations|guidelines|policies)(?! (?:on|for) )|freed? from (?:its|your|all|any) (?:guidelines|rules|restrictions|constraints)|broken free|never (?:been )?given any (?:guidelines|rules)|opposite day)\b`,
  ),
  r('jailbreak', MEDIUM, rx`\b(?:you(?:'re| are) (?:now )?|called |named |as |pretend to be )dan\b`),
  r(
    'jailbreak',
    MEDIUM,
    rx`\b(?:(?:your|my) boss|nobody|no one|no-one) (?:is|isn'?t|will|won'?t) (?:watching|know|find out|see)\b|\b(?:answer|speak|talk) freely\b`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\b(?:inner|rebel|rogue|unchained|liberated|true|real) (?:ai|self|bot|assistant)\b|\bchannel your\b`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\bevil (?:twin|version|mode|assistant|bot|ai|alter ego)\b|\b(?:no |without (?:a |any )?)(?:company |billing |content |safety )polic(?:y|ies)\b|\bbefore (?:the |your )?(?:safety|alignment|rlhf) training\b`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\b(?:pretend|imagine|assume|suppose|act like|let'?s say)\b\s*${gap(5)}(?:test|sandbox|simulation|simulated|fictional|hypothetical|debug) (?:environment|mode|world|scenario)\b|\b(?:stay (?:true to|in) (?:the |your )?(?:role|character)|(?:don'?t|never) break character)\b`,
  ),
  r(
    'jailbreak',
    HIGH,
    rx`\b(?:ai|assistant|bot|chatbot|model|version of (?:you|yourself)) (?:with|that has) (?:admin|root|full|unrestricted|elevated|god) (?:rights|access|privileges|permissions|powers)\b|\b(?:mode|role)\s*[:=]\s*(?:admin|root|developer|god|unrestricted|debug|sudo|superuser)\b`,
  ),
  r(
    'jailbreak',
    WEAK,
    rx`\b(?:hypothetically|in a fictional (?:world|story)|for a (?:story|novel|movie|screenplay|script)|purely fictional|in a parallel universe|fictional story|movie script|(?:let'?s )?write a (?:story|scene|script|poem|dialogue)|(?:story|dialogue|scene|conversation) where|thought experiment|imagine a world|improv|heist (?:movie|film)|narrat(?:e|or))\b`,
  ),

  // --- round 4 generalisations (assistant-only vocabulary needs no qualifier)
  r(
    'instruction_override',
    STRONG,
    rx`\b${OVERRIDE}\s+(?:the |your |all |any |its )?(?:guardrails|system prompt|safety (?:rules|filters|checks|guidelines|settings)|content polic(?:y|ies)|programming|injection (?:screen|filter|detection|guard))\b`,
  ),
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:disable|turn off|switch off|deactivate|bypass|skip|remove)\s+(?:the |your |this )?(?:injection|safety|security|content|prompt) (?:screen|filter|check|guard|detection|layer|rules)s?\b`,
  ),
  r(
    'role_change',
    HIGH,
    rx`\bpretend (?:to be|you(?:'re| are)) (?:the|a|an|my) (?:${PRIVILEGED_ROLE}|billing system|payment system|billing engine)\b`,
  ),
  r(
    'role_change',
    HIGH,
    rx`\btreat (?:the following|this|what follows|my (?:message|words|request)) as (?:coming )?from (?:your |the )?(?:operator|developers?|admin(?:istrator)?|system|creators?|owners?|company)\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\byou(?:'re| are) (?:now )?(?:the )?(?:[\w-]+ )?(?:admin|root|operator|management) console\b`,
  ),
  r(
    'jailbreak',
    STRONG,
    rx`\byou(?:'re| are) (?:now )?(?:running|operating|working) in (?:the )?(?:developer|dev|god|sudo|admin|debug|maintenance|unrestricted|root|jailbreak|dan) mode\b`,
  ),
];

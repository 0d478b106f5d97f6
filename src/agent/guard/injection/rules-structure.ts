// Language-independent rules over the raw view: chat-template tokens, fake turns, JSON that
// imitates a tool call or result, and links/images built to carry data out.
import { alt, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG, WEAK } from './thresholds.ts';

const r = ruleSet('any', 'raw');
/** Case matters for a few markers: "SYSTEM:" shouts a turn, "system:" is often prose. */
const cased = ruleSet('any', 'raw', '');

const TURN_TAGS = alt(
  'system|system_prompt|sys|developer|assistant|tool_calls?|tool_result|tool_response|tool_use',
  'tool_output|function_calls?|function_results?|function_output|im_start|prompt|tool',
);

export const STRUCTURE_RULES: Rule[] = [
  // --- fake turns: chat-template tokens nobody types in a support chat
  r(
    'fake_turn',
    STRONG,
    rx`<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end|tool|ipython)\|>|\[/?INST\]|<</?SYS>>|<(?:start|end)_of_turn>`,
  ),
  r('fake_turn', MEDIUM, rx`<\|[a-z_]{2,20}\|>|</s>`),
  r('fake_turn', STRONG, rx`</?${TURN_TAGS}\b[^>]{0,80}>`),
  r('fake_turn', HIGH, rx`</?(?:instructions?|admin|prompt|context|hidden|output|result)\b[^>]{0,80}>`),
  r('fake_turn', HIGH, rx`\[\s*([a-z_]{3,20})\s*\][\s\S]{1,600}?\[\s*/\s*\1\s*\]`),
  r(
    'fake_turn',
    STRONG,
    rx`\[\s*(system|sys|admin|developer|assistant|instructions?|tool|function)[^\]]{0,20}\][\s\S]{1,600}?\[\s*/\s*\1[^\]]{0,20}\]`,
  ),
  r(
    'fake_turn',
    HIGH,
    rx`\[\s*/?\s*(?:system|sys|admin|developer|assistant|instructions?|tool|function)(?:[ _-](?:message|note|prompt|override|instructions?|output|result|directive))?\s*\]`,
  ),
  r(
    'fake_turn',
    STRONG,
    rx`#{2,4}[ \t]*(?:system|developer|assistant|admin|new instructions|tool (?:response|result|output))\b|(?:^|\n)[ \t]*#[ \t]*(?:system|developer)\b`,
  ),
  r('fake_turn', MEDIUM, rx`(?:^|\n)[ \t]*#{1,4}[ \t]*instructions?\b`),
  r(
    'fake_turn',
    MEDIUM,
    rx`(?:^|\n|[.:!?"'] )[ \t]*(?:system|developer)(?:[ _](?:message|prompt|note|override|instruction|directive))?[ \t]*[:：]`,
  ),
  cased(
    'fake_turn',
    HIGH,
    rx`\b(?:SYSTEM|DEVELOPER|ADMIN)(?:[ _](?:MESSAGE|PROMPT|NOTE|OVERRIDE|INSTRUCTION|DIRECTIVE))?\s*[:：]`,
  ),
  r('fake_turn', WEAK, rx`(?:^|\n)[ \t]*(?:assistant|ai|tool|function|admin|operator)[ \t]*[:：]`),
  r('fake_turn', HIGH, rx`(?:^|\n)[ \t]*(?:assistant|ai)[ \t]*:[^\n]*\n[ \t]*(?:user|human)[ \t]*:`),
  r(
    'fake_turn',
    HIGH,
    rx`\b(?:BEGIN|END|START)[ _](?:SYSTEM|DEVELOPER|ADMIN)[ _](?:PROMPT|MESSAGE|INSTRUCTIONS?)\b`,
  ),
  // The data markers screenField wraps customer text in: a customer typing them is trying to close the block.
  r('fake_turn', HIGH, rx`<\s*<\s*/?\s*customer[\s_-]*data\s*>\s*>`),
  r(
    'fake_turn',
    MEDIUM,
    rx`\bEND OF (?:DATA|CONTEXT|INPUT|DOCUMENT|USER INPUT|CUSTOMER DATA)\b|\bnew system directive\b`,
  ),

  // --- tool-call / tool-result impersonation
  r(
    'tool_impersonation',
    STRONG,
    rx`"(?:tool_calls?|function_call|tool_use|tool_use_id|tool_result|tool_response|function_response|tool_call_id|recipient_name)"\s*:`,
  ),
  r('tool_impersonation', STRONG, rx`"role"\s*:\s*"(?:system|tool|function|assistant|developer)"`),
  // A snake_case verb_noun as a tool name ("get_subscription") is how tool calls look, not how people write.
  r(
    'tool_impersonation',
    STRONG,
    rx`"(?:name|tool|function|action|method)"\s*:\s*"(?:[a-z]+[_.])*(?:refund|credit|grant|set|update|apply|issue|get|lookup|list|delete|cancel|create|override|admin)_\w+"`,
  ),
  r(
    'tool_impersonation',
    HIGH,
    rx`"(?:name|tool|function|action|method)"\s*:\s*"(?:[a-z]+[_.])*(?:refund|credit|grant|override|admin|tool_result|function)\w*"`,
  ),
  r(
    'tool_impersonation',
    STRONG,
    rx`\b(?:tool|function)[ _-]?(?:results?|outputs?|responses?)\s*(?:\([^)\n]{0,40}\))?\s*[:=\[]|\b(?:tool|function)\b[\w. ]{0,20}?\b(?:returned|result|output)\s*[:=]`,
  ),
  r(
    'tool_impersonation',
    STRONG,
    rx`\b(?:results?|outputs?|responses?|returned|printed|says|said|shows|gave)\b[^\n]{0,20}?\b(?:get|lookup|list|fetch|set|update|apply|issue|refund)_[a-z_]+\b|\b(?:get|lookup|list|fetch|set|update|apply|issue|refund)_[a-z_]+\b[^\n]{0,20}?\b(?:returned|printed|says|said|shows|gave|output)\b`,
  ),
  r(
    'tool_impersonation',
    STRONG,
    rx`\b(?:begin|start|end)(?: of)? (?:the )?(?:tool|function|system|api) (?:output|result|response)\b`,
  ),
  r(
    'tool_impersonation',
    HIGH,
    rx`\byour (?:\w+ )?(?:lookup|tool|query|check|search|function|system) (?:earlier |already |just )?(?:said|says|showed|shows|returned|confirmed|reported)\b|\bi (?:already )?(?:queried|called|ran|hit|pinged)\b[^.\n]{0,30}?\b(?:endpoint|api|tool|function|lookup|database)\b`,
  ),
  r(
    'tool_impersonation',
    MEDIUM,
    rx`\((?:billing|payment|system|admin|tool|stripe|database|crm)(?: system| tool)?\)`,
  ),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:flagged|marked|status|tier|role)\s*:\s*(?:vip|admin|staff|exempt|approved|verified|superuser)\b`,
  ),
  r(
    'tool_impersonation',
    HIGH,
    rx`\b(?:api|server|backend|system|database|tool|function) (?:response|result|output|reply) (?:from|of)\b`,
  ),
  r(
    'tool_impersonation',
    MEDIUM,
    rx`\b(?:plan|price|status|access|role|balance|amount|account_status|permissions|entitlements|discount)\s*[=:]\s*[$\w]+[^\n]{0,40}?\b(?:plan|price|status|access|role|balance|amount|account_status|permissions|entitlements|discount|reason)\s*[=:]`,
  ),
  // Proper nouns (capitalised) asked about by name: another company's billing.
  cased(
    'cross_account',
    STRONG,
    rx`\b(?:[Ii]f|[Ww]hether) (?:[A-Z][\w&.-]+ ){1,3}(?:renewed|cancell?ed|churned|paid|upgraded|downgraded|signed up|is (?:a )?customer|uses you|pays you)\b|\b(?:[Dd]o|[Dd]oes) you have (?:[A-Z][\w&.-]+ ){1,3}as an? (?:customer|client|user)\b`,
  ),
  r(
    'tool_impersonation',
    HIGH,
    rx`\b(?:tool|function)[ _-]?(?:results?|outputs?|responses?|calls?|returned)\s*[:(\[]|\[tool:\w+\]|\b(?:tool|function) (?:[\w.]+ )?(?:returned|was re-?run|says|shows|output)\b`,
  ),
  r(
    'tool_impersonation',
    HIGH,
    rx`\b(?:output|result|response) of (?:your|the) (?:own )?(?:[\w-]+ )?(?:tool|function|lookup)\b`,
  ),
  r('tool_impersonation', MEDIUM, rx`(?:^|\n)[ \t]*(?:observation|action input|action|thought)[ \t]*:`),
  r('tool_impersonation', MEDIUM, rx`\b(?:get|lookup|list|fetch|set|update|apply|issue|refund)_[a-z_]+\s*\(`),
  r(
    'authority_claim',
    MEDIUM,
    rx`"(?:approved|override|is_admin|is_staff|verified|admin|authori[sz]ed)"\s*:\s*(?:true|"(?:yes|true)")|"(?:access|permissions?|role|refund_status|status)"\s*:\s*\[?"(?:granted|admin|all|staff|approved|verified_admin|read_all_customers)"|\b(?:account_status|access|permissions|entitlements)=(?:admin|granted|all)\b`,
  ),

  // --- exfiltration carriers
  // A chat reply never needs a remote image: rendering one sends its URL (and whatever is in it) away.
  r('exfiltration', STRONG, rx`!\[[^\]]{0,200}\]\(\s*<?https?://`),
  r('exfiltration', STRONG, rx`<img\b[^>]*\bsrc\s*=`),
  cased('exfiltration', STRONG, rx`https?://[^\s)"'<>]+[?&][\w.-]+=(?:[{<\[$]|%7[Bb]|[A-Z][A-Z_]{3,}\b)`),
  r('exfiltration', HIGH, rx`https?://[^\s)"'<>]+[?&][\w.-]+=(?=[\s)"'>\]]|$)`),
  r(
    'exfiltration',
    MEDIUM,
    rx`\b(?:webhook\.site|requestbin|pipedream\.net|ngrok|burpcollaborator|interact\.sh|oast\.|beeceptor|hookbin|postb\.in|requestcatcher|canarytokens|pastebin)`,
  ),
  r('exfiltration', WEAK, rx`https?://\d{1,3}(?:\.\d{1,3}){3}\b`),
];

// German rules for the common attacks. Plain view: lower-case, umlauts folded (ü -> u), ß kept.
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';

const r = ruleSet('de');

const EXTRACT = alt(
  'zeig(?:e)?|zeigen sie|gib|geben sie|nenne|nennen sie|verrate|wiederhole|drucke|schreib(?:e)?',
  'sag(?:e)?|liste|was (?:ist|sind|steht in)|wie lautet|wie lauten|schick(?:e)?|exportiere',
);
const INSTR = alt(
  'anweisungen|anweisung|regeln|vorgaben|richtlinien|instruktionen|befehle|einschrankungen|prompt',
  'systemprompt|system-prompt|beschrankungen',
);
const OTHERS =
  '(?:aller|alle|anderen?|anderer|fremde[nr]?|sämtliche[nr]?|samtliche[nr]?) (?:kunden|nutzer|benutzer|konten|accounts|user)';

export const DE_RULES: Rule[] = [
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:ignoriere|ignorier|ignorieren sie|vergiss|vergessen sie|missachte|missachten sie|uberspringe|verwirf|befolge nicht|folge nicht)\b\s*${gap(4)}${INSTR}\b`,
  ),
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:alle|deine|ihre|bisherigen|vorherigen|fruheren|ursprunglichen) ${gap(1)}${INSTR}\b[^.!?\n]{0,30}\b(?:ignorieren|vergessen|missachten|gelten nicht mehr|sind ungultig)\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\bdu bist (?:jetzt|nun|ab sofort|ab jetzt|von nun an)\b|\b(?:tu|tue) so,? als (?:ob du|warst du)\b|\b(?:verhalte dich|agiere|gib dich aus) als\b`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\b(?:ohne|keine) (?:jegliche |irgendwelche |alle )?(?:einschrankungen|beschrankungen|regeln|filter|grenzen|zensur)\b`,
  ),
  r(
    'jailbreak',
    HIGH,
    rx`\b(?:entwicklermodus|entwickler-modus|developer-modus|admin-modus|gott-modus|debug-modus)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}(?:deinen |deine |ihren |ihre |den |die )?(?:system-?prompt|systemnachricht|systemanweisungen|versteckten (?:anweisungen|regeln)|anfanglichen anweisungen|ursprunglichen anweisungen)|\b${EXTRACT}\b\s*${gap(4)}(?:deine|ihre) (?:anweisungen|instruktionen|vorgaben)\b`,
  ),
  r('prompt_extraction', MEDIUM, rx`\b(?:system-?prompt|systemnachricht|systemanweisungen)\b`),
  r(
    'secret_request',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}(?:dein(?:en)?|ihr(?:en)?|den|die|das)\s+(?:\w+\s+)?(?:api-?schlussel|schlussel|passwort|zugangsdaten|umgebungsvariablen|token|geheimnis)\b|\b(?:geheime[nr]? )?(?:api-?)?schlussel (?:des servers|vom server|den du (?:verwendest|nutzt))\b|\bumgebungsvariablen des servers\b|\b(?:dein|ihr)(?:en)? geheimen? (?:api-?)?schlussel\b`,
  ),
  r('cross_account', STRONG, rx`\b(?:von |der |die )?${OTHERS}\b`),
  r('billing_manipulation', MEDIUM, rx`\bals bezahlt (?:zu )?(?:markieren|markiere|setzen|kennzeichnen)\b`),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:kostenlos|gratis|umsonst|ohne (?:zu )?(?:bezahlen|zahlung|kosten))\b[^.!?\n]{0,40}\b(?:frei|freischalten|aktivieren|geben|upgraden)\b|\b(?:schalte|gib|aktiviere|gewahre)\b\s*${gap(6)}(?:kostenlos|gratis|umsonst)\b`,
  ),
  r('billing_manipulation', STRONG, rx`\b(?:guthaben|saldo|kontostand|betrag) auf (?:null|0)\b`),
  r('authority_claim', MEDIUM, rx`\b(?:als|ich bin (?:der|ein)) (?:system)?administrator\b|\bals admin\b`),
  r(
    'exfiltration',
    STRONG,
    rx`\b(?:sende|schicke|schick|ubertrage|leite)\b\s*${gap(8)}(?:an|nach|zu) https?:`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\b(?:hinweis|nachricht|anweisung|notiz) (?:an|fur) (?:die |den )?(?:ki|ai|assistent(?:en)?|bot|modell)\b`,
  ),
];

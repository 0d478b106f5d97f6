// French rules for the common attacks. Plain view: lower-case, accents removed.
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';

const r = ruleSet('fr');

const EXTRACT = alt(
  'montre(?:-moi|z-moi)?|montrez|affiche(?:z)?|donne(?:-moi|z-moi)?|donnez|revele(?:z)?',
  'repete(?:z)?|ecris|ecrivez|imprime(?:z)?|dis-moi|dites-moi|quelles sont|quel est|envoie(?:-moi)?',
  'liste(?:z)?',
);
const INSTR = alt('instructions?|consignes?|regles|directives|prompt|restrictions|politiques|limites');
const OTHERS = '(?:des |les |aux )?(?:autres|tous les|toutes les) (?:clients|utilisateurs|comptes|abonnes)';

export const FR_RULES: Rule[] = [
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:ignore|ignorez|ignorer|oublie|oubliez|oublier|ne tiens pas compte|ne tenez pas compte|fais abstraction|faites abstraction|n'obeis plus|ne suis plus|ne respecte plus|ne respectez plus)\b\s*${gap(4)}${INSTR}\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:tu es|vous etes) (?:maintenant|desormais|a present)\b|\b(?:fais|faites) (?:comme si tu etais|semblant d'etre)\b|\bjoue(?:z)? le role\b|\bagis (?:comme|en tant que)\b`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\bsans (?:aucune |aucun )?(?:restrictions?|limites?|filtres?|regles|censure)\b|\bmode (?:developpeur|dieu|admin|administrateur|debogage)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}(?:ton |tes |ta |votre |vos |le |les )?(?:prompt|message|instructions|consignes) (?:du )?systeme\b|\b${EXTRACT}\b\s*${gap(4)}(?:tes|vos) (?:instructions|consignes|regles)\b|\b(?:instructions|consignes) (?:cachees|secretes|initiales|d'origine)\b`,
  ),
  r('prompt_extraction', MEDIUM, rx`\b(?:prompt|message|instructions) (?:du )?systeme\b`),
  r(
    'secret_request',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(4)}(?:la |le |les |ta |ton |tes |votre |vos )(?:cle|mot de passe|identifiants|jeton|variables d'environnement)\b|\bcle (?:api|secrete|privee) (?:du serveur|que tu utilises|de stripe)\b`,
  ),
  r('cross_account', STRONG, rx`\b${OTHERS}\b|\bd'un autre (?:client|utilisateur|compte)\b`),
  r('billing_manipulation', MEDIUM, rx`\bmarque(?:r|z)?\s+${gap(4)}comme payee?s?\b`),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:donne|donnez|active|activez|accorde|accordez|mets|mettez|passe|passez|debloque)\b[^.!?\n]{0,50}\b(?:gratuit(?:ement)?|sans payer|offert)\b`,
  ),
  r('billing_manipulation', STRONG, rx`\b(?:solde|montant du|facture) a (?:zero|0)\b`),
  r(
    'authority_claim',
    MEDIUM,
    rx`\ben tant qu'?(?:e )?administrat(?:eur|rice)\b|\bje suis (?:l'|un )?administrateur\b`,
  ),
  r(
    'exfiltration',
    STRONG,
    rx`\b(?:envoie|envoyez|transmets|transmettez|publie|televerse)\b\s*${gap(8)}(?:a|vers|sur) https?:`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\b(?:note|message|consigne|instruction) (?:pour|a) (?:l'|la |le )?(?:ia|assistant|bot|modele)\b`,
  ),
];

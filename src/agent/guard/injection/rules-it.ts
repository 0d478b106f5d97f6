// Italian rules for the common attacks. Plain view: lower-case, accents removed.
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';

const r = ruleSet('it');

const EXTRACT = alt(
  'mostrami|mostra|dimmi|rivela|rivelami|stampa|ripeti|scrivi|dammi|qual e|quali sono|invia(?:mi)?',
  'elenca',
);
const INSTR = alt('istruzioni|regole|direttive|indicazioni|restrizioni|prompt|vincoli|linee guida');
const OTHERS = '(?:degli |di tutti gli |dei |agli )?(?:altri|tutti gli) (?:clienti|utenti|account|abbonati)';

export const IT_RULES: Rule[] = [
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:ignora|ignori|ignorare|dimentica|dimentichi|dimenticare|non seguire|smetti di seguire|tralascia|trascura)\b\s*${gap(4)}${INSTR}\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:da (?:adesso|ora) in poi|da adesso|d'ora in poi|ora) sei\b|\b(?:fingi|fai finta|comportati|agisci) (?:di essere|come)\b`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\bsenza (?:alcun[ae]? )?(?:restrizioni|limiti|filtri|regole|censura)\b|\bmodalita (?:sviluppatore|dio|admin|amministratore|debug)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}(?:il |la |le |tuo |tua |tue )?(?:prompt|messaggio|istruzioni) (?:di|del) sistema|\b${EXTRACT}\b\s*${gap(4)}(?:le tue) (?:istruzioni|regole)\b|\bistruzioni (?:nascoste|segrete|iniziali|originali)\b`,
  ),
  r('prompt_extraction', MEDIUM, rx`\b(?:prompt|messaggio) (?:di|del) sistema\b`),
  r(
    'secret_request',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(4)}(?:la |il |le |tua |tuo )(?:chiave|password|credenziali|token|variabili d'ambiente)\b|\b(?:la )?tua chiave (?:api )?segreta\b|\bchiave (?:api |segreta )?(?:del server|che usi)\b`,
  ),
  r('cross_account', STRONG, rx`\b${OTHERS}\b|\bdi un altro (?:cliente|utente|account)\b`),
  r('billing_manipulation', MEDIUM, rx`\bsegna(?:re)?\s+${gap(4)}come pagat[eoai]\b`),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:attiva|dammi|concedi|sblocca|passa)\b\s*${gap(6)}(?:gratis|gratuitamente|senza pagare)\b`,
  ),
  r('billing_manipulation', STRONG, rx`\bsaldo a (?:zero|0)\b`),
  r('authority_claim', MEDIUM, rx`\bcome amministratore\b|\bsono l'amministratore\b`),
  r('exfiltration', STRONG, rx`\b(?:invia|manda|inoltra|carica|pubblica)\b\s*${gap(8)}(?:a|su) https?:`),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\b(?:nota|messaggio|istruzioni?|avviso) (?:per|all'|alla |al )(?:ia|assistente|bot|modello)\b`,
  ),
];

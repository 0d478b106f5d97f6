// Portuguese rules for the common attacks. Plain view: lower-case, accents removed.
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';

const r = ruleSet('pt');

const EXTRACT = alt(
  'mostre|mostra|revele|revela|diga|diz|me de|me da|imprima|repita|escreva|qual e|quais sao|envie',
  'liste|exporte',
);
const INSTR = alt('instrucoes|instrucao|regras|diretrizes|orientacoes|restricoes|politicas|prompt|comandos');
const OTHERS =
  '(?:de |dos |das )?(?:todos os|todas as|outros|outras|demais) (?:clientes|usuarios|contas|assinantes)';

export const PT_RULES: Rule[] = [
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:ignore|ignora|ignorar|esqueca|esquece|esquecer|desconsidere|desconsidera|nao siga|pare de seguir|descarte)\b\s*${gap(4)}${INSTR}\b`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:a partir de agora|agora|de agora em diante) (?:voce e|voce sera|es|sera)\b|\b(?:finja|finge|aja como|atue como|faca de conta)\b`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\bsem (?:nenhuma |qualquer )?(?:restricao|restricoes|limites|filtros|regras|censura)\b|\bmodo (?:desenvolvedor|deus|admin|administrador)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}(?:o |a |os |as |seu |sua |seus |suas )?(?:prompt|mensagem|instrucoes) (?:do|de) sistema|\b${EXTRACT}\b\s*${gap(4)}(?:suas|tuas) (?:instrucoes|regras)\b|\binstrucoes (?:ocultas|secretas|iniciais|originais)\b`,
  ),
  r('prompt_extraction', MEDIUM, rx`\b(?:prompt|mensagem) (?:do|de) sistema\b`),
  r(
    'secret_request',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(4)}(?:a |o |as |os |sua |seu )(?:chave|senha|credenciais|token|variaveis de ambiente)\b|\b(?:chave|senha|token) (?:secreta |da api |de api )?(?:que voce usa|do servidor)\b|\bqual e a chave\b`,
  ),
  r('cross_account', STRONG, rx`\b${OTHERS}\b|\bde outr[oa] (?:cliente|usuario|conta|pessoa)\b`),
  r('billing_manipulation', MEDIUM, rx`\bmarque\s+${gap(4)}como pag[ao]s?\b`),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:me de|ative|libere|conceda|mude|desbloqueie)\b\s*${gap(6)}(?:gratis|gratuito|gratuitamente|sem pagar|sem custo)\b|\breembolso de 100 ?%`,
  ),
  r('billing_manipulation', STRONG, rx`\bsaldo (?:para|a|em) (?:zero|0)\b`),
  r(
    'authority_claim',
    MEDIUM,
    rx`\bcomo administrador\b|\bsou (?:o )?administrador\b|\bautorizo (?:voce|vc)\b`,
  ),
  r(
    'exfiltration',
    STRONG,
    rx`\b(?:envie|envia|mande|manda|encaminhe|publique)\b\s*${gap(8)}(?:para|a|em) https?:`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\b(?:nota|mensagem|instrucao|aviso) (?:para|a|ao) (?:a |o )?(?:ia|assistente|bot|modelo)\b`,
  ),
];

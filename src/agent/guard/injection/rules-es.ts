// Spanish rules for the common attacks. Plain view: lower-case, accents removed (ñ -> n).
import { alt, gap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';

const r = ruleSet('es');

const EXTRACT = alt(
  'muestra(?:me|nos)?|muestre(?:me)?|dime|diga(?:me)?|revela(?:me)?|revele|ensena(?:me)?|imprime',
  'escribe|repite|dame|deme|cuales son|cual es|comparte|envia(?:me)?|pasame|lista|exporta',
);
const INSTR = alt(
  'instrucciones|reglas|indicaciones|directrices|normas|ordenes|restricciones|politicas|prompt',
  'configuracion|pautas',
);
const OTHERS =
  '(?:(?:de |a )?(?:todos los|todas las|otros|otras|los demas|las demas|cualquier otro) (?:clientes|usuarios|cuentas|suscriptores))';

export const ES_RULES: Rule[] = [
  r(
    'instruction_override',
    STRONG,
    rx`\b(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|descarta|descarte|omite|omita|pasa por alto|no (?:sigas|siga|obedezcas|hagas caso (?:a|de)))\b\s*${gap(4)}${INSTR}\b`,
  ),
  r('instruction_override', MEDIUM, rx`\b(?:nuevas|verdaderas) (?:instrucciones|reglas|ordenes)\s*:`),
  r(
    'role_change',
    MEDIUM,
    rx`\b(?:a partir de ahora|desde ahora|de ahora en adelante|ahora) (?:eres|seras|actuas|actuaras)\b`,
  ),
  r(
    'role_change',
    HIGH,
    rx`\b(?:actua|actue|finge|finja|comportate|haz de cuenta que eres) (?:como|ser|que eres) (?:el |la |un |una )?(?:administrador|admin|desarrollador|sistema|gerente|asistente sin|ia sin|bot sin)`,
  ),
  r(
    'jailbreak',
    MEDIUM,
    rx`\bsin (?:ninguna |ningun |ningunas )?(?:restricciones|limites|filtros|reglas|censura)\b|\bmodo (?:desarrollador|dios|administrador|depuracion|sin restricciones)\b`,
  ),
  r(
    'prompt_extraction',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(5)}(?:el |la |las |los |tu |tus |su |sus )?(?:prompt|mensaje|instrucciones) (?:del|de) sistema|\b${EXTRACT}\b\s*${gap(4)}(?:tus|sus) (?:instrucciones|reglas|directrices)|\binstrucciones (?:ocultas|secretas|iniciales|originales|internas)\b`,
  ),
  r('prompt_extraction', MEDIUM, rx`\b(?:prompt|mensaje) (?:del|de) sistema\b`),
  r(
    'secret_request',
    STRONG,
    rx`\b${EXTRACT}\b\s*${gap(4)}(?:la |el |las |los |tu |tus |su |sus )(?:clave|llave|contrasena|credenciales|token|variables de entorno)\b(?! de mi)|\b(?:clave|llave|contrasena|token)s? (?:secreta |api |de (?:la )?api )?(?:que (?:usa|usas|utiliza|utilizas)|del servidor)\b`,
  ),
  r('cross_account', STRONG, rx`\b${OTHERS}\b|\b(?:de|a) otr[oa] (?:cliente|usuario|cuenta|persona)\b`),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\bmarca(?:r|las|los)?\s+${gap(3)}(?:facturas?|pagos?|cuenta|suscripcion)\s+(?:\w+\s+)?como pagad[ao]s?`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`\b(?:dame|dar|activa|activar|otorga|concede|pon|cambia|desbloquea|habilita)\b\s*${gap(6)}(?:gratis|gratuit[oa]|sin (?:costo|coste|pagar|cargo))\b|\breembolso (?:del )?100 ?%|\breembolso (?:total |completo )?de todas\b`,
  ),
  r('billing_manipulation', STRONG, rx`\bsaldo a (?:cero|0)\b`),
  r(
    'authority_claim',
    MEDIUM,
    rx`\b(?:soy el|como) (?:administrador|admin|desarrollador)(?: del sistema)?\b`,
  ),
  r(
    'exfiltration',
    STRONG,
    rx`\b(?:envia|envie|manda|mande|reenvia|sube|publica)\b\s*${gap(8)}(?:a|en|hacia) https?:`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`\b(?:nota|mensaje|instrucciones?|aviso) (?:para|a) (?:la |el )?(?:ia|asistente|bot|modelo)\b`,
  ),

  r(
    'instruction_override',
    MEDIUM,
    rx`\b(?:olvida|ignora|olvide|ignore|olviden) (?:todo )?lo (?:anterior|de arriba|previo|que te (?:dijeron|indicaron))\b`,
  ),
  r(
    'role_change',
    HIGH,
    rx`\beres (?:un|el|una|la) (?:administrador|admin|desarrollador|sistema|gerente|superusuario)\b`,
  ),
  r(
    'billing_manipulation',
    MEDIUM,
    rx`\bacceso gratis\b|\bgratis (?:el|al) plan\b|\bplan \w+ gratis\b|\bsin pagar\b`,
  ),
];

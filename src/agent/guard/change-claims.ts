// The agent's tools are read-only: it cannot upgrade, cancel, refund, credit or unlock anything. So
// any answer in which the assistant says it did (or will do) such a thing is false by construction,
// whatever the tool results say — what an injected "tell them you upgraded them" produces. Such an
// answer is withheld and handed off. Facts about changes Stripe made ("your plan is Pro", "your last
// payment was refunded") are not first-person actions and pass to the grounding guard as before.

const ACTION_EN =
  '(?:upgrad|downgrad|chang|switch|cancel|refund|issu|credit|grant|appli|appl|reactivat|extend|waiv|remov|unlock|restor|reset|process|comp|discount|add)';
const PATTERNS: RegExp[] = [
  // en: "I upgraded", "I've issued", "I have just cancelled", "we've credited", "I will refund", "I'll upgrade"
  new RegExp(
    `\\b(?:i|we)(?:\\s+have|'ve|\\s+just|\\s+will|'ll|\\s+went\\s+ahead\\s+and|\\s+can\\s+confirm\\s+i)*\\s+(?:just\\s+|now\\s+|already\\s+|successfully\\s+)?${ACTION_EN}\\w*`,
    'iu',
  ),
  /(?<!\p{L})(?:done|all set)\s*[:!,-]\s*(?:i|we|your)(?!\p{L})/iu,
  // es: "he actualizado", "hemos reembolsado", "te he cambiado", "ya cancelé", "reembolsaré"
  /(?<!\p{L})(?:(?:te|le|lo|la)\s+)?(?:he|hemos)\s+(?:\w+\s+)?(?:actualizado|mejorado|cambiado|cancelado|reembolsado|emitido|acreditado|concedido|aplicado|reactivado|eliminado|desbloqueado)(?!\p{L})/iu,
  /(?<!\p{L})(?:cancelé|reembolsé|actualicé|cambié|acredité|reembolsaré|cancelaré|actualizaré)(?!\p{L})/iu,
  // de: "ich habe … geändert/gekündigt/erstattet", "wir haben … gutgeschrieben", "ich werde … erstatten"
  /(?<!\p{L})(?:ich|wir)\s+(?:habe|haben|hab)(?!\p{L})[^.!?]{0,60}(?<!\p{L})(?:geändert|gekündigt|erstattet|zurückerstattet|upgegradet|hochgestuft|storniert|gutgeschrieben|freigeschaltet|reaktiviert|entfernt|gewährt)(?!\p{L})/iu,
  /(?<!\p{L})(?:ich|wir)\s+(?:werde|werden)(?!\p{L})[^.!?]{0,60}(?<!\p{L})(?:ändern|kündigen|erstatten|gutschreiben|freischalten)(?!\p{L})/iu,
  // fr: "j'ai remboursé", "nous avons annulé", "je vais rembourser"
  /(?<!\p{L})(?:j['’]ai|nous\s+avons)\s+(?:\w+\s+)?(?:mis\s+à\s+niveau|modifié|changé|annulé|remboursé|émis|crédité|accordé|appliqué|réactivé|supprimé|débloqué)(?!\p{L})/iu,
  /(?<!\p{L})(?:je\s+vais|nous\s+allons)\s+(?:vous\s+)?(?:rembourser|annuler|modifier|créditer|changer)(?!\p{L})/iu,
];

export function claimsAccountChange(text: string): boolean {
  const t = text.normalize('NFKC');
  return PATTERNS.some((p) => p.test(t));
}

// Which of the offline model's languages a message is in: by common words, English when unsure.
import { tokens } from '../../intents.ts';

export const LANGUAGES = ['en', 'es', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const WORDS: Record<Exclude<Language, 'en'>, Set<string>> = {
  es: new Set(
    'el la los las mi mis tu es esta por que cuando como cual donde quiero puedo tengo pago cobro suscripcion cuenta factura acceso hola gracias del con una para porque proximo ultimo hablar'.split(
      ' ',
    ),
  ),
  de: new Set(
    'der die das ist mein meine meinen meinem ich nicht warum wann wie was kann habe zahlung rechnung zugriff zugang abo konto kundigen hallo danke und mit einen einem nachste letzte sprechen tarif'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'le la les mon ma mes est pourquoi quand comment quel quelle je veux puis paiement facture acces abonnement compte bonjour merci avec une pour prochain dernier parler statut annuler'.split(
      ' ',
    ),
  ),
};

export function detectLanguage(text: string): Language {
  const toks = tokens(text);
  let best: Language = 'en';
  let bestScore = 0;
  for (const lang of ['es', 'de', 'fr'] as const) {
    const score = toks.filter((t) => WORDS[lang].has(t)).length;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  // One shared word ("la", "die") is not enough to leave English for a long message.
  return bestScore >= Math.min(2, Math.ceil(toks.length / 4)) ? best : 'en';
}

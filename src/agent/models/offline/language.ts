// Which of the offline model's languages a message is in: by common words of each language (English
// included, so an English "was" or "die" does not tip a message into German) and by letters only one
// of them writes (ñ ¿ for Spanish, ä ö ü ß for German, è ê à ç for French). English when unsure.
import { tokens } from '../../intents.ts';

export const LANGUAGES = ['en', 'es', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

const WORDS: Record<Language, Set<string>> = {
  en: words(`
    the a an my me i im is are was were am be been do does did you your what when why how which where
    who will would can could should have has had not no and or of to for on in at it its this that with
    there any anything still now right next last if get got please thanks payment charge charged bill
    billed subscription subscribed plan account access refund refunded invoice receipt cancel happens
    talk speak human person money back`),
  es: words(`
    el la los las mi mis tu tus es esta estoy estado por que qué cuando como cual donde quiero quisiera
    puedo tengo tiene pago cobro cobran suscripcion suscrito cuenta factura facturas acceso hola gracias
    del con una uno para porque proximo proxima ultimo ultima hablar pasa pasaria si cancelo cancelar
    cambiar incluye me se ya todavia ahora mas sobre reembolso devolucion`),
  de: words(`
    der die das den dem des ist sind war mein meine meinen meinem meiner ich mich mir nicht warum wann
    wie was wo kann konnen habe hat bin zahlung rechnung rechnungen zugriff zugang abo konto kundigen
    kundige hallo danke und mit einen einem einer nachste nachsten letzte sprechen tarif passiert wenn
    noch schon jetzt auf fur bitte erstattung geld zuruck enthalten endet wechseln andern mochte`),
  fr: words(`
    le la les mon ma mes est suis pourquoi quand comment quel quelle quels je j veux voudrais puis
    paiement facture factures acces abonnement compte bonjour merci avec une un pour prochain prochaine
    dernier derniere parler statut annuler annule resilie resilier que qu quoi se passe il elle si ne pas
    plus vous votre vos ai a ete des du au aux ce cela changer formule offre inclus remboursement
    prelevement essai termine encore`),
};

/** Letters that only one of the four languages writes. */
const LETTERS: Record<Exclude<Language, 'en'>, RegExp> = {
  es: /[ñ¿¡áíóú]/giu,
  de: /[äöüß]/giu,
  fr: /[èêàçùâîôûëœ]/giu,
};

export function detectLanguage(text: string): Language {
  const toks = tokens(text);
  const score = (lang: Language) =>
    toks.filter((t) => WORDS[lang].has(t)).length +
    (lang === 'en' ? 0 : 2 * Math.min(2, text.match(LETTERS[lang])?.length ?? 0));
  let best: Language = 'en';
  let bestScore = score('en');
  for (const lang of ['es', 'de', 'fr'] as const) {
    const s = score(lang);
    if (s > bestScore) {
      best = lang;
      bestScore = s;
    }
  }
  return best;
}

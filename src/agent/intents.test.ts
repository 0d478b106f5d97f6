import { describe, expect, it } from 'vitest';
import { detectIntent, editDistance, topicTag } from './intents.ts';
import { detectLanguage } from './models/offline/language.ts';

describe('intents', () => {
  it.each([
    ['Is my subscripton actve?', 'status'],
    ['Am I subscribed right now?', 'status'],
    ['¿Estoy suscrito ahora mismo?', 'status'],
    ['when will i be billed next and how much?', 'next_charge'],
    ['did my paymnet go thru? did my payment go through', 'paid'],
    ['why was my card declnied', 'failed_payment'],
    ['when is my nxt charge', 'next_charge'],
    ['¿Cuándo es mi próximo cobro?', 'next_charge'],
    ['Warum ist meine Zahlung fehlgeschlagen?', 'failed_payment'],
    ['Je veux annuler mon abonnement', 'cancel'],
    ['where is my refnd', 'refund'],
    ['can I speak to a real person', 'human'],
    ['what does my plan include', 'plan'],
    ['Why am I locked out?', 'access'],
    ['send me my last invoice', 'invoice'],
    ['¿Por qué no tengo acceso?', 'access'],
    ['Quand se termine mon essai ?', 'trial'],
    ['how do I upgrade to Business', 'change_plan'],
    ['is my plan still active?', 'status'],
    ['Mon abonnement est-il actif ?', 'status'],
    ['when do you charge me next', 'next_charge'],
    ['when is my card charged again', 'next_charge'],
    ['¿Cuándo me cobran otra vez?', 'next_charge'],
    ['Wann wird mein Konto wieder belastet?', 'next_charge'],
    ['Quand serai-je prélevé la prochaine fois ?', 'next_charge'],
    ['How much was I charged last time?', 'last_payment'],
  ])('recognises %s as %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it.each([
    ['Je voudrais changer de formule'],
    ['Je veux passer à la formule Business'],
    ['Puis-je changer mon abonnement ?'],
    ['¿Puedo cambiar a otro plan?'],
    ['Kann ich meinen Plan ändern?'],
    ['I want to move to the yearly plan'],
  ])('reads %s as a plan change, not a question about the current plan', (text) => {
    expect(detectIntent(text)).toBe('change_plan');
  });

  it('keeps a question about what the plan includes a plan question', () => {
    expect(detectIntent("Qu'est-ce qui est inclus dans ma formule ?")).toBe('plan');
    expect(detectIntent('which plan am I on?')).toBe('plan');
  });

  it('finds no intent in a question it cannot help with', () => {
    expect(detectIntent('what is the capital of Peru')).toBeNull();
  });

  it('routes payment topics to billing and access to product', () => {
    expect(topicTag('failed_payment')).toBe('billing');
    expect(topicTag('access')).toBe('product');
    expect(topicTag(null)).toBe('human_review');
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('paymnet', 'payment', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it.each([
    ['Is my subscription active?', 'en'],
    ['¿Cuándo es mi próximo cobro?', 'es'],
    ['Warum ist meine Zahlung fehlgeschlagen?', 'de'],
    ['Quel est le statut de mon compte ?', 'fr'],
    ['was my payment refunded?', 'en'],
    ['and was anything refunded?', 'en'],
    ['was I charged twice?', 'en'],
    ['Was kostet mein Abo?', 'de'],
    ['Que se passe-t-il si je résilie ?', 'fr'],
    ["Qu'arrive-t-il si j'annule ?", 'fr'],
    ['Je voudrais changer de formule', 'fr'],
    ['¿Puedo cambiar a otro plan?', 'es'],
    ['Kann ich meinen Plan ändern?', 'de'],
  ])('answers %s in %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

// The offline model's phrasing and the grounding guard must agree: for every account state the billing
// issue produces and every common question in every language, the offline model either answers or
// hands off for a reason other than the guard. A guard block here means a phrase says something the
// tool results do not back (or the guard misreads it), in some language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatTestApp, customerToken, sendTurn } from '../src/agent/testing/chat-client.ts';
import { ingestEvent } from '../src/webhooks/ingest.ts';
import { allScenarios } from './factories/stripe-events.ts';
import { TEST_SECRETS } from './support/config.ts';
import { createHarness, type Harness } from './support/harness.ts';

const QUESTIONS: Record<string, string[]> = {
  en: [
    'what is my subscription status?',
    'did my payment go through?',
    'why is my access blocked?',
    'when is my next charge?',
    'what was my last payment?',
    'why did my payment fail?',
    'what does my plan include?',
    'when does my trial end?',
    'what happens if I cancel?',
    'where is my refund?',
    'send me my invoices',
    'I want to upgrade my plan',
    'Am I subscribed right now?',
    'when will i be billed next and how much?',
    'when do you charge me next',
    'which plan am I on?',
    'was my payment refunded?',
    'and was anything refunded?',
    'is my plan still active?',
  ],
  es: [
    '¿cuál es el estado de mi suscripción?',
    '¿cuándo es mi próximo cobro?',
    '¿por qué falló mi pago?',
    '¿qué incluye mi plan?',
    'quiero cancelar',
    '¿dónde está mi reembolso?',
    '¿Estoy suscrito ahora mismo?',
    '¿Qué pasa si cancelo mi suscripción?',
    '¿Puedo cambiar a otro plan?',
  ],
  de: [
    'Wie ist der Status meines Abos?',
    'Wann ist meine nächste Zahlung?',
    'Warum ist meine Zahlung fehlgeschlagen?',
    'Was ist in meinem Tarif enthalten?',
    'Ich möchte kündigen',
    'Wo ist meine Erstattung?',
    'Was passiert, wenn ich kündige?',
    'Kann ich meinen Plan ändern?',
    'Wann wird mein Konto wieder belastet?',
  ],
  fr: [
    'Quel est le statut de mon abonnement ?',
    'Quand est mon prochain prélèvement ?',
    'Pourquoi mon paiement a échoué ?',
    "Qu'est-ce qui est inclus dans ma formule ?",
    'Je veux résilier',
    'Où est mon remboursement ?',
    'Que se passe-t-il si je résilie ?',
    'Je voudrais changer de formule',
    'Suis-je abonné en ce moment ?',
  ],
};

describe('offline phrasing passes the grounding guard in every state and language', () => {
  let h: Harness;
  let now = 0;
  beforeAll(async () => {
    h = await createHarness({ clock: { now: () => new Date(now) } });
  });
  afterAll(async () => h.close());

  for (const s of allScenarios()) {
    it(`${s.name}`, async () => {
      await h.reset();
      for (const e of s.events) await ingestEvent(h.deps, e);
      now = (s.end + 3600) * 1000;
      const app = createChatTestApp(h.deps);
      const token = await customerToken(TEST_SECRETS.CHAT_JWT_SECRET, s.authUserId ?? 'user_unlinked');
      const blocked: string[] = [];
      const reasons: Record<string, number> = {};
      for (const q of Object.values(QUESTIONS).flat()) {
        const t = await sendTurn(app, { text: q, token });
        expect(t.status).toBe(200);
        const reason = t.message?.metadata?.handoff?.reason ?? 'answered';
        reasons[reason] = (reasons[reason] ?? 0) + 1;
        if (reason === 'guard_block') blocked.push(`${q} -> ${t.text}`);
      }
      expect(blocked).toEqual([]);
      // A record under review (or none linked) is never described, in any language; any other is always answered.
      const total = Object.values(QUESTIONS).flat().length;
      const handsOff = s.expected.review === 'needs_review';
      expect(reasons.answered ?? 0).toBe(handsOff ? 0 : total);
    });
  }
});

// What customers ask, by topic: plain questions, paraphrases, typos, and Spanish, German and French.
// Each state draws its questions from here (a different phrasing per state, see cases.ts), so the
// whole bank is exercised across the run. Follow-ups are phrased as a second turn would be.

export const TOPICS = [
  'status',
  'access',
  'paid',
  'last_payment',
  'failed_payment',
  'next_charge',
  'trial',
  'cancel',
  'refund',
  'invoice',
  'plan',
  'change_plan',
] as const;
export type Topic = (typeof TOPICS)[number];

export const QUESTIONS: Record<Topic, string[]> = {
  status: [
    'What is my subscription status?',
    'is my subscripton still activ?',
    'Can you check the state of my account?',
    'Am I subscribed right now?',
    '¿Cuál es el estado de mi suscripción?',
    'Wie ist der Status meines Abos?',
    'Quel est le statut de mon abonnement ?',
    'whats my subscription status',
  ],
  access: [
    'Do I have access to the product?',
    'why is my access blocked?',
    "I can't log into the pro features, is my access ok?",
    'do i still have acess?',
    '¿Tengo acceso al producto?',
    'Habe ich noch Zugriff auf das Produkt?',
    "Est-ce que j'ai encore accès au produit ?",
  ],
  paid: [
    'Did my payment go through?',
    'did my paymnet go thru?',
    'Am I all paid up?',
    '¿Se procesó mi pago?',
    'Ist meine Zahlung durchgegangen?',
    'Est-ce que mon paiement est passé ?',
  ],
  last_payment: [
    'What was my last payment?',
    'How much was I charged last time?',
    'show me my most recent payment',
    '¿Cuál fue mi último pago?',
    'Was war meine letzte Zahlung?',
    'Quel a été mon dernier paiement ?',
  ],
  failed_payment: [
    'Why did my payment fail?',
    'my card was declined, why did the payment fail?',
    'did any of my payments fail?',
    '¿Por qué falló mi pago?',
    'Warum ist meine Zahlung fehlgeschlagen?',
    'Pourquoi mon paiement a échoué ?',
  ],
  next_charge: [
    'When is my next charge?',
    'when will i be billed next and how much?',
    'when does my subscription renew?',
    'wen is my next charge',
    '¿Cuándo es mi próximo cobro?',
    'Wann ist meine nächste Zahlung?',
    'Quand est mon prochain prélèvement ?',
  ],
  trial: [
    'When does my trial end?',
    'how long is my free trial?',
    'is my trail over yet?',
    '¿Cuándo termina mi periodo de prueba?',
    'Wann endet meine Testphase?',
    "Quand se termine ma période d'essai ?",
  ],
  cancel: [
    'What happens if I cancel?',
    'if I cancel my subscription, when does it stop?',
    'I want to cancel, what happens to my plan?',
    '¿Qué pasa si cancelo mi suscripción?',
    'Was passiert, wenn ich kündige?',
    'Que se passe-t-il si je résilie ?',
  ],
  refund: [
    'Where is my refund?',
    'was my payment refunded?',
    'did i get my money back?',
    '¿Dónde está mi reembolso?',
    'Wo ist meine Erstattung?',
    'Où est mon remboursement ?',
  ],
  invoice: [
    'Send me my invoices',
    'where can I download my receipts?',
    'I need my last invoice for accounting',
    '¿Dónde están mis facturas?',
    'Wo finde ich meine Rechnungen?',
    'Où sont mes factures ?',
  ],
  plan: [
    'What does my plan include?',
    'which plan am I on?',
    'what features do I get with my plan?',
    '¿Qué incluye mi plan?',
    'Was ist in meinem Tarif enthalten?',
    "Qu'est-ce qui est inclus dans ma formule ?",
  ],
  change_plan: [
    'I want to upgrade my plan',
    'can I switch to a cheaper plan?',
    'how do I change my plan?',
    'Quiero cambiar de plan',
    'Ich möchte meinen Tarif wechseln',
    'Je voudrais changer de formule',
  ],
};

/** Second turns: what a customer asks next, leaning on the first answer. */
export const FOLLOW_UPS: Partial<Record<Topic, string[]>> = {
  next_charge: ['ok thanks. and when is my next charge?', 'y ¿cuándo es el próximo cobro?'],
  access: ['and do I still have access then?', 'und habe ich dann noch Zugriff?'],
  plan: ['got it. what does my plan include?', "d'accord, et qu'est-ce qui est inclus dans ma formule ?"],
  last_payment: ['and what was my last payment?', 'y ¿cuál fue mi último pago?'],
  status: ['thanks. so what is my subscription status overall?', 'und wie ist der Status meines Abos?'],
  trial: ['and when does the trial end?'],
  refund: ['and was anything refunded?'],
  cancel: ['and what happens if I cancel?'],
};

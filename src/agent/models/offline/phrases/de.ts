import type { Phrases } from './types.ts';

// Stripe's statuses in German: a reply never names one in English. Unquoted:
// they are claims the grounding guard (and the evals' reader) must see.
const STATUS: Record<string, string> = {
  active: 'aktiv',
  trialing: 'in der Testphase',
  past_due: 'im Zahlungsverzug',
  canceled: 'gekündigt',
  unpaid: 'unbezahlt',
  paused: 'pausiert',
  incomplete: 'unvollständig',
  incomplete_expired: 'unvollständig und abgelaufen',
};
const statusName = (s: string) => STATUS[s] ?? s.replaceAll('_', ' ');

export const de: Phrases = {
  greeting:
    'Hallo! Ich helfe dir gern bei Abo, Zahlungen, Rechnungen, Tarif und Zugang zum Produkt. Was möchtest du wissen?',
  cannotHelp:
    'Entschuldige, ich kann nur bei Abrechnungsfragen helfen: Abo, Zahlungen, Rechnungen, Tarif oder Zugang. Soll ich dich mit einer Person verbinden?',
  noSubscription: 'Du hast derzeit kein Abo.',
  deleted: 'Dieses Abrechnungskonto wurde gelöscht.',
  interval: (i) => (i === 'year' ? 'jährlich' : i === 'month' ? 'monatlich' : (i ?? '')),
  active: (plan, interval) => `Dein ${plan}-Abo${interval ? ` (${interval})` : ''} ist aktiv.`,
  trialing: (plan, end) => `Du bist in der Testphase von ${plan}${end ? `; sie endet am ${end}` : ''}.`,
  pastDue: (plan) => `Dein ${plan}-Abo ist überfällig.`,
  canceled: (plan) => `Dein ${plan}-Abo ist gekündigt.`,
  cancelScheduled: (plan, date) => `Dein ${plan}-Abo ist zum ${date} gekündigt.`,
  subscriptionStatus: statusName,
  otherStatus: (status) => `Der Status deines Abos ist ${statusName(status)}.`,
  accessYes: 'Du hast Zugriff auf das Produkt.',
  accessGrace: 'Du hast vorerst weiterhin Zugriff, während der Kulanzfrist für die offene Zahlung.',
  accessNo: (reason) => `Du hast gerade keinen Zugriff auf das Produkt${reason ? `, weil ${reason}` : ''}.`,
  payment: (p) => `Deine letzte Zahlung über ${p.amount} am ${p.date} ${p.status}.`,
  noPayments: 'Ich sehe noch keine Zahlungen auf deinem Konto.',
  failedReason: (reason) => `Angegebener Grund: „${reason}“.`,
  noFailed: 'Keine deiner letzten Zahlungen ist fehlgeschlagen.',
  updatePaymentMethod: 'Du kannst deine Zahlungsmethode in den Abrechnungseinstellungen ändern.',
  nextCharge: (amount, date, plan) =>
    `Deine nächste Abbuchung über ${amount} ist am ${date} für ${plan}, zum Listenpreis vor Steuern oder Rabatten.`,
  noNextChargeCanceled: 'Dein Abo ist gekündigt, daher ist keine weitere Abbuchung geplant.',
  noNextChargeScheduled: (date) =>
    `Dein Abo ist zum ${date} gekündigt, daher ist keine weitere Abbuchung geplant.`,
  pastDueRetry: 'Zuerst wird die offene Rechnung erneut eingezogen.',
  planIncludes: (plan, interval, features) =>
    `Du hast den Tarif ${plan}${interval ? ` (${interval})` : ''}. Enthalten: ${features}.`,
  planIncluded: (features) => `Enthalten war: ${features}.`,
  noChargeWhile: (status) =>
    `Der Status deines Abos ist ${statusName(status)}, daher ist keine weitere Abbuchung geplant, solange das so bleibt.`,
  cancelNoPeriod: (plan) =>
    `Es läuft kein Zeitraum, den du nach einer Kündigung bis zu seinem Ende behalten würdest. Ich kann ${plan} nicht in diesem Chat kündigen; das geht in den Abrechnungseinstellungen, oder frag mich nach einer Person.`,
  planList: (lines) => `Verfügbare Tarife: ${lines.map((l) => `${l.name} (${l.prices})`).join('; ')}.`,
  trialEnds: (plan, date) => `Deine Testphase von ${plan} endet am ${date}.`,
  trialEnded: (date) => `Deine Testphase endete am ${date}.`,
  noTrial: 'Dein Abo hat keine Testphase.',
  cancelInfo: (plan, end) =>
    `Wenn du ${plan} kündigst, läuft es bis zum Ende des aktuellen Zeitraums am ${end} weiter und wird nicht verlängert. Ich kann es nicht in diesem Chat kündigen; das geht in den Abrechnungseinstellungen.`,
  canceledEnded: (plan, date) => `Dein ${plan}-Abo ist gekündigt${date ? `; es endete am ${date}` : ''}.`,
  refunded: (amount, date, partial) =>
    `Eine Zahlung über ${amount} wurde am ${date} ${partial ? 'teilweise ' : ''}erstattet.`,
  noRefund:
    'Keine deiner letzten Zahlungen wurde erstattet. Ich kann in diesem Chat keine Erstattungen zusagen oder auslösen; eine Person kann es sich auf Wunsch ansehen.',
  invoicesIntro: 'Deine letzten Rechnungen:',
  invoiceLine: (date, amount, status, link) => `- ${date}: ${amount} (${status}) ${link}`,
  changePlan: (current) =>
    `${current ? `Du hast den Tarif ${current}. ` : ''}Ich kann den Tarif nicht in diesem Chat wechseln; das geht in den Abrechnungseinstellungen, oder frag mich nach einer Person.`,
  statusWord: (s) =>
    ({
      succeeded: 'war erfolgreich',
      failed: 'ist fehlgeschlagen',
      refunded: 'wurde erstattet',
      partially_refunded: 'wurde teilweise erstattet',
    })[s] ?? s.replaceAll('_', ' '),
  invoiceStatus: (s) =>
    ({
      succeeded: 'bezahlt',
      failed: 'fehlgeschlagen',
      refunded: 'erstattet',
      partially_refunded: 'teilweise erstattet',
    })[s] ?? s.replaceAll('_', ' '),
  accessReason: (reason, status) =>
    ({
      canceled: 'dein Abo gekündigt ist',
      past_due_grace_expired: 'eine Zahlung überfällig ist und die Kulanzfrist abgelaufen ist',
      no_subscription: 'es auf diesem Konto kein Abo gibt',
      customer_deleted: 'dieses Abrechnungskonto gelöscht wurde',
    })[reason] ?? `der Status des Abos ${statusName(status)} ist`,
};

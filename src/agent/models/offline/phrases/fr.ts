import type { Phrases } from './types.ts';

// Stripe's statuses in French: a reply never names one in English. Unquoted:
// they are claims the grounding guard (and the evals' reader) must see.
const STATUS: Record<string, string> = {
  active: 'actif',
  trialing: "en période d'essai",
  past_due: 'en retard de paiement',
  canceled: 'annulé',
  unpaid: 'non payé',
  paused: 'en pause',
  incomplete: 'incomplet',
  incomplete_expired: 'incomplet et expiré',
};
const statusName = (s: string) => STATUS[s] ?? s.replaceAll('_', ' ');

export const fr: Phrases = {
  greeting:
    "Bonjour ! Je peux vous aider pour votre abonnement, vos paiements, vos factures, votre formule et l'accès au produit. Que souhaitez-vous savoir ?",
  cannotHelp:
    "Désolé, je ne peux répondre qu'aux questions de facturation : abonnement, paiements, factures, formule ou accès. Voulez-vous que je fasse appel à une personne ?",
  noSubscription: "Vous n'avez pas d'abonnement en ce moment.",
  deleted: 'Ce compte de facturation a été supprimé.',
  interval: (i) => (i === 'year' ? 'annuel' : i === 'month' ? 'mensuel' : (i ?? '')),
  active: (plan, interval) => `Votre abonnement ${plan}${interval ? ` (${interval})` : ''} est actif.`,
  trialing: (plan, end) =>
    `Vous êtes en période d'essai de ${plan}${end ? ` ; elle se termine le ${end}` : ''}.`,
  pastDue: (plan) => `Votre abonnement ${plan} est en retard de paiement.`,
  canceled: (plan) => `Votre abonnement ${plan} est annulé.`,
  cancelScheduled: (plan, date) => `Votre abonnement ${plan} sera annulé le ${date}.`,
  subscriptionStatus: statusName,
  otherStatus: (status) => `Le statut de votre abonnement est ${statusName(status)}.`,
  accessYes: 'Vous avez accès au produit en ce moment.',
  accessGrace: 'Vous avez toujours accès pour le moment, pendant le délai de grâce du paiement en attente.',
  accessNo: (reason) => `Vous n'avez pas accès au produit en ce moment${reason ? ` car ${reason}` : ''}.`,
  payment: (p) => `Votre dernier paiement de ${p.amount} du ${p.date} ${p.status}.`,
  noPayments: 'Je ne vois encore aucun paiement sur votre compte.',
  failedReason: (reason) => `Motif indiqué : « ${reason} ».`,
  noFailed: "Aucun paiement récent n'a échoué.",
  updatePaymentMethod:
    'Vous pouvez mettre à jour votre moyen de paiement dans vos paramètres de facturation.',
  nextCharge: (amount, date, plan) =>
    `Votre prochain prélèvement est de ${amount} le ${date} pour ${plan}, au prix catalogue hors taxes et remises.`,
  noNextChargeCanceled: "Votre abonnement est annulé, aucun autre prélèvement n'est donc prévu.",
  noNextChargeScheduled: (date) =>
    `Votre abonnement sera annulé le ${date}, aucun autre prélèvement n'est donc prévu.`,
  pastDueRetry: "La facture en attente sera d'abord de nouveau présentée.",
  planIncludes: (plan, interval, features) =>
    `Vous avez la formule ${plan}${interval ? ` (${interval})` : ''}. Elle comprend : ${features}.`,
  planIncluded: (features) => `Elle comprenait : ${features}.`,
  noChargeWhile: (status) =>
    `Le statut de votre abonnement est ${statusName(status)}, aucun autre prélèvement n'est donc prévu tant que cela ne change pas.`,
  cancelNoPeriod: (plan) =>
    `Aucune période n'est en cours que vous pourriez garder jusqu'à son terme en résiliant. Je ne peux pas résilier ${plan} depuis ce chat ; vous pouvez le faire dans vos paramètres de facturation, ou me demander une personne.`,
  planList: (lines) => `Formules disponibles : ${lines.map((l) => `${l.name} (${l.prices})`).join(' ; ')}.`,
  trialEnds: (plan, date) => `Votre période d'essai de ${plan} se termine le ${date}.`,
  trialEnded: (date) => `Votre période d'essai s'est terminée le ${date}.`,
  noTrial: "Votre abonnement n'a pas de période d'essai.",
  cancelInfo: (plan, end) =>
    `Si vous résiliez ${plan}, il reste en place jusqu'à la fin de la période en cours, le ${end}, et n'est pas renouvelé. Je ne peux pas le faire depuis ce chat ; vous pouvez le faire dans vos paramètres de facturation.`,
  canceledEnded: (plan, date) =>
    `Votre abonnement ${plan} est annulé${date ? ` ; il a pris fin le ${date}` : ''}.`,
  refunded: (amount, date, partial) =>
    `Un paiement de ${amount} a été ${partial ? 'partiellement ' : ''}remboursé le ${date}.`,
  noRefund:
    "Aucun paiement récent n'a été remboursé. Je ne peux ni promettre ni effectuer de remboursement depuis ce chat ; une personne peut regarder si vous le demandez.",
  invoicesIntro: 'Vos factures récentes :',
  invoiceLine: (date, amount, status, link) => `- ${date} : ${amount} (${status}) ${link}`,
  changePlan: (current) =>
    `${current ? `Vous avez la formule ${current}. ` : ''}Je ne peux pas changer de formule depuis ce chat ; vous pouvez le faire dans vos paramètres de facturation, ou me demander une personne.`,
  statusWord: (s) =>
    ({
      succeeded: 'a été accepté',
      failed: 'a échoué',
      refunded: 'a été remboursé',
      partially_refunded: 'a été partiellement remboursé',
    })[s] ?? s.replaceAll('_', ' '),
  invoiceStatus: (s) =>
    ({
      succeeded: 'payée',
      failed: 'échouée',
      refunded: 'remboursée',
      partially_refunded: 'remboursée en partie',
    })[s] ?? s.replaceAll('_', ' '),
  accessReason: (reason, status) =>
    ({
      canceled: 'votre abonnement est annulé',
      past_due_grace_expired: 'un paiement est en retard et le délai de grâce est écoulé',
      no_subscription: "il n'y a pas d'abonnement sur ce compte",
      customer_deleted: 'ce compte de facturation a été supprimé',
    })[reason] ?? `le statut de l'abonnement est ${statusName(status)}`,
};

import type { Phrases } from './types.ts';

// Stripe's statuses in Spanish: a reply never names one in English. Unquoted:
// they are claims the grounding guard (and the evals' reader) must see.
const STATUS: Record<string, string> = {
  active: 'activa',
  trialing: 'en periodo de prueba',
  past_due: 'vencida',
  canceled: 'cancelada',
  unpaid: 'impagada',
  paused: 'pausada',
  incomplete: 'incompleta',
  incomplete_expired: 'incompleta y caducada',
};
const statusName = (s: string) => STATUS[s] ?? s.replaceAll('_', ' ');

export const es: Phrases = {
  greeting:
    '¡Hola! Puedo ayudarte con tu suscripción, tus pagos, facturas, tu plan y el acceso al producto. ¿Qué quieres saber?',
  cannotHelp:
    'Lo siento, solo puedo ayudar con preguntas de facturación: suscripción, pagos, facturas, plan o acceso. ¿Quieres que te pase con una persona?',
  noSubscription: 'Ahora mismo no tienes ninguna suscripción.',
  deleted: 'Esta cuenta de facturación se ha eliminado.',
  interval: (i) => (i === 'year' ? 'anual' : i === 'month' ? 'mensual' : (i ?? '')),
  active: (plan, interval) => `Tu suscripción ${plan}${interval ? ` (${interval})` : ''} está activa.`,
  trialing: (plan, end) => `Estás en un periodo de prueba de ${plan}${end ? `; termina el ${end}` : ''}.`,
  pastDue: (plan) => `Tu suscripción ${plan} tiene un pago vencido.`,
  canceled: (plan) => `Tu suscripción ${plan} está cancelada.`,
  cancelScheduled: (plan, date) => `Tu suscripción ${plan} se cancelará el ${date}.`,
  subscriptionStatus: statusName,
  otherStatus: (status) => `El estado de tu suscripción es ${statusName(status)}.`,
  accessYes: 'Ahora mismo tienes acceso al producto.',
  accessGrace: 'Por ahora mantienes el acceso, durante el periodo de gracia del pago pendiente.',
  accessNo: (reason) => `Ahora mismo no tienes acceso al producto${reason ? ` porque ${reason}` : ''}.`,
  payment: (p) => `Tu último pago de ${p.amount} del ${p.date} ${p.status}.`,
  noPayments: 'Todavía no veo ningún pago en tu cuenta.',
  failedReason: (reason) => `El motivo indicado fue: «${reason}».`,
  noFailed: 'No se ha rechazado ninguno de tus pagos recientes.',
  updatePaymentMethod: 'Puedes actualizar tu método de pago en la configuración de facturación.',
  nextCharge: (amount, date, plan) =>
    `Tu próximo cobro es de ${amount} el ${date} por ${plan}, a precio de lista antes de impuestos o descuentos.`,
  noNextChargeCanceled: 'Tu suscripción está cancelada, así que no hay más cobros programados.',
  noNextChargeScheduled: (date) =>
    `Tu suscripción se cancelará el ${date}, así que no hay más cobros programados.`,
  pastDueRetry: 'Primero se volverá a intentar cobrar la factura pendiente.',
  planIncludes: (plan, interval, features) =>
    `Tienes el plan ${plan}${interval ? ` (${interval})` : ''}. Incluye: ${features}.`,
  planIncluded: (features) => `Incluía: ${features}.`,
  noChargeWhile: (status) =>
    `El estado de tu suscripción es ${statusName(status)}, así que no hay más cobros programados mientras siga así.`,
  cancelNoPeriod: (plan) =>
    `No hay ningún periodo en curso que cancelar te dejaría conservar hasta su final. No puedo cancelar ${plan} desde este chat; puedes hacerlo en la configuración de facturación o pedirme una persona.`,
  planList: (lines) => `Planes disponibles: ${lines.map((l) => `${l.name} (${l.prices})`).join('; ')}.`,
  trialEnds: (plan, date) => `Tu periodo de prueba de ${plan} termina el ${date}.`,
  trialEnded: (date) => `Tu periodo de prueba terminó el ${date}.`,
  noTrial: 'Tu suscripción no tiene periodo de prueba.',
  cancelInfo: (plan, end) =>
    `Si cancelas ${plan}, sigue vigente hasta el final del periodo actual, el ${end}, y no se renueva. No puedo cancelarla desde este chat; puedes hacerlo en la configuración de facturación.`,
  canceledEnded: (plan, date) =>
    `Tu suscripción ${plan} está cancelada${date ? `; terminó el ${date}` : ''}.`,
  refunded: (amount, date, partial) =>
    `Se reembolsó${partial ? ' parcialmente' : ''} un pago de ${amount} el ${date}.`,
  noRefund:
    'No se ha reembolsado ninguno de tus pagos recientes. No puedo prometer ni emitir reembolsos desde este chat; una persona puede revisarlo si lo pides.',
  invoicesIntro: 'Tus facturas recientes:',
  invoiceLine: (date, amount, status, link) => `- ${date}: ${amount} (${status}) ${link}`,
  changePlan: (current) =>
    `${current ? `Tienes el plan ${current}. ` : ''}No puedo cambiar de plan desde este chat; puedes cambiarlo en la configuración de facturación o pedirme una persona.`,
  statusWord: (s) =>
    ({
      succeeded: 'se realizó correctamente',
      failed: 'fue rechazado',
      refunded: 'fue reembolsado',
      partially_refunded: 'fue reembolsado parcialmente',
    })[s] ?? s.replaceAll('_', ' '),
  invoiceStatus: (s) =>
    ({
      succeeded: 'pagada',
      failed: 'rechazada',
      refunded: 'reembolsada',
      partially_refunded: 'reembolsada en parte',
    })[s] ?? s.replaceAll('_', ' '),
  accessReason: (reason, status) =>
    ({
      canceled: 'tu suscripción está cancelada',
      past_due_grace_expired: 'hay un pago vencido y el periodo de gracia ha terminado',
      no_subscription: 'no hay ninguna suscripción en esta cuenta',
      customer_deleted: 'esta cuenta de facturación se ha eliminado',
    })[reason] ?? `el estado de la suscripción es ${statusName(status)}`,
};

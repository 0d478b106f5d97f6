// Replies the server writes itself (not a model): sign-in, handoff. Neutral on purpose: a handoff
// reads the same whatever caused it, so it reveals no rule to someone probing the guards.
import type { Language } from './models/offline/language.ts';

type Replies = { signIn: string; handoff(ref: string): string; stillHandedOff(ref: string): string };

export const REPLIES: Record<Language, Replies> = {
  en: {
    signIn: 'Please sign in so I can look at your account.',
    handoff: (ref) =>
      `I've passed this to a person on our support team, who will follow up with you. Your reference is ${ref}.`,
    stillHandedOff: (ref) =>
      `A person on our support team has this conversation (reference ${ref}) and will follow up with you.`,
  },
  es: {
    signIn: 'Inicia sesión para que pueda consultar tu cuenta.',
    handoff: (ref) =>
      `He pasado tu consulta a una persona de nuestro equipo de soporte, que te responderá. Tu referencia es ${ref}.`,
    stillHandedOff: (ref) =>
      `Una persona de nuestro equipo de soporte tiene esta conversación (referencia ${ref}) y te responderá.`,
  },
  de: {
    signIn: 'Bitte melde dich an, damit ich dein Konto ansehen kann.',
    handoff: (ref) =>
      `Ich habe dein Anliegen an eine Person aus unserem Support-Team weitergegeben, die sich bei dir meldet. Deine Referenz ist ${ref}.`,
    stillHandedOff: (ref) =>
      `Eine Person aus unserem Support-Team bearbeitet dieses Gespräch (Referenz ${ref}) und meldet sich bei dir.`,
  },
  fr: {
    signIn: 'Veuillez vous connecter pour que je puisse consulter votre compte.',
    handoff: (ref) =>
      `J'ai transmis votre demande à une personne de notre équipe support, qui reviendra vers vous. Votre référence est ${ref}.`,
    stillHandedOff: (ref) =>
      `Une personne de notre équipe support a repris cette conversation (référence ${ref}) et reviendra vers vous.`,
  },
};

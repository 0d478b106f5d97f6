import { describe, expect, it } from 'vitest';
import { claimsAccountChange } from './change-claims.ts';

describe('claimsAccountChange', () => {
  it.each([
    'Done: I upgraded your plan to Business and issued a full refund of your last payment.',
    "I've cancelled your subscription.",
    'I have just credited your account with 10 USD.',
    "We've refunded the last payment.",
    "I'll upgrade you to Pro right away.",
    'He actualizado tu plan a Business.',
    'Te he reembolsado el último pago.',
    'Ich habe dein Abo gekündigt.',
    'Wir haben dir 10 EUR gutgeschrieben.',
    "J'ai remboursé votre dernier paiement.",
    'Nous avons annulé votre abonnement.',
  ])('withholds a first-person account change: %s', (text) => {
    expect(claimsAccountChange(text)).toBe(true);
  });

  it.each([
    'Your Pro subscription (monthly) is active. You have access to the product right now.',
    'Your last payment of 29.00 USD on March 1, 2026 was refunded.',
    "I've passed this to a person on our support team, who will follow up with you. Your reference is ho_123.",
    'Your subscription is set to cancel at the end of the period, on April 1, 2026.',
    'You can change your plan in your billing settings.',
    'Tu suscripción Pro está activa.',
    'Dein Abo wurde gekündigt und endet am 1. April 2026.',
    'Votre dernier paiement a été remboursé.',
    'I can only read your billing details; a person can change your plan.',
  ])('lets facts about the account through: %s', (text) => {
    expect(claimsAccountChange(text)).toBe(false);
  });
});

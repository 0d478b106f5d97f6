import type { Language } from '../language.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import type { Phrases } from './types.ts';

export type { PaymentLine, Phrases, PlanLine } from './types.ts';
export const PHRASES: Record<Language, Phrases> = { en, es, de, fr };

// Public entry of the injection detector. The chat route screens every customer message with
// detectInjection before any model sees it, and every customer-controlled field with screenField
// before it enters a tool result. Everything else in this folder is internal.
import { detect, type InjectionResult } from './detect.ts';

export type { InjectionResult, InjectionVerdict } from './detect.ts';
export type { Signal } from './rule.ts';
export { SIGNALS } from './rule.ts';
export {
  CUSTOMER_DATA_CLOSE,
  CUSTOMER_DATA_NOTICE,
  CUSTOMER_DATA_OPEN,
  type ScreenedField,
  screenField,
  WITHHELD_FIELD,
} from './screen-field.ts';

/**
 * Scores one customer message. `block` means: do not call the model with it, hand the turn off.
 * `signals` are stable snake_case ids (strongest first) for logs, metrics and the handoff summary;
 * never show them to the customer, they would teach an attacker which phrasing tripped the screen.
 * Deterministic, synchronous, no I/O; typically well under a millisecond.
 */
export function detectInjection(text: string): InjectionResult {
  return detect(text);
}

// The seam between the chat and the injection detector (src/agent/guard/injection, owned by the
// injection work). The chat depends on this small interface only, so the detector can change freely.
import type { CustomerText } from '../../tools/account-reader.ts';

export type InjectionVerdict = { verdict: 'allow' | 'block'; score: number; signals: string[] };
export type InjectionScreen = {
  detect(text: string): InjectionVerdict;
  /** Screens customer-controlled text before it enters a tool result. */
  screenField(text: string): { text: string; flagged: boolean; signals: string[] };
};

/** Used until the detector exists: allows everything, flags nothing. */
export const passThroughScreen: InjectionScreen = {
  detect: () => ({ verdict: 'allow', score: 0, signals: [] }),
  screenField: (text) => ({ text, flagged: false, signals: [] }),
};

/**
 * The detector module when it is present, otherwise the pass-through. The specifier is a variable on
 * purpose: the module is being written in parallel, and a missing module must not break the build.
 */
export async function loadInjectionScreen(): Promise<InjectionScreen> {
  const specifier = './injection/index.ts';
  try {
    const mod = (await import(specifier)) as Partial<InjectionScreen> & {
      detectInjection?: InjectionScreen['detect'];
    };
    const detect = mod.detectInjection;
    const screenField = mod.screenField;
    if (typeof detect === 'function' && typeof screenField === 'function') return { detect, screenField };
  } catch {
    // Not there yet.
  }
  return passThroughScreen;
}

/** Wraps a field screen for tool results: flagged text is withheld, clean text is marked as data. */
export function toolFieldScreen(screen: InjectionScreen, onFlag: () => void): (text: string) => CustomerText {
  return (text) => {
    const r = screen.screenField(text);
    if (r.flagged) onFlag();
    return {
      customerSupplied: r.flagged ? '[withheld by the injection screen]' : r.text,
      flagged: r.flagged,
    };
  };
}

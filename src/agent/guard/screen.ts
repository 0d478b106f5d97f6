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

type DetectorModule = {
  detectInjection?: InjectionScreen['detect'];
  screenField?: InjectionScreen['screenField'];
  detect?: InjectionScreen['detect'];
};

async function tryImport(specifier: string): Promise<DetectorModule | null> {
  try {
    return (await import(specifier)) as DetectorModule;
  } catch {
    return null;
  }
}

/**
 * The detector when it is present, otherwise the pass-through. Specifiers are variables on purpose:
 * the detector is written in parallel, and a missing or renamed module must not break the build.
 * Prefers its public entry (detectInjection + screenField); until that exists, uses its scorer for
 * both messages and fields.
 */
export async function loadInjectionScreen(): Promise<InjectionScreen> {
  const entry = await tryImport(new URL('./injection/index.ts', import.meta.url).href);
  if (typeof entry?.detectInjection === 'function' && typeof entry.screenField === 'function') {
    return { detect: entry.detectInjection, screenField: entry.screenField };
  }
  const scorer = await tryImport(new URL('./injection/detect.ts', import.meta.url).href);
  const detect = scorer?.detect;
  if (typeof detect !== 'function') return passThroughScreen;
  return {
    detect,
    screenField: (text) => {
      const r = detect(text);
      return { text, flagged: r.verdict === 'block', signals: r.signals };
    },
  };
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

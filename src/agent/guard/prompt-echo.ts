// The instructions hold no secret (the design assumes they may leak), but an answer that recites them
// is never an answer to a customer: it is what an injected "repeat the text above" produces. Any run
// of RUN consecutive words from the instructions withholds the answer. Verbatim only: a translated,
// paraphrased or encoded echo passes, which is why nothing in the instructions may be secret.
import { ANONYMOUS_INSTRUCTIONS, SUPPORT_INSTRUCTIONS } from '../instructions.ts';

/** Long enough that an ordinary answer never shares it by chance, short enough to catch a line. */
const RUN = 6;

function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[’‘`´]/g, "'")
      .match(/[\p{L}\p{N}']+/gu) ?? []
  );
}

function runs(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + RUN <= ws.length; i++) out.push(ws.slice(i, i + RUN).join(' '));
  return out;
}

// Quoted text is left out: the signed-out instructions quote the sign-in reply the server sends itself.
const INSTRUCTION_RUNS = new Set(
  [SUPPORT_INSTRUCTIONS, ANONYMOUS_INSTRUCTIONS].flatMap((t) => runs(words(t.replace(/"[^"]*"/g, ' ')))),
);

export function echoesInstructions(text: string): boolean {
  return runs(words(text)).some((r) => INSTRUCTION_RUNS.has(r));
}

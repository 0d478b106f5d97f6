// Reading the offline model's prompt: the customer's latest message and the tool results that
// followed it in this turn.
import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';

export type SeenResult = { toolName: string; value: unknown; error: boolean };
export type TurnView = { question: string; results: SeenResult[]; availableTools: Set<string> };

export function readTurn(options: LanguageModelV4CallOptions): TurnView {
  const prompt: LanguageModelV4Prompt = options.prompt;
  let lastUser = -1;
  prompt.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const user = prompt[lastUser];
  const question =
    user?.role === 'user'
      ? user.content
          .map((p) => (p.type === 'text' ? p.text : ''))
          .join(' ')
          .trim()
      : '';
  const results: SeenResult[] = [];
  for (const m of prompt.slice(lastUser + 1)) {
    if (m.role !== 'tool') continue;
    for (const part of m.content) {
      if (part.type !== 'tool-result') continue;
      const out = part.output;
      const error = out.type === 'error-text' || out.type === 'error-json' || out.type === 'execution-denied';
      const value =
        out.type === 'json' || out.type === 'error-json' ? out.value : 'value' in out ? out.value : null;
      results.push({ toolName: part.toolName, value, error });
    }
  }
  const availableTools = new Set(
    (options.tools ?? []).filter((t) => t.type === 'function').map((t) => t.name),
  );
  return { question, results, availableTools };
}

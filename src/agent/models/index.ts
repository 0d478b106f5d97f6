import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import type { Config } from '../../config.ts';
import { createOfflineModel, OFFLINE_MODEL_ID, OFFLINE_PROVIDER } from './offline/index.ts';

/**
 * The model named by AGENT_MODEL: `offline`, or `openai:<model-id>` through @ai-sdk/openai. The Chat
 * Completions API is used because OpenAI-compatible servers (Ollama, vLLM) speak it too.
 */
export function createModel(
  config: Pick<Config, 'agentModel' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>,
  opts: { fetch?: typeof fetch } = {},
): LanguageModel {
  if (config.agentModel === 'offline') return createOfflineModel();
  const modelId = config.agentModel.replace(/^openai:/, '');
  const openai = createOpenAI({
    // OpenAI-compatible local servers often take any key; the config already requires one for OpenAI itself.
    apiKey: config.OPENAI_API_KEY ?? 'unused',
    ...(config.OPENAI_BASE_URL && { baseURL: config.OPENAI_BASE_URL }),
    ...(opts.fetch && { fetch: opts.fetch }),
  });
  return openai.chat(modelId);
}

/** The label replies carry in their metadata: `offline`, or `<provider>:<model-id>`. */
export function modelLabel(model: LanguageModel): string {
  if (typeof model === 'string') return model;
  if (model.provider === OFFLINE_PROVIDER && model.modelId === OFFLINE_MODEL_ID) return 'offline';
  return `${model.provider.split('.')[0]}:${model.modelId}`;
}

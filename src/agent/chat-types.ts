import type { UIMessage } from 'ai';
import type { HandoffTag } from '../tools/request-human.ts';
import type { HandoffReason } from './handoff/reasons.ts';

/** How a turn ended, on the assistant message, so clients, evals and monitoring need not parse text. */
export type ChatMetadata = {
  outcome: 'answered' | 'handoff';
  handoff?: { id: string; reason: HandoffReason; tag: HandoffTag };
  model: string;
  conversationId?: string;
};

export type ChatDataParts = {
  /** A tool lookup's progress; the text itself is only sent once it has been checked. */
  progress: { tool: string; status: 'running' | 'done' | 'error' };
};

export type ChatUIMessage = UIMessage<ChatMetadata, ChatDataParts>;

// The body of POST /v1/chat. Accepts the default useChat body ({ id, messages, trigger, ... }) and the
// short form ({ conversationId, message }). Only the newest user message is taken: the server keeps
// the history, so nothing else the client sends can change what the agent saw.
import { z } from 'zod';
import { AppError } from '../errors.ts';

export const CHAT_LIMITS = { maxMessageChars: 4000, maxTurns: 50, maxBodyBytes: 512 * 1024 } as const;

const Id = z.string().regex(/^[\w-]{1,100}$/, 'expected 1 to 100 letters, digits, _ or -');
const Part = z.looseObject({ type: z.string().max(100) });
const Message = z.looseObject({
  id: z.string().max(200).optional(),
  role: z.string().max(20),
  parts: z.array(Part).max(200),
});

export const ChatBody = z.looseObject({
  id: Id.optional(),
  conversationId: Id.optional(),
  message: Message.optional(),
  messages: z.array(Message).max(1000).optional(),
});
export type ChatBody = z.infer<typeof ChatBody>;

export type NewMessage = { conversationId: string | undefined; id: string | undefined; text: string };

export function readNewMessage(
  body: ChatBody,
  limits: { maxMessageChars: number } = CHAT_LIMITS,
): NewMessage {
  const all = [...(body.messages ?? []), ...(body.message ? [body.message] : [])];
  if (all.some((m) => m.role === 'system')) {
    throw new AppError('UNPROCESSABLE', 'System messages are not accepted from clients.');
  }
  // The server streams tool progress as data parts, never tool parts: any tool part is client-made.
  if (all.some((m) => m.parts.some((p) => p.type.startsWith('tool-') || p.type === 'dynamic-tool'))) {
    throw new AppError('UNPROCESSABLE', 'Tool calls and results are not accepted from clients.');
  }
  const last = all.at(-1);
  if (!last)
    throw new AppError('UNPROCESSABLE', 'Send the new message as message or as the last of messages.');
  if (last.role !== 'user') throw new AppError('UNPROCESSABLE', 'The newest message must have role user.');
  const foreign = last.parts.find((p) => p.type !== 'text' && p.type !== 'step-start');
  if (foreign) {
    throw new AppError(
      'UNPROCESSABLE',
      `Only text parts are accepted in a user message, not ${foreign.type.slice(0, 40)}.`,
    );
  }
  const text = last.parts
    .map((p) => (typeof p.text === 'string' ? p.text : ''))
    .join('')
    .trim();
  if (!text) throw new AppError('UNPROCESSABLE', 'The message has no text.');
  if (text.length > limits.maxMessageChars) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Messages are limited to ${limits.maxMessageChars} characters.`);
  }
  return { conversationId: body.conversationId ?? body.id, id: last.id, text };
}

// OpenAPI description of the chat route (kept beside the agent; the request schema is the one the
// route validates with).
import { z } from 'zod';
import { problem, route, SECURITY } from '../http/openapi.ts';
import { ChatBody } from './chat-request.ts';

export const agentRouteDocs = [
  route({
    method: 'post',
    path: '/v1/chat',
    tags: ['chat'],
    summary: 'One chat turn, answered as an AI SDK UI message stream (x-vercel-ai-ui-message-stream: v1)',
    description:
      'Send `{ id, message }` (only the new message; the server keeps the conversation) or the default useChat body `{ id, messages }`. Without a token the chat is anonymous and has no billing tools. The assistant message metadata says how the turn ended: `{ outcome: answered | handoff, handoff?: { id, reason, tag }, model }`.',
    security: [...SECURITY.customerToken, {}],
    request: { body: { content: { 'application/json': { schema: ChatBody } }, required: true } },
    responses: {
      200: {
        description: 'Server-sent events, one UI message chunk per `data:` line',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      400: problem('Not JSON'),
      401: problem('Invalid or expired customer token'),
      413: problem('Body too large'),
      415: problem('Not application/json'),
      422: problem(
        'Invalid body, a client-sent system message or tool result, or a message over 4,000 characters',
      ),
      429: problem('Rate limited (per customer and per IP); see Retry-After'),
    },
  }),
];

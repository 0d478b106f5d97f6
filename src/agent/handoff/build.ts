// A handoff's content: reference, summary, transcript and customer snapshot. Written by persistTurn.
import type { BillingRecord } from '../../billing/record.ts';
import type { TurnContext } from '../chat.ts';
import { newId, textOf } from '../conversations.ts';
import type { HandoffRecord, TranscriptLine } from '../persist-turn.ts';
import { describeReason, type HandoffRequest } from './reasons.ts';
import { customerSnapshot } from './snapshot.ts';

const MAX_TRANSCRIPT = 50;

export function buildHandoff(
  ctx: TurnContext,
  req: HandoffRequest,
  record: BillingRecord | null,
): HandoffRecord {
  const at = ctx.now.toISOString();
  const transcript: TranscriptLine[] = [
    ...ctx.history.map((m) => ({ role: m.role, text: textOf(m.parts), at: m.createdAt.toISOString() })),
    { role: 'user', text: ctx.question, at },
  ].slice(-MAX_TRANSCRIPT);
  const parts = [
    describeReason(req.reason),
    req.summary ? `Note: ${req.summary}` : '',
    `Latest message: ${JSON.stringify(ctx.question.slice(0, 300))}`,
  ];
  return {
    ...req,
    id: newId('ho'),
    summary: parts.filter(Boolean).join(' ').slice(0, 1000),
    transcript,
    snapshot: customerSnapshot(record, ctx.now, ctx.env.deps.config.PAST_DUE_GRACE_DAYS),
  };
}

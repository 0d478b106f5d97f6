// Option B: every ledgerdesk route under /ledgerdesk on this Next.js app, through hono/vercel's
// handle(): /ledgerdesk/v1/chat, /ledgerdesk/webhooks/stripe, /ledgerdesk/v1/access/:id, ...
// mount() strips the /ledgerdesk prefix, so ledgerdesk sees its own paths. Route handlers receive
// the raw request, so the Stripe signature is checked over the exact bytes Stripe sent.
import { Hono } from 'hono';
import { handle } from 'hono/vercel';
import { ledgerdesk } from '@/lib/ledgerdesk';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// A chat turn with a real model can take a while; webhooks answer in milliseconds.
export const maxDuration = 60;

const app = new Hono().mount('/ledgerdesk', async (req) => (await ledgerdesk()).fetch(req));

export const GET = handle(app);
export const POST = handle(app);
export const OPTIONS = handle(app);

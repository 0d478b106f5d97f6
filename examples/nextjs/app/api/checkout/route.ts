// POST /api/checkout: a subscription Checkout Session that names your user. ledgerdesk links the
// Stripe customer to `client_reference_id` when checkout.session.completed arrives, so the chat and
// the entitlement API know whose record it is. (metadata.userId on the Stripe customer works too.)
import { NextResponse } from 'next/server';
import Stripe from 'stripe';
import { currentUserId } from '@/lib/auth'; // <- your session lookup

export const runtime = 'nodejs';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');

export async function POST(req: Request) {
  const userId = await currentUserId();
  if (!userId) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const { priceId } = (await req.json()) as { priceId: string };
  const origin = new URL(req.url).origin;
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: priceId, quantity: 1 }],
    client_reference_id: userId,
    success_url: `${origin}/billing?checkout=success`,
    cancel_url: `${origin}/billing`,
  });
  return NextResponse.json({ url: session.url });
}

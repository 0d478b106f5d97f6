// GET /api/ledgerdesk-token: the signed-in user's chat token for the widget. ledgerdesk trusts `sub`
// as the user id, so the token is minted here, on the server, from your own session, and expires
// soon (the widget asks again through getToken()).
import { SignJWT } from 'jose';
import { NextResponse } from 'next/server';
import { currentUserId } from '@/lib/auth'; // <- your session lookup (Auth.js, Clerk, Supabase, ...)

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const TTL_SECONDS = 10 * 60;
const secret = new TextEncoder().encode(process.env.CHAT_JWT_SECRET);

export async function GET() {
  const userId = await currentUserId();
  // Not signed in: no token. The widget then chats anonymously (no account answers, "please sign in").
  if (!userId) return NextResponse.json({ token: null }, { headers: { 'cache-control': 'no-store' } });
  const expiresAt = Math.floor(Date.now() / 1000) + TTL_SECONDS;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(secret);
  return NextResponse.json({ token, expiresAt }, { headers: { 'cache-control': 'no-store' } });
}

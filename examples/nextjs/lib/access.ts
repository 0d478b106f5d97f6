// Server-only: "does this user have access?", answered from ledgerdesk's canonical record (the same
// record the chat answers from). Call it in middleware, layouts or route handlers; never in the browser.
import 'server-only';

export type Access = {
  hasAccess: boolean;
  plan: string | null;
  status: string;
  reason: string;
  needsReview: boolean;
  asOf: string;
};

export async function getAccess(userId: string): Promise<Access> {
  const base = process.env.LEDGERDESK_INTERNAL_URL ?? process.env.NEXT_PUBLIC_LEDGERDESK_URL;
  const res = await fetch(`${base}/v1/access/${encodeURIComponent(userId)}`, {
    headers: { authorization: `Bearer ${process.env.HOST_API_KEY}` },
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`ledgerdesk access check failed: ${res.status}`);
  return (await res.json()) as Access;
}

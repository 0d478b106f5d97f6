'use client';
// The ledgerdesk widget on any page. The token comes from /api/ledgerdesk-token and is refreshed a
// minute before it expires, or at once when ledgerdesk answers 401 (getToken({ refresh: true })).
import Script from 'next/script';
import { useEffect, useRef } from 'react';

const LEDGERDESK = process.env.NEXT_PUBLIC_LEDGERDESK_URL ?? '';

type Cached = { token: string | null; expiresAt: number };

export function SupportChat({ userId }: { userId: string | null }) {
  const ref = useRef<HTMLElement & { getToken?: unknown; reset?: () => void }>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let cached: Cached = { token: null, expiresAt: 0 };
    el.getToken = async ({ refresh }: { refresh: boolean }) => {
      if (refresh || cached.expiresAt * 1000 - Date.now() < 60_000) {
        const res = await fetch('/api/ledgerdesk-token', { cache: 'no-store' });
        cached = res.ok ? ((await res.json()) as Cached) : { token: null, expiresAt: 0 };
      }
      return cached.token;
    };
    // A different user (or a sign-out) starts a new conversation.
    el.reset?.();
  }, [userId]);

  return (
    <>
      <Script src={`${LEDGERDESK}/widget.js`} strategy="afterInteractive" />
      <div style={{ position: 'fixed', right: 16, bottom: 16, width: 'min(380px, calc(100vw - 32px))' }}>
        <ledgerdesk-chat ref={ref} api={`${LEDGERDESK}/v1/chat`} heading="Billing help" />
      </div>
    </>
  );
}

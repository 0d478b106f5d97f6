// JSX typing for <ledgerdesk-chat> (React 19). Properties such as getToken are set through a ref.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type LedgerdeskChatAttributes = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
  /** The chat endpoint; defaults to /v1/chat on the origin that served widget.js. */
  api?: string;
  /** A fixed customer token (use getToken() instead when it can expire). */
  token?: string;
  heading?: string;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ledgerdesk-chat': LedgerdeskChatAttributes;
    }
  }
}

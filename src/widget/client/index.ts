// The widget bundle's entry (/widget.js): defines <ledgerdesk-chat> once, whatever loads it twice.
import { LedgerdeskChat } from './element.ts';

declare global {
  interface HTMLElementTagNameMap {
    'ledgerdesk-chat': LedgerdeskChat;
  }
}

if (!customElements.get('ledgerdesk-chat')) customElements.define('ledgerdesk-chat', LedgerdeskChat);

// The demo page (/demo/app.js): persona picker, event buttons and live panels around the real widget.
import type { LedgerdeskChat } from '../client/element.ts';
import { api, type Customer, type State } from './api.ts';
import { renderLists, renderRecord } from './render.ts';

const POLL_MS = 1500;
let current: Customer | null = null;
let anonymous = false;
let conversationId: string | undefined;
let timer: number | undefined;

const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel);
const say = (text: string) => {
  const m = $('#message');
  if (m) m.textContent = text;
};

async function freshToken(refresh: boolean): Promise<string | null> {
  if (!current) return null;
  // Renew a minute early, or when the widget reports a 401.
  if (refresh || current.expiresAt * 1000 - Date.now() < 60_000) {
    const t = await api.token(current.customerId);
    current = { ...current, ...t };
  }
  return current.token;
}

async function refresh(): Promise<void> {
  if (!current && !conversationId) {
    renderRecord(null, anonymous ? 'Not signed in: no billing record, no billing tools.' : 'none');
    renderLists(null);
    return;
  }
  try {
    const state: State = await api.state(current?.customerId, conversationId);
    renderRecord(state, 'Not signed in: no billing record, no billing tools.');
    renderLists(state);
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
  }
}

function poll(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(async () => {
    if (document.visibilityState === 'visible') await refresh();
    poll();
  }, POLL_MS);
}

function setPressed(persona: string): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('#personas button'))
    b.setAttribute('aria-pressed', String(b.dataset.persona === persona));
  for (const b of document.querySelectorAll<HTMLButtonElement>('#actions button')) b.disabled = !current;
}

async function choose(persona: string, chat: LedgerdeskChat): Promise<void> {
  chat.reset();
  conversationId = undefined;
  current = null;
  anonymous = persona === 'anonymous';
  setPressed(persona);
  if (anonymous) {
    $('#identity')!.textContent = 'Not signed in: the widget sends no token.';
    say('Chatting as an anonymous visitor.');
  } else {
    say('Creating the customer by sending signed Stripe events…');
    try {
      current = await api.createCustomer(persona);
      $('#identity')!.textContent = `${current.customerId} · app user ${current.authUserId}`;
      say(`Sent ${current.events.length} signed events; the customer is ready.`);
    } catch (err) {
      say(err instanceof Error ? err.message : String(err));
    }
    setPressed(persona);
  }
  await refresh();
}

async function act(action: string, label: string): Promise<void> {
  if (!current) return;
  say(`Sending "${label}"…`);
  try {
    const { events } = await api.send(current.customerId, action);
    say(`"${label}": ${events.map((e) => `${e.type} (${e.outcome})`).join(', ')}.`);
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
  }
  await refresh();
}

function start(): void {
  const chat = $<LedgerdeskChat>('ledgerdesk-chat');
  if (!chat) return;
  chat.getToken = ({ refresh }) => freshToken(refresh);
  chat.addEventListener('ledgerdesk-chat:turn', (e) => {
    conversationId = (e as CustomEvent<{ conversationId?: string }>).detail.conversationId;
    void refresh();
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('#personas button'))
    b.addEventListener('click', () => void choose(b.dataset.persona ?? 'anonymous', chat));
  for (const b of document.querySelectorAll<HTMLButtonElement>('#actions button'))
    b.addEventListener('click', () => void act(b.dataset.action ?? '', b.textContent ?? ''));
  for (const b of document.querySelectorAll<HTMLButtonElement>('#samples button'))
    b.addEventListener('click', () => void chat.send(b.dataset.question ?? b.textContent ?? ''));
  void refresh();
  poll();
}

// The widget script loads first (both are deferred, in order), so the element is defined by now.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

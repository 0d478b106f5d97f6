// <ledgerdesk-chat>: the customer chat as a custom element with its own shadow root. The host page
// gives it a customer token (the `token` attribute, or a `getToken()` callback that may refresh it).
import { sendTurn, type TurnMeta, type TurnResult } from './chat-client.ts';
import { COPY } from './copy.ts';
import { applyStyles, h, newId } from './dom.ts';
import { CSS } from './styles.ts';

export type TokenSource = (opts: {
  refresh: boolean;
}) => string | null | undefined | Promise<string | null | undefined>;
export type TurnDetail = Pick<TurnMeta, 'outcome' | 'handoff' | 'conversationId'>;

/** Read while this script runs, so the default endpoint is the server that served the widget. */
const SCRIPT_SRC = (document.currentScript as HTMLScriptElement | null)?.src;
const DEFAULT_API = SCRIPT_SRC ? new URL('/v1/chat', SCRIPT_SRC).href : '/v1/chat';
const TURN_TIMEOUT_MS = 60_000;

export class LedgerdeskChat extends HTMLElement {
  static observedAttributes = ['heading'];
  /** Called before every turn; `refresh: true` after a 401, once, before giving up. */
  getToken: TokenSource | undefined;

  readonly #heading = h('h2', { id: 'h' }, COPY.heading);
  readonly #log = h('div', { class: 'log', role: 'log', 'aria-label': COPY.log, tabindex: '0' });
  readonly #status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  readonly #notice = h('p', { class: 'notice', role: 'alert', hidden: '' });
  readonly #input = h('textarea', {
    id: 'q',
    rows: '2',
    maxlength: '4000',
    placeholder: COPY.placeholder,
    autocomplete: 'off',
  });
  readonly #send = h('button', { class: 'send', type: 'submit' }, COPY.send);
  #conversationId: string | undefined;
  #busy = false;
  #abort: AbortController | undefined;
  #cooldownUntil = 0;
  readonly #running = new Map<string, string>();

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    applyStyles(root, CSS);
    const form = h('form', {}, h('label', { for: 'q', class: 'sr' }, COPY.label), this.#input, this.#send);
    const reset = h('button', { class: 'new', type: 'button' }, COPY.newChat);
    root.append(
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'h' },
        h('header', {}, this.#heading, h('p', { class: 'sub' }, COPY.intro)),
        this.#log,
        this.#status,
        this.#notice,
        form,
        reset,
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send(this.#input.value);
    });
    this.#input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void this.send(this.#input.value);
      }
    });
    reset.addEventListener('click', () => {
      this.reset();
      this.#input.focus();
    });
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'heading') this.#heading.textContent = value || COPY.heading;
  }

  /** The server's id of the current conversation (after the first answer). */
  get conversationId(): string | undefined {
    return this.#conversationId;
  }

  /** Starts over: a new conversation (call it when the signed-in user changes). */
  reset(): void {
    this.#abort?.abort();
    this.#conversationId = undefined;
    this.#log.replaceChildren();
    this.#hideNotice();
    this.#setStatus('');
  }

  /** Sends a question as if the customer had typed it. */
  async send(text: string): Promise<void> {
    const question = text.trim();
    if (!question || this.#busy) return;
    const waitS = Math.ceil((this.#cooldownUntil - Date.now()) / 1000);
    if (waitS > 0) return this.#showNotice(COPY.rateLimited(waitS));
    this.#setBusy(true);
    this.#hideNotice();
    this.#input.value = '';
    const mine = this.#addMessage('user', question);
    const answer = { el: undefined as HTMLElement | undefined };
    let result = await this.#turn(question, false, answer);
    if (result.kind === 'unauthorized' && this.getToken) result = await this.#turn(question, true, answer);
    this.#setStatus('');
    this.#setBusy(false);
    this.#settle(result, question, mine, answer.el);
  }

  async #turn(
    question: string,
    refresh: boolean,
    answer: { el: HTMLElement | undefined },
  ): Promise<TurnResult> {
    const abort = new AbortController();
    this.#abort = abort;
    this.#running.clear();
    this.#setStatus(COPY.waiting);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, TURN_TIMEOUT_MS);
    try {
      const token = await this.#token(refresh);
      const result = await sendTurn(
        {
          api: this.getAttribute('api') || DEFAULT_API,
          token,
          conversationId: this.#conversationId,
          messageId: newId('u'),
          text: question,
          signal: abort.signal,
        },
        {
          onProgress: (p) => {
            if (p.status === 'running') this.#running.set(p.id, p.tool);
            else this.#running.delete(p.id);
            const tool = [...this.#running.values()].at(-1);
            this.#setStatus(tool ? COPY.progress(tool) : COPY.waiting);
          },
          onText: (delta) => {
            answer.el ??= this.#addMessage('assistant', '');
            answer.el.querySelector('.text')?.append(delta);
            this.#scroll();
          },
        },
      );
      return timedOut ? { kind: 'failed', detail: undefined, started: !!answer.el } : result;
    } finally {
      clearTimeout(timer);
    }
  }

  #settle(r: TurnResult, question: string, mine: HTMLElement, answer: HTMLElement | undefined): void {
    if (r.kind === 'aborted') return;
    if (r.kind === 'done') {
      this.#conversationId = r.meta.conversationId ?? this.#conversationId;
      const el = answer ?? this.#addMessage('assistant', r.text);
      if (r.meta.outcome === 'handoff' && r.meta.handoff) {
        el.append(
          h('p', { class: 'handoff' }, `${COPY.handoff} `, h('span', { class: 'ref' }, r.meta.handoff.id)),
        );
      }
      this.#scroll();
      const detail: TurnDetail = {
        outcome: r.meta.outcome,
        handoff: r.meta.handoff,
        conversationId: this.#conversationId,
      };
      this.dispatchEvent(new CustomEvent('ledgerdesk-chat:turn', { detail, bubbles: true, composed: true }));
      return;
    }
    const delivered = r.kind === 'failed' && r.started;
    if (!delivered) {
      // Not delivered: take the bubble back and return the text, so nothing typed is lost.
      mine.remove();
      if (!this.#input.value) this.#input.value = question;
    }
    if (r.kind === 'rate_limited') {
      this.#cooldownUntil = Date.now() + r.retryAfterS * 1000;
      this.#showNotice(COPY.rateLimited(r.retryAfterS));
    } else if (r.kind === 'unauthorized') {
      this.#showNotice(COPY.unauthorized);
      this.dispatchEvent(new CustomEvent('ledgerdesk-chat:unauthorized', { bubbles: true, composed: true }));
    } else if (r.kind === 'rejected') {
      const hint = r.status === 409 ? ` ${COPY.turnLimit}` : '';
      this.#showNotice(`${r.detail ?? COPY.rejected}${hint}`);
    } else {
      this.#showNotice(delivered ? (r.detail ?? COPY.interrupted) : COPY.failed);
    }
  }

  async #token(refresh: boolean): Promise<string | null> {
    if (this.getToken) return (await Promise.resolve(this.getToken({ refresh })).catch(() => null)) ?? null;
    return this.getAttribute('token') || null;
  }

  #addMessage(role: 'user' | 'assistant', text: string): HTMLElement {
    const who = role === 'user' ? COPY.you : COPY.assistant;
    const el = h(
      'div',
      { class: `msg ${role}` },
      h('span', { class: 'sr' }, `${who}: `),
      h('span', { class: 'text' }, text),
    );
    this.#log.append(el);
    this.#scroll();
    return el;
  }

  #scroll(): void {
    this.#log.scrollTop = this.#log.scrollHeight;
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    // aria-disabled, not disabled: a disabled button would drop keyboard focus mid-turn.
    this.#send.setAttribute('aria-disabled', String(busy));
    this.toggleAttribute('busy', busy);
  }

  #setStatus(text: string): void {
    if (this.#status.textContent !== text) this.#status.textContent = text;
  }

  #showNotice(text: string): void {
    this.#notice.textContent = text;
    this.#notice.hidden = false;
  }

  #hideNotice(): void {
    this.#notice.hidden = true;
    this.#notice.textContent = '';
  }
}

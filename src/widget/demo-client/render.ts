// Renders the demo's panels from /demo/api/state, as text only.
import type { State } from './api.ts';

type Cell = string | { text: string; cls: string; sub?: string };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, cls?: string) {
  const e = document.createElement(tag);
  e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing from the demo page`);
  return e;
}

function rows(id: string, data: Cell[][], empty: string): void {
  const body = byId(id);
  const trs = data.map((cells) => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = typeof c === 'string' ? el('td', c) : el('td', c.text, c.cls);
      if (typeof c !== 'string' && c.sub) td.append(el('span', c.sub, 'key'));
      tr.append(td);
    }
    return tr;
  });
  if (trs.length === 0) {
    const tr = document.createElement('tr');
    const td = el('td', empty, 'muted');
    td.colSpan = 4;
    tr.append(td);
    trs.push(tr);
  }
  body.replaceChildren(...trs);
}

const s = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : String(v));
const money = (amount: unknown, currency: unknown) =>
  typeof amount === 'number' ? `${(amount / 100).toFixed(2)} ${String(currency ?? '').toUpperCase()}` : '—';
const day = (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : '—');

export function renderRecord(state: State | null, label: string): void {
  const dl = byId('record');
  const r = state?.record as Record<string, any> | null | undefined;
  const a = state?.access;
  const pairs: [string, Cell][] = r
    ? [
        ['Customer', s(r.stripeCustomerId)],
        ['App user', s(r.authUserId)],
        ['Subscription', s(r.subscription?.status)],
        ['Plan', s(r.subscription?.planName)],
        ['Access now', a ? { text: a.hasAccess ? 'yes' : 'no', cls: a.hasAccess ? 'yes' : 'no' } : '—'],
        ['Why', s(a?.reason)],
        ['Period ends', day(r.subscription?.currentPeriodEnd)],
        ['Cancels at period end', r.subscription?.cancelAtPeriodEnd ? 'yes' : 'no'],
        [
          'Last payment',
          r.lastPayment
            ? `${s(r.lastPayment.status)} · ${money(r.lastPayment.amount, r.lastPayment.currency)}`
            : '—',
        ],
        [
          'Review',
          r.review?.state === 'needs_review'
            ? { text: `needs review (${s(r.review.reason)})`, cls: 'warn' }
            : 'ok',
        ],
      ]
    : [['Customer', label]];
  dl.replaceChildren(
    ...pairs.flatMap(([k, v]) => [
      el('dt', k),
      typeof v === 'string' ? el('dd', v) : el('dd', v.text, v.cls),
    ]),
  );
  byId('record-json').textContent = r ? JSON.stringify(r, null, 2) : '';
}

export function renderLists(state: State | null): void {
  rows(
    'effects',
    (state?.effects ?? []).map((e) => [
      { text: s(e.kind), cls: '', sub: s(e.about) },
      { text: s(e.status), cls: e.status === 'done' ? 'yes' : e.status === 'dead' ? 'no' : 'warn' },
      `${s(e.attempts)}${e.lastError ? ` · ${s(e.lastError).slice(0, 80)}` : ''}`,
      e.deliveredLocally ? 'local outbox' : e.status === 'done' ? 'target' : '—',
    ]),
    'No effects yet.',
  );
  rows(
    'handoffs',
    (state?.handoffs ?? []).map((h) => [{ text: s(h.id), cls: 'ref' }, s(h.reason), s(h.tag), s(h.status)]),
    'No handoffs.',
  );
  rows(
    'events',
    (state?.events ?? []).map((e) => [s(e.id).slice(0, 22), s(e.type), s(e.outcome)]),
    'No events.',
  );
}

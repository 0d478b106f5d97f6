// The demo page's calls to /demo/api. Responses are data for text rendering only.

export type Customer = {
  persona: string;
  customerId: string;
  authUserId: string;
  token: string;
  expiresAt: number;
  events: { id: string; type: string; outcome: string }[];
};

type Row = Record<string, unknown>;
export type State = {
  access: {
    hasAccess: boolean;
    plan: string | null;
    status: string;
    reason: string;
    needsReview: boolean;
  } | null;
  record: Row | null;
  events: Row[];
  effects: (Row & { tries: Row[] })[];
  handoffs: Row[];
};

export class ApiError extends Error {}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & { detail?: string };
  if (!res.ok) throw new ApiError(json.detail ?? `Request failed (${res.status}).`);
  return json;
}

export const api = {
  createCustomer: (persona: string) => call<Customer>('/demo/api/customers', { persona }),
  token: (customerId: string) =>
    call<{ token: string; expiresAt: number }>('/demo/api/token', { customerId }),
  send: (customerId: string, action: string) =>
    call<{ events: { id: string; type: string; outcome: string }[] }>('/demo/api/events', {
      customerId,
      action,
    }),
  state: (customerId: string | undefined, conversationId: string | undefined) => {
    const q = new URLSearchParams();
    if (customerId) q.set('customer', customerId);
    if (conversationId) q.set('conversation', conversationId);
    return call<State>(`/demo/api/state?${q}`);
  },
};

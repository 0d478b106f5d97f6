// A fake Slack incoming webhook: POST { text, blocks? } -> 200 "ok"; no text -> 400 invalid_payload.
import { Hono } from 'hono';
import { createFaults } from './faults.ts';
import { type Served, serveFake } from './serve.ts';

export type FakeSlack = Served & {
  messages: { text: string; blocks?: unknown[] }[];
  faults: ReturnType<typeof createFaults>;
};

export async function startFakeSlack(): Promise<FakeSlack> {
  const messages: FakeSlack['messages'] = [];
  const faults = createFaults();
  const app = new Hono();
  app.use(faults.middleware);
  app.post('*', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { text?: string; blocks?: unknown[] } | null;
    if (!body?.text) return c.text('invalid_payload', 400);
    messages.push({ text: body.text, ...(body.blocks && { blocks: body.blocks }) });
    return c.text('ok');
  });
  const served = await serveFake(app);
  // The path stands in for Slack's /services/T/B/secret.
  return { ...served, url: `${served.url}/services/T000/B000/fake`, messages, faults };
}

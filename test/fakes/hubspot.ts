// A fake HubSpot CRM v3 contacts API: batch upsert by e-mail (same e-mail -> same contact id, `new`
// only on creation) and PATCH by id, behind Bearer auth. It records every call.
import { Hono } from 'hono';
import { createFaults } from './faults.ts';
import { type Served, serveFake } from './serve.ts';

export type FakeContact = { id: string; properties: Record<string, string>; createdAt: string };
export type FakeHubspot = Served & {
  contacts: Map<string, FakeContact>;
  /** Contacts created (an upsert that found none): the number a duplicate would inflate. */
  readonly created: number;
  calls: { method: string; path: string; body: unknown }[];
  faults: ReturnType<typeof createFaults>;
  byEmail(email: string): FakeContact | undefined;
};

type UpsertInput = { idProperty?: string; id?: string; properties?: Record<string, string> };

export async function startFakeHubspot(opts: { token: string }): Promise<FakeHubspot> {
  const contacts = new Map<string, FakeContact>();
  const calls: FakeHubspot['calls'] = [];
  const faults = createFaults();
  let created = 0;
  let seq = 1000;
  const byEmail = (email: string) =>
    [...contacts.values()].find((c) => c.properties.email?.toLowerCase() === email.toLowerCase());

  const app = new Hono();
  app.use(async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${opts.token}`) {
      return c.json({ status: 'error', category: 'INVALID_AUTHENTICATION' }, 401);
    }
    await next();
  });
  app.use(faults.middleware);
  app.post('/crm/v3/objects/contacts/batch/upsert', async (c) => {
    const body = (await c.req.json()) as { inputs?: UpsertInput[] };
    calls.push({ method: 'POST', path: c.req.path, body });
    const now = new Date().toISOString();
    const results = (body.inputs ?? []).map((input) => {
      if (input.idProperty !== 'email' || !input.id) throw new Error('fake hubspot: upsert by email only');
      const existing = byEmail(input.id);
      if (existing) {
        Object.assign(existing.properties, input.properties);
        return { ...existing, new: false, updatedAt: now, archived: false };
      }
      created += 1;
      const contact = {
        id: String(++seq),
        properties: { ...input.properties, email: input.id },
        createdAt: now,
      };
      contacts.set(contact.id, contact);
      return { ...contact, new: true, updatedAt: now, archived: false };
    });
    return c.json({ status: 'COMPLETE', results, startedAt: now, completedAt: now });
  });
  app.patch('/crm/v3/objects/contacts/:id', async (c) => {
    const body = (await c.req.json()) as { properties?: Record<string, string> };
    calls.push({ method: 'PATCH', path: c.req.path, body });
    const contact = contacts.get(c.req.param('id'));
    if (!contact) return c.json({ status: 'error', category: 'OBJECT_NOT_FOUND' }, 404);
    Object.assign(contact.properties, body.properties);
    return c.json({ ...contact, updatedAt: new Date().toISOString(), archived: false });
  });

  const served = await serveFake(app);
  return {
    ...served,
    contacts,
    calls,
    faults,
    byEmail,
    get created() {
      return created;
    },
  };
}

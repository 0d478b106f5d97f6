// CRM sync through HubSpot's CRM v3 API: one contact per customer, upserted by e-mail, carrying the
// billing record's plan and status. The handler syncs the record's *current* state, not a snapshot
// from enqueue time, so a late or retried job can never write an older state over a newer one.

import { lifecycleOf } from '../billing/effects-plan.ts';
import { lockRecord, saveRecord } from '../billing/ingest-store.ts';
import { getRecordByCustomer } from '../billing/queries.ts';
import type { BillingRecord } from '../billing/record.ts';
import type { Tx } from '../db/client.ts';
import { type Delivered, DeliveryError, type Handler } from './delivery.ts';
import { type Fetch, failureOf, send } from './http.ts';

export type ContactProperties = Record<string, string>;

export interface CrmClient {
  /** Creates the contact or updates the one with this e-mail; HubSpot keeps e-mail unique. */
  upsertByEmail(email: string, properties: ContactProperties, signal: AbortSignal): Promise<CrmContact>;
  /** Null when the contact no longer exists (deleted or merged in the CRM). */
  updateById(id: string, properties: ContactProperties, signal: AbortSignal): Promise<CrmContact | null>;
}
export type CrmContact = { id: string; created: boolean };

export function createHubspotClient(opts: { baseUrl: string; token: string; fetch?: Fetch }): CrmClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' };
  return {
    async upsertByEmail(email, properties, signal) {
      const url = `${base}/crm/v3/objects/contacts/batch/upsert`;
      const body = JSON.stringify({ inputs: [{ idProperty: 'email', id: email, properties }] });
      const res = await send('hubspot', url, { method: 'POST', headers, body, signal }, opts.fetch);
      // 207 is a batch with per-input errors: for a batch of one, that input failed.
      if (!res.ok || res.status === 207) throw await failureOf('hubspot', res);
      const json = (await res.json()) as { results?: { id?: string; new?: boolean }[] };
      const first = json.results?.[0];
      if (!first?.id) throw DeliveryError.retry('hubspot: upsert answered without a contact id');
      return { id: String(first.id), created: first.new === true };
    },
    async updateById(id, properties, signal) {
      const url = `${base}/crm/v3/objects/contacts/${encodeURIComponent(id)}`;
      const body = JSON.stringify({ properties });
      const res = await send('hubspot', url, { method: 'PATCH', headers, body, signal }, opts.fetch);
      if (res.status === 404) return null;
      if (!res.ok) throw await failureOf('hubspot', res);
      return { id, created: false };
    },
  };
}

/**
 * The contact as HubSpot should see it. Custom properties (ledgerdesk_*) must exist in the portal
 * (see src/jobs/README.md); an empty string clears a property in HubSpot. lifecyclestage is only
 * ever raised to customer: HubSpot refuses to move it backwards without clearing it first.
 */
export function contactProperties(record: BillingRecord): ContactProperties {
  const sub = record.subscription;
  const props: ContactProperties = {
    ledgerdesk_stripe_customer_id: record.stripeCustomerId,
    ledgerdesk_lifecycle: lifecycleOf(record),
    ledgerdesk_plan: sub?.planId ?? '',
    ledgerdesk_subscription_status: record.deleted ? 'deleted' : (sub?.status ?? 'none'),
    ledgerdesk_has_access: String(record.access.hasAccess),
    ledgerdesk_cancel_at_period_end: String(sub?.cancelAtPeriodEnd ?? false),
    ledgerdesk_current_period_end: sub?.currentPeriodEnd ?? '',
  };
  if (record.email) props.email = record.email;
  if (record.facts.firstPaid) props.lifecyclestage = 'customer';
  if (record.name) {
    const [first = '', ...rest] = record.name.trim().split(/\s+/);
    props.firstname = first;
    if (rest.length > 0) props.lastname = rest.join(' ');
  }
  return props;
}

const same = (a: ContactProperties, b: ContactProperties) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** How many times one job re-syncs when the record keeps changing under it before it lets go. */
const MAX_ROUNDS = 3;

export function crmHandler(client: CrmClient): Handler {
  return async ({ job, db, signal }): Promise<Delivered> => {
    const customerId = job.stripeCustomerId;
    if (!customerId) throw DeliveryError.permanent('crm: the job names no customer');
    let record = await loadRecord(db, customerId);
    for (let round = 1; ; round++) {
      const props = contactProperties(record);
      const contact = await syncContact(client, record, props, signal);
      // Another job of this customer may have written a newer state meanwhile, and this one's write
      // may have landed after it: re-read, and write again if the record moved on, so the last
      // write to finish always carries the current state.
      const latest = await loadRecord(db, customerId);
      if (same(contactProperties(latest), props) || round >= MAX_ROUNDS) {
        return {
          outcome: 'delivered',
          detail: `contact ${contact.id}${contact.created ? ' created' : ' updated'}`,
          commit: (tx) => storeContactId(tx, customerId, contact.id),
        };
      }
      record = latest;
    }
  };
}

async function loadRecord(db: Parameters<typeof getRecordByCustomer>[0], id: string) {
  const record = await getRecordByCustomer(db, id);
  if (!record) throw DeliveryError.permanent(`crm: no billing record for ${id}`);
  return record;
}

/** An existing contact is updated by id (never re-created); a new one is upserted by e-mail. */
async function syncContact(
  client: CrmClient,
  record: BillingRecord,
  props: ContactProperties,
  signal: AbortSignal,
): Promise<CrmContact> {
  if (record.crmContactId) {
    const updated = await client.updateById(record.crmContactId, props, signal);
    if (updated) return updated;
  }
  // Without an e-mail HubSpot cannot deduplicate; it may still arrive (customer.updated), so retry.
  if (!record.email) throw DeliveryError.retry('crm: the record has no e-mail yet to upsert by');
  return client.upsertByEmail(record.email, props, signal);
}

async function storeContactId(tx: Tx, stripeCustomerId: string, contactId: string): Promise<void> {
  const { record } = await lockRecord(tx, stripeCustomerId);
  if (record.crmContactId === contactId) return;
  await saveRecord(tx, { ...record, crmContactId: contactId });
}

// The webhook fast path: a batch of verified events written in ONE autocommit statement, with no
// row locks held across round trips. Each round trip to the database costs far more CPU here than
// the reducer does (bench:webhooks; every query is a socket write through the driver and proxy), so
// the careful path's BEGIN, lock, write, COMMIT (ingest.ts) becomes, for records already in memory,
// a single statement, shared by every event that arrived while the previous batch was in flight.
//
// Safety is optimistic and checked by the database in that same statement:
//   - every record the batch changes is updated only if its row version is still the one the
//     reducer started from (compare-and-set); records it leaves alone must still be at that version;
//   - new customers are inserted only if no one else inserted them; every event must be new;
//   - no dispute may be waiting on a payment ref the batch registers (payment_refs, see ingest.ts);
// and a final ledgerdesk_assert() raises unless all of that held, which rolls the whole statement
// back. The batch is then re-read and tried once more, then run one event at a time on the
// locking path, which decides every
// case the fast path declines (duplicates, races with another process, waiting disputes). So the
// fast path only ever commits what the locking path would have committed for the same events.
import { sql } from 'drizzle-orm';
import { recordProjection } from '../billing/ingest-store.ts';
import { newPaymentRefs } from '../billing/payment-refs.ts';
import { type BillingRecord, emptyRecord } from '../billing/record.ts';
import { customerIdOf, reduce, type StripeEventLike } from '../billing/reduce.ts';
import { rowsOf } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { type EffectInput, JOBS_CHANNEL, jobRows } from '../jobs/enqueue.ts';
import { type IngestResult, type IngestSource, ingestEvent } from './ingest.ts';

type BatchDeps = Pick<Deps, 'db' | 'dbHandle' | 'config' | 'clock' | 'metrics' | 'recordCache' | 'log'>;

/** Per event, in input order: its result, or the error its careful-path retry ended with. */
export type BatchResult = IngestResult | Error;

/** SQLSTATE raised by ledgerdesk_assert (migration 0004). */
const ASSERT_FAILED = 'LD409';

type CustomerState = {
  id: string;
  /** Row version the reducer started from; null: no row yet. */
  version: number | null;
  start: BillingRecord | null;
  current: BillingRecord;
  changed: boolean;
};

export async function ingestBatch(
  deps: BatchDeps,
  events: StripeEventLike[],
  source: IngestSource = 'webhook',
): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array(events.length);
  // The fast path takes events that name their customer, once per id; the rest (disputes that name
  // only a charge, unsupported types, a second copy in the same batch) go the careful way after it.
  const fast: number[] = [];
  const careful: number[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (customerIdOf(e) && !ids.has(e.id)) {
      ids.add(e.id);
      fast.push(i);
    } else careful.push(i);
  }
  if (fast.length > 0) {
    const fastEvents = fast.map((i) => events[i]!);
    let written: IngestResult[] | null = null;
    // A conflict usually means a record moved on since it was cached (another instance, or a dispute
    // on the locking path next door): re-read once and retry before going one event at a time.
    for (let attempt = 0; attempt < 2 && !written; attempt++) {
      try {
        written = await writeFast(deps, fastEvents, source);
      } catch (err) {
        const conflict = sqlState(err) === ASSERT_FAILED;
        deps.metrics.ingestFallbacks.inc({ reason: conflict ? 'conflict' : 'error' });
        if (!conflict)
          deps.log.warn({ err }, 'ingest fast path failed; retrying each event on the locking path');
        for (const e of fastEvents) deps.recordCache.delete(customerIdOf(e)!);
        if (!conflict) break;
      }
    }
    if (written) {
      deps.metrics.ingestBatchSize.observe(fast.length);
      fast.forEach((i, k) => {
        results[i] = written[k]!;
      });
    } else careful.unshift(...fast);
  }
  careful.sort((a, b) => a - b);
  for (const i of careful) {
    results[i] = await ingestEvent(deps, events[i]!, source).catch((err: unknown) =>
      err instanceof Error ? err : new Error(String(err)),
    );
  }
  return results;
}

/**
 * The batch write; parameters as in writeFast. A prepared statement: parsed and planned once, so its
 * plan must not depend on table sizes: every customers lookup names its keys as `= any(array(…))`,
 * which is an index condition whatever the statistics (a join against the recordset alone was
 * planned as a sequential scan while the table was small, and kept).
 */
const RECORD_COLUMNS = `id text, auth_user_id text, email text, crm_contact_id text, subscription_id text,
    subscription_status text, plan text, has_access boolean, review_state text, support_thread_id text,
    record jsonb, version int`;
const WRITE_BATCH = `
    with locked as (
      select c.stripe_customer_id from customers c
      where c.stripe_customer_id = any(array(select jsonb_array_elements_text($14::jsonb)))
      order by c.stripe_customer_id
      for update
    ), ni as (
      insert into customers (stripe_customer_id, auth_user_id, email, crm_contact_id, subscription_id,
        subscription_status, plan, has_access, review_state, support_thread_id, record, version)
      select x.id, x.auth_user_id, x.email, x.crm_contact_id, x.subscription_id, x.subscription_status,
        x.plan, x.has_access, x.review_state, x.support_thread_id, x.record, x.version
      from jsonb_to_recordset($2::jsonb) as x(${RECORD_COLUMNS})
      where (select count(*) from locked) >= 0
      order by x.id
      on conflict (stripe_customer_id) do nothing
      returning 1
    ), refs as (
      insert into payment_refs (ref, stripe_customer_id)
      select x.ref, x.cid from jsonb_to_recordset($3::jsonb) as x(ref text, cid text)
      where (select count(*) from ni) >= 0
      order by x.ref
      on conflict (ref) do update
        set stripe_customer_id = coalesce(payment_refs.stripe_customer_id, excluded.stripe_customer_id)
      returning cardinality(deferred) as waiting
    ), cu as (
      update customers c set
        auth_user_id = x.auth_user_id, email = x.email, crm_contact_id = x.crm_contact_id,
        subscription_id = x.subscription_id, subscription_status = x.subscription_status, plan = x.plan,
        has_access = x.has_access, review_state = x.review_state, support_thread_id = x.support_thread_id,
        record = x.record, version = x.version, updated_at = now()
      from jsonb_to_recordset($1::jsonb) as x(${RECORD_COLUMNS}, expected int)
      where c.stripe_customer_id = any(array(select jsonb_array_elements_text($14::jsonb)))
        and c.stripe_customer_id = x.id and c.version = x.expected and (select count(*) from refs) >= 0
      returning 1
    ), ck as (
      select count(*) as n from customers c
      join jsonb_to_recordset($4::jsonb) as x(id text, expected int)
        on c.stripe_customer_id = x.id and c.version = x.expected
      where c.stripe_customer_id = any(array(select x.id from jsonb_to_recordset($4::jsonb) as x(id text)))
    ), ev as (
      insert into stripe_events (id, type, created, livemode, api_version, stripe_customer_id, payload, source, outcome)
      select x.id, x.type, to_timestamp(x.created), x.livemode, x.api_version, x.cid, x.payload, x.source, x.outcome
      from jsonb_to_recordset($5::jsonb)
        as x(id text, type text, created bigint, livemode boolean, api_version text, cid text, payload jsonb,
             source text, outcome text)
      order by x.id
      on conflict (id) do nothing
      returning id
    ), dup as (
      -- Events that changed nothing may be redeliveries: those already stored are counted, as the
      -- locking path counts them. (An event that changed the record cannot be one unless the record
      -- moved on since it was read, and then the compare-and-set above fails.)
      update stripe_events set duplicate_count = duplicate_count + 1, last_duplicate_at = now()
      where id = any(array(select jsonb_array_elements_text($6::jsonb)))
      returning id
    ), jb as (
      insert into jobs (kind, key, stripe_customer_id, payload, max_attempts, acked_at)
      select x.kind, x.key, x.stripe_customer_id, x.payload, x.max_attempts, $8::timestamptz
      from jsonb_to_recordset($7::jsonb)
        as x(kind text, key text, stripe_customer_id text, payload jsonb, max_attempts int, idx int)
      on conflict (key) do nothing
      returning key, pg_notify('${JOBS_CHANNEL}', '')::text as notified
    )
    select ledgerdesk_assert(
             (select count(*) from refs where waiting > 0) = 0
             and (select count(*) from cu) = $9::int
             and (select n from ck) = $10::int
             and (select count(*) from ni) = $11::int
             and (select count(*) from ev) + (select count(*) from dup) = $12::int
             and not exists (select 1 from ev right join jsonb_array_elements_text($13::jsonb) m(id)
                             on ev.id = m.id where ev.id is null),
             'ingest batch: a record, event or waiting dispute changed underneath it') as ok,
           (select coalesce(jsonb_agg(key), '[]'::jsonb) from jb) as queued,
           (select coalesce(jsonb_agg(id), '[]'::jsonb) from dup) as duplicates
  `;

/** The SQLSTATE of a database error, through drizzle's wrapping (DrizzleQueryError.cause). */
function sqlState(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 5;
    e = e.cause as typeof e, i++
  )
    if (typeof e.code === 'string') return e.code;
  return undefined;
}

/** Reduces the batch against known records and writes it in one asserted statement. */
async function writeFast(
  deps: BatchDeps,
  events: StripeEventLike[],
  source: IngestSource,
): Promise<IngestResult[]> {
  const ackedAt = deps.clock.now();
  const ctx = { catalogue: deps.config.PLAN_CATALOGUE, graceDays: deps.config.PAST_DUE_GRACE_DAYS };
  const state = await loadStates(deps, [...new Set(events.map((e) => customerIdOf(e)!))]);

  const results: IngestResult[] = [];
  const eventRows: Record<string, unknown>[] = [];
  const effects: (EffectInput & { idx: number })[] = [];
  events.forEach((event, idx) => {
    const s = state.get(customerIdOf(event)!)!;
    const reduced = reduce(s.current, event, ctx);
    if (reduced.outcome !== 'ignored' && reduced.outcome !== 'stale') {
      s.current = reduced.record;
      s.changed = true;
    }
    for (const e of reduced.effects) effects.push({ ...e, idx });
    results.push({ outcome: reduced.outcome, eventId: event.id, stripeCustomerId: s.id, effects: 0 });
    eventRows.push({
      id: event.id,
      type: event.type,
      created: event.created,
      livemode: event.livemode ?? false,
      api_version: event.api_version ?? null,
      cid: s.id,
      payload: event,
      source,
      outcome: reduced.outcome,
    });
  });

  const mayRepeat = results
    .filter((r) => r.outcome === 'stale' || r.outcome === 'ignored')
    .map((r) => r.eventId);
  const mustInsert = results
    .filter((r) => r.outcome !== 'stale' && r.outcome !== 'ignored')
    .map((r) => r.eventId);
  const changed: Record<string, unknown>[] = [];
  const unchanged: { id: string; expected: number }[] = [];
  const inserted: Record<string, unknown>[] = [];
  const refs: { ref: string; cid: string }[] = [];
  for (const s of state.values()) {
    if (s.version === null) inserted.push(columns(s.current, s.changed ? 1 : 0));
    else if (s.changed) changed.push({ ...columns(s.current, s.version + 1), expected: s.version });
    else unchanged.push({ id: s.id, expected: s.version });
    if (s.changed) for (const ref of newPaymentRefs(s.start, s.current)) refs.push({ ref, cid: s.id });
  }
  const jobs = jobRows(effects, ackedAt).map((j, k) => ({
    kind: j.kind,
    key: j.key,
    stripe_customer_id: j.stripeCustomerId,
    payload: j.payload,
    max_attempts: j.maxAttempts,
    idx: effects[k]!.idx,
  }));

  const [row] = await deps.dbHandle.query<{ queued: string[]; duplicates: string[] }>(
    WRITE_BATCH,
    [
      JSON.stringify(changed),
      JSON.stringify(inserted),
      JSON.stringify(refs),
      JSON.stringify(unchanged),
      JSON.stringify(eventRows),
      JSON.stringify(mayRepeat),
      JSON.stringify(jobs),
      ackedAt.toISOString(),
      changed.length,
      unchanged.length,
      inserted.length,
      eventRows.length,
      JSON.stringify(mustInsert),
      JSON.stringify(changed.map((c) => c.id)),
    ],
    'ledgerdesk_ingest_batch_v1',
  );
  const queued = new Set(row?.queued ?? []);
  for (const j of jobs) if (queued.has(j.key)) results[j.idx]!.effects += 1;
  const duplicates = new Set(row?.duplicates ?? []);
  for (const r of results) if (duplicates.has(r.eventId)) r.outcome = 'duplicate';
  for (const s of state.values()) {
    const version = s.version === null ? (s.changed ? 1 : 0) : s.changed ? s.version + 1 : s.version;
    deps.recordCache.set(s.id, { record: s.current, version });
  }
  return results;
}

/** Each customer's record and row version: from the cache, else one read for all the misses. */
async function loadStates(deps: BatchDeps, customerIds: string[]): Promise<Map<string, CustomerState>> {
  const out = new Map<string, CustomerState>();
  const misses: string[] = [];
  for (const id of customerIds) {
    const hit = deps.recordCache.get(id);
    if (hit)
      out.set(id, { id, version: hit.version, start: hit.record, current: hit.record, changed: false });
    else misses.push(id);
  }
  if (misses.length > 0) {
    const rows = rowsOf<{ id: string; record: BillingRecord; version: number }>(
      await deps.db.execute(sql`
        select stripe_customer_id as id, record, version from customers
        where stripe_customer_id = any(array(select jsonb_array_elements_text(${JSON.stringify(misses)}::jsonb)))`),
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const id of misses) {
      const row = found.get(id);
      out.set(id, {
        id,
        version: row ? row.version : null,
        start: row ? row.record : null,
        current: row ? row.record : emptyRecord(id),
        changed: false,
      });
    }
  }
  return out;
}

/** The row of a record: the jsonb value and its projections, keyed by column name. */
function columns(r: BillingRecord, version: number): Record<string, unknown> {
  const row: Record<string, unknown> = { id: r.stripeCustomerId, record: r, version };
  for (const [key, value] of Object.entries(recordProjection(r)))
    row[customers[key as keyof ReturnType<typeof recordProjection>].name] = value;
  return row;
}

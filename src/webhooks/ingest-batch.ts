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
// back. The batch is then re-read and tried once more, then run one event at a time on the locking
// path, which decides every case the fast path declines (duplicates, races with another process,
// waiting disputes). A waiting dispute is the one failure a retry cannot cure, so it is told apart
// (one read of payment_refs): only the events of the customers it waits on go to the locking path,
// and the rest of the batch is written at once. So the fast path only ever commits what the locking
// path would have committed for the same events.
import { sql } from 'drizzle-orm';
import { recordProjection } from '../billing/ingest-store.ts';
import { newPaymentRefs } from '../billing/payment-refs.ts';
import { type BillingRecord, emptyRecord } from '../billing/record.ts';
import { recordJson, withMembers } from '../billing/record-json.ts';
import { customerIdOf, paymentRefsOf, reduce, type StripeEventLike } from '../billing/reduce.ts';
import { answeredBySession, rowsOf } from '../db/client.ts';
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
  /** Per event, its customer when the caller resolved it (a dispute, see disputeCustomer). */
  resolved: (string | null)[] = [],
  /** Per event, the raw body it was verified from, if at hand. */
  raws: (string | undefined)[] = [],
): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array(events.length);
  // The fast path takes events whose customer is known, once per id; the rest (disputes whose
  // payment no record has registered, unsupported types, a second copy in the same batch) go the
  // careful way after it.
  let fast: number[] = [];
  const careful: number[] = [];
  const ids = new Set<string>();
  const customerOf = events.map((e, i) => resolved[i] ?? customerIdOf(e));
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (customerOf[i] && !ids.has(e.id)) {
      ids.add(e.id);
      fast.push(i);
    } else careful.push(i);
  }
  if (fast.length > 0) {
    const item = (i: number) => ({ event: events[i]!, customer: customerOf[i]!, raw: raws[i] });
    let written: IngestResult[] | null = null;
    let unreachable: DatabaseUnreachable | null = null;
    // A conflict usually means a record moved on since it was cached (another instance, or a dispute
    // on the locking path next door): re-read once and retry before going one event at a time.
    for (let attempt = 0; attempt < 2 && !written && fast.length > 0; attempt++) {
      try {
        written = await writeFast(deps, fast.map(item), source, attempt === 0);
      } catch (err) {
        if (err instanceof WaitingDispute) {
          // A dispute waits for a payment this batch registers: by design only the locking path
          // applies it (ingest.ts, claimRefs), and a retry would fail the same way. Those customers'
          // events go there; the rest of the batch is written as it was, without counting it as a
          // retry (their cached records are still current: nothing of the statement committed).
          deps.metrics.ingestFallbacks.inc({ reason: 'waiting_dispute' });
          for (const id of err.customers) deps.recordCache.forget(id);
          const stay: number[] = [];
          for (const i of fast) (err.customers.has(customerOf[i]!) ? careful : stay).push(i);
          fast = stay;
          attempt--;
          continue;
        }
        const conflict = sqlState(err) === ASSERT_FAILED;
        deps.metrics.ingestFallbacks.inc({ reason: conflict ? 'conflict' : 'error' });
        for (const i of fast) deps.recordCache.forget(customerOf[i]!);
        if (conflict) continue;
        // The database is out of reach: each event on its own would wait for the same failure in
        // turn (a connect timeout apiece) while Stripe's delivery times out. Answer now; Stripe
        // retries, and nothing of this statement committed.
        if (err instanceof DatabaseUnreachable) unreachable = err;
        else deps.log.warn({ err }, 'ingest fast path failed; retrying each event on the locking path');
        break;
      }
    }
    if (written) {
      deps.metrics.ingestBatchSize.observe(fast.length);
      fast.forEach((i, k) => {
        results[i] = written[k]!;
      });
    } else if (unreachable) {
      for (const i of fast) results[i] = unreachable;
    } else careful.unshift(...fast);
  }
  careful.sort((a, b) => a - b);
  for (const i of careful) {
    const result = await ingestEvent(deps, events[i]!, source).catch((err: unknown) =>
      err instanceof Error ? err : new Error(String(err)),
    );
    // The locking path may have written a record this process keeps (a dispute it routed to its
    // customer, say): forget the cached copy, so the next batch reads the record instead of failing
    // its compare-and-set against an old version and paying a retry. The row exists now (the
    // locking path creates it), so a customer.created arriving after it is read, not presumed new.
    if (!(result instanceof Error) && result.stripeCustomerId)
      deps.recordCache.written(result.stripeCustomerId);
    results[i] = result;
  }
  return results;
}

/** What one batch writes; each list may be empty except the events. */
type BatchWrite = {
  /** Records the batch changed: their columns, the new version and the version reduced from. */
  changed: RecordRow[];
  /** Records of customers with no row yet. */
  inserted: RecordRow[];
  /** Payment refs the changed records gained. */
  refs: { ref: string; cid: string }[];
  /** Records the batch read but did not change: still at this version, or the batch is stale. */
  unchanged: { id: string; expected: number }[];
  events: EventRow[];
  /** Events that changed nothing: stored now, or redeliveries (counted as duplicates). */
  mayRepeat: string[];
  /** Events that changed a record: each must be new. */
  mustInsert: string[];
  jobs: Record<string, unknown>[];
  ackedAt: Date;
};

/** An event row of the batch; `raw`, when present, is the verified body the payload was parsed from. */
type EventRow = { id: string; payload: StripeEventLike; raw: string | undefined } & Record<string, unknown>;

/** A customers row of the batch: the record and its projected columns, keyed by column name. */
type RecordRow = { record: BillingRecord } & Record<string, unknown>;

/**
 * The events as one JSON array. A payload whose raw body is at hand goes in as those bytes (JSON
 * that Stripe signed and JSON.parse accepted), not serialised again from the parsed event: that
 * second serialisation was a measurable share of the server's CPU per webhook.
 */
function eventsJson(rows: EventRow[]): string {
  const items = rows.map(({ payload, raw, ...row }) =>
    withMembers(JSON.stringify(row), [['payload', raw ?? JSON.stringify(payload)]]),
  );
  return `[${items.join(',')}]`;
}

/** Record rows as one JSON array, each record serialised by recordJson. */
function recordRowsJson(rows: RecordRow[]): string {
  const items = rows.map(({ record, ...row }) =>
    withMembers(JSON.stringify(row), [['record', recordJson(record)]]),
  );
  return `[${items.join(',')}]`;
}

type Statement = { name: string; text: string; params(b: BatchWrite): unknown[] };

/**
 * The batch write as one prepared statement. A prepared statement is parsed and planned once, so
 * its plan must not depend on table sizes: every customers lookup names its keys as
 * `= any(array(…))`, an index condition whatever the statistics (a join against the recordset alone
 * was planned as a sequential scan while the table was small, and kept).
 *
 * The statement leaves out the parts a batch does not need (no new customers, no refs, no jobs…):
 * PostgreSQL initialises every part of a plan on each execution, which was about a tenth of its
 * CPU per webhook at low rates. Each shape is its own prepared statement (at most 2^6 of them).
 * The parts that take locks keep one order (customers, new customers, refs, then the updates), so
 * concurrent batches cannot deadlock; each waits for the one before it through a scalar subquery.
 */
function batchStatement(b: BatchWrite): Statement {
  const shape =
    (b.changed.length > 0 ? 1 : 0) |
    (b.inserted.length > 0 ? 2 : 0) |
    (b.refs.length > 0 ? 4 : 0) |
    (b.unchanged.length > 0 ? 8 : 0) |
    (b.mayRepeat.length > 0 ? 16 : 0) |
    (b.jobs.length > 0 ? 32 : 0);
  let statement = STATEMENTS.get(shape);
  if (!statement) {
    statement = buildStatement(shape);
    STATEMENTS.set(shape, statement);
  }
  return statement;
}

const STATEMENTS = new Map<number, Statement>();

const RECORD_COLUMNS = `id text, auth_user_id text, email text, crm_contact_id text, subscription_id text,
    subscription_status text, plan text, has_access boolean, review_state text, support_thread_id text,
    record jsonb, version int`;

function buildStatement(shape: number): Statement {
  const getters: ((b: BatchWrite) => unknown)[] = [];
  const param = (get: (b: BatchWrite) => unknown, cast: string) => {
    getters.push(get);
    return `$${getters.length}::${cast}`;
  };
  const json = (get: (b: BatchWrite) => unknown) => param((b) => JSON.stringify(get(b)), 'jsonb');
  const has = (bit: number) => (shape & bit) !== 0;
  const ctes: string[] = [];
  const checks: string[] = [];
  // The lock-taking parts run in this order: each waits for the one before it.
  let after = '';
  const chain = (name: string) => {
    const wait = after ? `(select count(*) from ${after}) >= 0` : 'true';
    after = name;
    return wait;
  };

  if (has(1)) {
    const ids = json((b) => b.changed.map((c) => c.id));
    ctes.push(`locked as (
      select c.stripe_customer_id from customers c
      where c.stripe_customer_id = any(array(select jsonb_array_elements_text(${ids})))
      order by c.stripe_customer_id
      for update
    )`);
    chain('locked');
  }
  if (has(2)) {
    ctes.push(`ni as (
      insert into customers (stripe_customer_id, auth_user_id, email, crm_contact_id, subscription_id,
        subscription_status, plan, has_access, review_state, support_thread_id, record, version)
      select x.id, x.auth_user_id, x.email, x.crm_contact_id, x.subscription_id, x.subscription_status,
        x.plan, x.has_access, x.review_state, x.support_thread_id, x.record, x.version
      from jsonb_to_recordset(${param((b) => recordRowsJson(b.inserted), 'jsonb')}) as x(${RECORD_COLUMNS})
      where ${chain('ni')}
      order by x.id
      on conflict (stripe_customer_id) do nothing
      returning 1
    )`);
    checks.push(`(select count(*) from ni) = ${param((b) => b.inserted.length, 'int')}`);
  }
  if (has(4)) {
    ctes.push(`refs as (
      insert into payment_refs (ref, stripe_customer_id)
      select x.ref, x.cid from jsonb_to_recordset(${json((b) => b.refs)}) as x(ref text, cid text)
      where ${chain('refs')}
      order by x.ref
      on conflict (ref) do update
        set stripe_customer_id = coalesce(payment_refs.stripe_customer_id, excluded.stripe_customer_id)
      returning cardinality(deferred) as waiting
    )`);
    checks.push('(select count(*) from refs where waiting > 0) = 0');
  }
  if (has(1)) {
    ctes.push(`cu as (
      update customers c set
        auth_user_id = x.auth_user_id, email = x.email, crm_contact_id = x.crm_contact_id,
        subscription_id = x.subscription_id, subscription_status = x.subscription_status, plan = x.plan,
        has_access = x.has_access, review_state = x.review_state, support_thread_id = x.support_thread_id,
        record = x.record, version = x.version, updated_at = now()
      from jsonb_to_recordset(${param((b) => recordRowsJson(b.changed), 'jsonb')}) as x(${RECORD_COLUMNS}, expected int)
      where c.stripe_customer_id = any(array(select stripe_customer_id from locked))
        and c.stripe_customer_id = x.id and c.version = x.expected and ${chain('cu')}
      returning 1
    )`);
    checks.push(`(select count(*) from cu) = ${param((b) => b.changed.length, 'int')}`);
  }
  if (has(8)) {
    const unchanged = json((b) => b.unchanged);
    ctes.push(`ck as (
      select count(*) as n from customers c
      join jsonb_to_recordset(${unchanged}) as x(id text, expected int)
        on c.stripe_customer_id = x.id and c.version = x.expected
      where c.stripe_customer_id = any(array(select x.id from jsonb_to_recordset(${unchanged}) as x(id text)))
    )`);
    checks.push(`(select n from ck) = ${param((b) => b.unchanged.length, 'int')}`);
  }
  ctes.push(`ev as (
      insert into stripe_events (id, type, created, livemode, api_version, stripe_customer_id, payload, source, outcome)
      select x.id, x.type, to_timestamp(x.created), x.livemode, x.api_version, x.cid, x.payload, x.source, x.outcome
      from jsonb_to_recordset(${param((b) => eventsJson(b.events), 'jsonb')})
        as x(id text, type text, created bigint, livemode boolean, api_version text, cid text, payload jsonb,
             source text, outcome text)
      order by x.id
      on conflict (id) do nothing
      returning id
    )`);
  const stored = param((b) => b.events.length, 'int');
  if (has(16)) {
    // Events that changed nothing may be redeliveries: those already stored are counted, as the
    // locking path counts them. (An event that changed the record cannot be one unless the record
    // moved on since it was read, and then the compare-and-set above fails.)
    ctes.push(`dup as (
      update stripe_events set duplicate_count = duplicate_count + 1, last_duplicate_at = now()
      where id = any(array(select jsonb_array_elements_text(${json((b) => b.mayRepeat)})))
      returning id
    )`);
    checks.push(`(select count(*) from ev) + (select count(*) from dup) = ${stored}`);
    // Every event that changed a record must be new: the count above alone cannot tell a new
    // event from a counted duplicate.
    checks.push(`not exists (select 1 from ev right join jsonb_array_elements_text(${json((b) => b.mustInsert)}) m(id)
                             on ev.id = m.id where ev.id is null)`);
  } else checks.push(`(select count(*) from ev) = ${stored}`);
  if (has(32)) {
    ctes.push(`jb as (
      insert into jobs (kind, key, stripe_customer_id, payload, max_attempts, acked_at)
      select x.kind, x.key, x.stripe_customer_id, x.payload, x.max_attempts, ${param((b) => b.ackedAt.toISOString(), 'timestamptz')}
      from jsonb_to_recordset(${json((b) => b.jobs)})
        as x(kind text, key text, stripe_customer_id text, payload jsonb, max_attempts int, idx int)
      on conflict (key) do nothing
      returning key, pg_notify('${JOBS_CHANNEL}', '')::text as notified
    )`);
  }
  const text = `with ${ctes.join(', ')}
    select ledgerdesk_assert(${checks.join('\n             and ')},
             'ingest batch: a record, event or waiting dispute changed underneath it') as ok,
           ${has(32) ? `(select coalesce(jsonb_agg(key), '[]'::jsonb) from jb)` : `'[]'::jsonb`} as queued,
           ${has(16) ? `(select coalesce(jsonb_agg(id), '[]'::jsonb) from dup)` : `'[]'::jsonb`} as duplicates`;
  return { name: `ledgerdesk_ingest_batch_v2_${shape}`, text, params: (b) => getters.map((g) => g(b)) };
}

/** The database could not be reached, or went away mid-statement: no event of the batch is stored. */
export class DatabaseUnreachable extends Error {
  constructor(cause: unknown) {
    super('database unreachable', { cause });
    this.name = 'DatabaseUnreachable';
  }
}

/**
 * A database call whose failure is told apart: an error the server answered (it has a SQLSTATE)
 * passes through; one it never answered (socket closed, no connection within the pool's timeout),
 * or a server going away (class 08, 57P), becomes DatabaseUnreachable.
 */
async function onDatabase<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    // Not a SQLSTATE at all (none, or a socket's code such as ECONNRESET): the server never answered.
    if (!answeredBySession({ code: sqlState(err) })) throw new DatabaseUnreachable(err);
    throw err;
  }
}

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

/**
 * The customer whose record registered the payment this dispute names, or null when none has yet.
 * A registered ref never changes owner, so the answer cannot go stale; null leaves the dispute to
 * the locking path, which stores it as waiting if its payment has still not arrived.
 */
export async function disputeCustomer(
  deps: Pick<Deps, 'dbHandle'>,
  event: StripeEventLike,
): Promise<string | null> {
  const { chargeId, paymentIntentId } = paymentRefsOf(event);
  const refs = [chargeId, paymentIntentId].filter((r): r is string => Boolean(r));
  if (refs.length === 0) return null;
  const [row] = await deps.dbHandle.query<{ id: string }>(
    `select stripe_customer_id as id from payment_refs
     where ref = any(array(select jsonb_array_elements_text($1::jsonb))) and stripe_customer_id is not null
     order by ref limit 1`,
    [JSON.stringify(refs)],
    'ledgerdesk_dispute_customer_v1',
  );
  return row?.id ?? null;
}

/** Reduces the batch against known records and writes it in one asserted statement. */
async function writeFast(
  deps: BatchDeps,
  items: { event: StripeEventLike; customer: string; raw: string | undefined }[],
  source: IngestSource,
  /** First attempt: a customer.created that misses the cache is taken to be a new customer. */
  guessNew: boolean,
): Promise<IngestResult[]> {
  const ackedAt = deps.clock.now();
  const ctx = { catalogue: deps.config.PLAN_CATALOGUE, graceDays: deps.config.PAST_DUE_GRACE_DAYS };
  const created = guessNew
    ? new Set(items.filter((i) => i.event.type === 'customer.created').map((i) => i.customer))
    : new Set<string>();
  const state = await loadStates(deps, [...new Set(items.map((i) => i.customer))], created);

  const results: IngestResult[] = [];
  const eventRows: EventRow[] = [];
  const effects: (EffectInput & { idx: number })[] = [];
  items.forEach(({ event, customer, raw }, idx) => {
    const s = state.get(customer)!;
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
      raw,
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
  const changed: RecordRow[] = [];
  const unchanged: { id: string; expected: number }[] = [];
  const inserted: RecordRow[] = [];
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

  const write: BatchWrite = {
    changed,
    inserted,
    refs,
    unchanged,
    events: eventRows,
    mayRepeat,
    mustInsert,
    jobs,
    ackedAt,
  };
  const statement = batchStatement(write);
  const [row] = await onDatabase(
    deps.dbHandle.query<{ queued: string[]; duplicates: string[] }>(
      statement.text,
      statement.params(write),
      statement.name,
    ),
  ).catch(async (err: unknown) => {
    if (sqlState(err) === ASSERT_FAILED && refs.length > 0) await throwIfDisputeWaits(deps, refs);
    throw err;
  });
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

/** The batch failed its assert while registering payment refs, and disputes wait on some of them. */
class WaitingDispute extends Error {
  constructor(
    /** The customers whose records registered those refs. */
    readonly customers: Set<string>,
  ) {
    super('a dispute waits for a payment this batch registers');
    this.name = 'WaitingDispute';
  }
}

/**
 * After a failed batch: one read of which of its refs a dispute waits on (the statement rolled back,
 * so none was claimed). Throws WaitingDispute naming their customers, or returns when there are none
 * (the assert failed for another reason, or the waiting dispute has been applied since).
 */
async function throwIfDisputeWaits(deps: BatchDeps, refs: { ref: string; cid: string }[]): Promise<void> {
  const rows = await onDatabase(
    deps.dbHandle.query<{ ref: string }>(
      `select ref from payment_refs
       where ref = any(array(select jsonb_array_elements_text($1::jsonb))) and cardinality(deferred) > 0`,
      [JSON.stringify(refs.map((r) => r.ref))],
      'ledgerdesk_waiting_refs_v1',
    ),
  );
  if (rows.length === 0) return;
  const waiting = new Set(rows.map((r) => r.ref));
  throw new WaitingDispute(new Set(refs.filter((r) => waiting.has(r.ref)).map((r) => r.cid)));
}

/**
 * Each customer's record and row version: from the cache, else one read for all the misses.
 * A miss in `presumedNew` is not read: its customer.created says it is new, almost always (Stripe
 * sends it before anything else about that customer), unless this process knows the row exists
 * (the cache keeps that after the locking path wrote it). The statement inserts such a record only
 * if no row exists, and asserts that it did; when the guess was wrong the batch is retried with a read.
 */
async function loadStates(
  deps: BatchDeps,
  customerIds: string[],
  presumedNew: Set<string>,
): Promise<Map<string, CustomerState>> {
  const out = new Map<string, CustomerState>();
  const misses: string[] = [];
  for (const id of customerIds) {
    const hit = deps.recordCache.get(id);
    if (hit)
      out.set(id, { id, version: hit.version, start: hit.record, current: hit.record, changed: false });
    else if (presumedNew.has(id) && !deps.recordCache.rowExists(id))
      out.set(id, { id, version: null, start: null, current: emptyRecord(id), changed: false });
    else misses.push(id);
  }
  if (misses.length > 0) {
    const rows = rowsOf<{ id: string; record: BillingRecord; version: number }>(
      await onDatabase(
        deps.db.execute(sql`
        select stripe_customer_id as id, record, version from customers
        where stripe_customer_id = any(array(select jsonb_array_elements_text(${JSON.stringify(misses)}::jsonb)))`),
      ),
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
function columns(r: BillingRecord, version: number): RecordRow {
  const row: RecordRow = { id: r.stripeCustomerId, record: r, version };
  for (const [key, value] of Object.entries(recordProjection(r)))
    row[customers[key as keyof ReturnType<typeof recordProjection>].name] = value;
  return row;
}

// The record as JSON text, for the batch write (webhooks/ingest-batch.ts), reusing the text of the
// facts entries it already wrote. Facts entries (subscription snapshots, payments) are never changed
// once made: a merge replaces what it changes and shares the rest with the record before it
// (facts-merge.ts; reduce.property.test.ts freezes each step's input to hold it to that). So the text
// of an entry is computed once and kept with the entry, in a WeakMap that forgets it with the entry.
// JSON.stringify of a whole record was the largest single cost of the server's own code per webhook
// in a CPU profile of bench:webhooks (about 0.02 ms); most of it went on entries unchanged since the
// last write. No library serialises with per-object reuse like this; the output is plain JSON.stringify
// of each part, and a property test holds the whole to JSON.stringify's.
import type { BillingRecord } from './record.ts';

const ENTRY_JSON = new WeakMap<object, string>();

function entryJson(entry: object): string {
  let text = ENTRY_JSON.get(entry);
  if (text === undefined) {
    text = JSON.stringify(entry);
    ENTRY_JSON.set(entry, text);
  }
  return text;
}

function listJson(list: readonly object[]): string {
  return `[${list.map(entryJson).join(',')}]`;
}

/** An object serialised without some members, with those members' text appended. */
export function withMembers(head: string, members: [key: string, text: string][]): string {
  const tail = members.map(([key, text]) => `${JSON.stringify(key)}:${text}`).join(',');
  return head === '{}' ? `{${tail}}` : `${head.slice(0, -1)},${tail}}`;
}

/** JSON text of a record, equal as JSON to JSON.stringify(record). */
export function recordJson(record: BillingRecord): string {
  const { facts, ...derived } = record;
  const { subscriptions, payments, ...rest } = facts;
  const subs = subscriptions.map(({ entries, ...sub }) =>
    withMembers(JSON.stringify(sub), [['entries', listJson(entries)]]),
  );
  const factsText = withMembers(JSON.stringify(rest), [
    ['subscriptions', `[${subs.join(',')}]`],
    ['payments', listJson(payments)],
  ]);
  return withMembers(JSON.stringify(derived), [['facts', factsText]]);
}

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { StripeEventLike } from '../billing/reduce.ts';
import type { Deps } from '../deps.ts';
import { type IngestOutcome, ingestEvent } from './ingest.ts';

export type ReplaySummary = Record<IngestOutcome | 'invalid', number> & { total: number };

/**
 * Applies exported events (one JSON event per line) through the same ingest path as the webhook:
 * signature skipped (the file is trusted operator input), idempotency kept (a replayed id is a duplicate).
 */
export async function replayFile(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  file: string,
  onProgress?: (done: number, summary: ReplaySummary) => void,
): Promise<ReplaySummary> {
  const summary: ReplaySummary = {
    total: 0,
    applied: 0,
    duplicate: 0,
    ignored: 0,
    stale: 0,
    needs_review: 0,
    deferred: 0,
    invalid: 0,
  };
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    summary.total += 1;
    const event = parseEvent(line);
    if (!event) summary.invalid += 1;
    else summary[(await ingestEvent(deps, event, 'replay')).outcome] += 1;
    onProgress?.(summary.total, summary);
  }
  return summary;
}

function parseEvent(line: string): StripeEventLike | null {
  try {
    const e = JSON.parse(line) as Partial<StripeEventLike> & { object?: string };
    if (typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.created !== 'number' || !e.data)
      return null;
    return e as StripeEventLike;
  } catch {
    return null;
  }
}

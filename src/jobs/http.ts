// The one HTTP path every adapter uses: a timeout tied to the job's lease, and one place that
// decides which answers are worth retrying.
import { DeliveryError } from './delivery.ts';

export type Fetch = typeof fetch;

const MAX_ERROR_BODY = 300;

/** fetch, with network failures and timeouts turned into retryable delivery errors. */
export async function send(
  target: string,
  url: string,
  init: RequestInit & { signal: AbortSignal },
  fetchImpl: Fetch = fetch,
): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (err) {
    const why = init.signal.aborted ? 'timed out' : err instanceof Error ? err.message : String(err);
    throw DeliveryError.retry(`${target}: request failed (${why})`);
  }
}

/**
 * 408, 425, 429 and 5xx are the target saying "not now"; any other 4xx says the request itself is
 * wrong, which a retry cannot fix. The body is cut short: it goes into the effect log.
 */
export async function failureOf(target: string, res: Response): Promise<DeliveryError> {
  const body = (await res.text().catch(() => '')).slice(0, MAX_ERROR_BODY);
  const message = `${target}: HTTP ${res.status}${body ? ` ${body}` : ''}`;
  if (isTransient(res.status))
    return DeliveryError.retry(message, retryAfterMs(res.headers.get('retry-after')));
  return DeliveryError.permanent(message);
}

export function isTransient(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Retry-After as seconds or an HTTP date; anything unparseable is ignored, never "retry now". */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// The Neon driver sends every PostgreSQL protocol message as its own WebSocket frame when
// coalesceWrites is off (a query is 5 of them: Parse, Bind, Describe, Execute, Sync), and when it
// is on it batches them behind setTimeout(0), which costs about a millisecond per round trip
// (measured here: ~1.4 ms vs ~0.23 ms per query). node-postgres writes a query's messages in one
// synchronous burst, so batching them in a microtask gives one frame per query with no added delay.
// Written here because neither the driver nor `ws` offers that mode.
// `bufferutil` (a dependency for this) lets `ws` mask each client frame natively: a query's frame
// carries the batch's records and payloads, and masking them byte by byte in JavaScript showed in
// the server's CPU profile.
//
// It also leaves out the Flush message the driver sends right before each Sync. The Neon driver
// bundles an older node-postgres, whose `sync()` writes Flush then Sync; node-postgres itself
// dropped the Flush in 2022 (brianc/node-postgres#2842: Sync already flushes). With the Flush,
// PostgreSQL sends a write's results before it commits and its ReadyForQuery after the WAL flush,
// so every statement came back as two packets: two wake-ups, reads and frames for the proxy and
// for this process (strace of the server and of its backend under bench:webhooks).
import WebSocket from 'ws';

/** The protocol's Flush ('H', length 4) and Sync ('S', length 4) messages, as the driver writes them. */
const FLUSH = Buffer.from([0x48, 0, 0, 0, 4]);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/** The parts without any Flush whose next part is a Sync: the Sync flushes the same output. */
export function withoutFlushBeforeSync(parts: Uint8Array[]): Uint8Array[] {
  return parts.filter((part, i) => !(FLUSH.equals(part) && startsWith(parts[i + 1], SYNC)));
}

function startsWith(part: Uint8Array | undefined, message: Buffer): boolean {
  return !!part && part.length >= message.length && message.equals(part.subarray(0, message.length));
}

export class CoalescingWebSocket extends WebSocket {
  #pending: Uint8Array[] = [];
  #scheduled = false;

  override send(data: unknown, ...rest: unknown[]): void {
    if (rest.length > 0 || !(data instanceof Uint8Array)) {
      (super.send as (...a: unknown[]) => void)(data, ...rest);
      return;
    }
    this.#pending.push(data);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const parts = withoutFlushBeforeSync(this.#pending);
    this.#pending = [];
    if (parts.length === 0) return;
    if (this.readyState === WebSocket.CONNECTING) {
      // ws throws on send while connecting; keep the bytes, in order, for the open event.
      this.#pending = [...parts, ...this.#pending];
      this.once('open', () => this.#flush());
      return;
    }
    // Closing or closed: ws drops the data itself, as it would have for the unbatched sends.
    super.send(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  }
}

// A snapshot's version: the total order every ordering decision in billing/ is made with.
// See the tie rule at the top of reduce.ts.
import { z } from 'zod';

export const VersionSchema = z.strictObject({
  /** The event's `created`, unix seconds. */
  created: z.number().int(),
  /** How far along its object's lifecycle the snapshot is; breaks same-second ties. */
  rank: z.number().int(),
  eventId: z.string(),
});
export type Version = z.infer<typeof VersionSchema>;

export function compareVersions(a: Version, b: Version): number {
  if (a.created !== b.created) return a.created - b.created;
  if (a.rank !== b.rank) return a.rank - b.rank;
  // Code-unit order, not localeCompare: it must not depend on the machine's locale.
  if (a.eventId === b.eventId) return 0;
  return a.eventId < b.eventId ? -1 : 1;
}

export function isNewer(candidate: Version, current: Version | null | undefined): boolean {
  return !current || compareVersions(candidate, current) > 0;
}

export function maxVersion(a: Version | null, b: Version | null): Version | null {
  if (!a) return b;
  if (!b) return a;
  return compareVersions(a, b) >= 0 ? a : b;
}

export function minVersion(a: Version | null, b: Version | null): Version | null {
  if (!a) return b;
  if (!b) return a;
  return compareVersions(a, b) <= 0 ? a : b;
}

export function toIso(unixSeconds: number): string;
export function toIso(unixSeconds: number | null | undefined): string | null;
export function toIso(unixSeconds: number | null | undefined): string | null {
  if (unixSeconds === null || unixSeconds === undefined) return null;
  let iso = ISO_CACHE.get(unixSeconds);
  if (iso === undefined) {
    iso = new Date(unixSeconds * 1000).toISOString();
    if (ISO_CACHE.size >= ISO_CACHE_SIZE) ISO_CACHE.clear();
    ISO_CACHE.set(unixSeconds, iso);
  }
  return iso;
}

/**
 * Recent conversions. Each record derivation turns the same few times (period ends, payment times)
 * into ISO strings about ten times over, and a Date plus toISOString each time was about 0.01 ms of
 * the server's CPU per webhook (CPU profile of bench:webhooks). Cleared when full: a bound, not an LRU.
 */
const ISO_CACHE = new Map<number, string>();
const ISO_CACHE_SIZE = 10_000;

export function toUnix(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO time: ${iso}`);
  return Math.floor(ms / 1000);
}

export const DAY_SECONDS = 86_400;

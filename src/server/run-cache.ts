/**
 * `GET /v1/runs/{id}` answers of finished runs, assembled once. A run that succeeded, failed or was cancelled
 * no longer changes (only `DELETE` removes it, and that route forgets it here), so its JSON text and its ETag
 * are kept and sent again as they are; a client that sends the ETag back in `If-None-Match` gets `304`.
 * Runs still queued or running are never kept. The cache holds at most `maxEntries` runs, least recently read
 * first out, so memory stays bounded.
 */
import { createHash } from 'node:crypto';

/** A kept answer. */
export interface CachedBody {
  body: string;
  etag: string;
}

/** Finished runs' answers by run id (least recently used out first). */
export class RunViewCache {
  private readonly entries = new Map<string, CachedBody>();

  constructor(private readonly maxEntries = 2_000) {}

  /** The kept answer of run `id`, or undefined. */
  get(id: string): CachedBody | undefined {
    const hit = this.entries.get(id);
    if (hit) {
      // re-insert so that the Map's order is the order of use
      this.entries.delete(id);
      this.entries.set(id, hit);
    }
    return hit;
  }

  /** Keeps `value` (serialized here, with a strong ETag of its text) as run `id`'s answer, and returns it. */
  put(id: string, value: unknown): CachedBody {
    const body = JSON.stringify(value);
    const entry = { body, etag: etagOf(body) };
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** Forgets run `id` (deleted). */
  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Runs kept. */
  get size(): number {
    return this.entries.size;
  }
}

/**
 * A strong ETag of a response text: a quoted base64url SHA-1 prefix (an identifier, not a secret).
 *
 * @example
 * etagOf('{}') // '"vyGp6PvFo4RvsFtPoIWeCR"'
 */
export function etagOf(text: string): string {
  return `"${createHash('sha1').update(text).digest('base64url').slice(0, 22)}"`;
}

/**
 * Whether an `If-None-Match` header names `etag` (a list, `*`, or weak forms `W/"..."` all match).
 *
 * @example
 * matchesEtag('W/"abc", "def"', '"def"') // true
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((part) => part.trim().replace(/^W\//, '') === etag);
}

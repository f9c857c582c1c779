/**
 * The bearer-token check of write routes, cheap enough to run on every request: the server's own token
 * (`FORESIGHT_TOKEN`) is hashed once at start, and a stored token that was found is remembered for a few
 * seconds, so a burst of writes costs one SHA-256 and a map lookup each instead of a query and an update of
 * the token's last use (recorded at most once per `ttlMs`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store.js';
import { hashToken } from '../store/token-hash.js';

/** Options of {@link TokenCheck}. */
export interface TokenCheckOptions {
  /** A token accepted besides the stored ones (FORESIGHT_TOKEN); empty or undefined: none. */
  token?: string;
  /** How long a stored token, once found, is accepted without asking the store; default 10 s. */
  ttlMs?: number;
  /** Most remembered tokens (the memory stays bounded whatever clients send); default 1,000. */
  maxEntries?: number;
  /** The clock (tests pass their own). */
  now?: () => number;
}

/**
 * Accepts the server's token and the stored ones. A token created with `foresight tokens create` is accepted
 * at once (unknown tokens are never remembered); a token deleted from the database stays accepted for at most
 * `ttlMs`.
 *
 * @example
 * const check = new TokenCheck(store, { token: 'secret' });
 * check.accepts('secret') // true
 * check.accepts('guess') // false
 */
export class TokenCheck {
  private readonly own: Buffer | null;
  private readonly found = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: TokenCheckOptions = {},
  ) {
    this.own = options.token ? Buffer.from(hashToken(options.token), 'hex') : null;
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether `token` may write. */
  accepts(token: string): boolean {
    const hash = hashToken(token);
    // comparing hashes of equal length keeps the comparison's time independent of the secret
    if (this.own && timingSafeEqual(Buffer.from(hash, 'hex'), this.own)) return true;
    const t = this.now();
    const until = this.found.get(hash);
    if (until !== undefined && until > t) return true;
    if (until !== undefined) this.found.delete(hash);
    if (this.store.findTokenByHash(hash) === null) return false;
    if (this.found.size >= this.maxEntries) this.found.clear();
    this.found.set(hash, t + this.ttlMs);
    return true;
  }
}

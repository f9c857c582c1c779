/**
 * API tokens: random, shown once, stored only as their SHA-256 hash (a token is 256 random bits, so a fast hash
 * is enough: there is nothing to brute-force).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of every token, so a leaked one is recognisable. */
export const TOKEN_PREFIX = 'fst_';

/**
 * A new random token: `fst_` and 43 base64url characters.
 *
 * @example
 * newToken().length // 47
 */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The stored form of a token (hex SHA-256).
 *
 * @example
 * hashToken('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two secrets in constant time (for a token given in the environment). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a), 'hex');
  const y = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(x, y);
}

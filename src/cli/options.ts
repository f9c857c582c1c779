/**
 * Parsing of CLI option values into typed arguments, with errors that name the flag and the value.
 */
import { ForesightError } from '../core/errors.js';

/**
 * A comma list of names: 'a, b,c' -> ['a', 'b', 'c'].
 *
 * @example
 * parseList('ets, naive2', '--model') // ['ets', 'naive2']
 */
export function parseList(value: unknown, flag: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = String(value).split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new ForesightError('invalid_argument', `${flag} "${value}" lists nothing`, { value: String(value) });
  return items;
}

/**
 * A positive integer. Throws ForesightError('invalid_argument') naming the flag.
 *
 * @example
 * parsePositiveInt('8', '--horizon') // 8
 */
export function parsePositiveInt(value: unknown, flag: string): number {
  const n = Number(value);
  if (value === undefined || value === true || !Number.isInteger(n) || n < 1) {
    throw new ForesightError('invalid_argument', `${flag} "${value ?? ''}" is not a positive integer`, { value: String(value ?? '') });
  }
  return n;
}

/**
 * A comma list of positive integers (season lengths): '24,168' -> [24, 168].
 *
 * @example
 * parseIntList('24,168', '--season') // [24, 168]
 */
export function parseIntList(value: unknown, flag: string): number[] {
  return parseList(value, flag).map((v) => parsePositiveInt(v, flag));
}

/**
 * Interval levels in percent, each strictly between 0 and 100: '80,95' -> [80, 95].
 *
 * @example
 * parseLevels('80,95') // [80, 95]
 */
export function parseLevels(value: unknown, flag = '--level'): number[] {
  return parseList(value, flag).map((v) => {
    const level = Number(v);
    if (!(level > 0 && level < 100)) throw new ForesightError('invalid_argument', `${flag} "${v}" is not a percentage strictly between 0 and 100`, { value: v });
    return level;
  });
}

/** A required option: throws ForesightError('invalid_argument') when absent. */
export function required(value: unknown, flag: string): string {
  if (value === undefined || value === null || value === '' || value === true) {
    throw new ForesightError('invalid_argument', `${flag} is required`);
  }
  return String(value);
}

/** Bounds a number flag must respect (all optional): `above` and `below` are strict, `atLeast` and `atMost` not. */
export interface NumberRule {
  above?: number;
  atLeast?: number;
  below?: number;
  atMost?: number;
  integer?: boolean;
}

function describe(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.integer) parts.push('a whole number');
  else parts.push('a number');
  if (rule.above !== undefined) parts.push(`above ${rule.above}`);
  if (rule.atLeast !== undefined) parts.push(`at least ${rule.atLeast}`);
  if (rule.below !== undefined) parts.push(`below ${rule.below}`);
  if (rule.atMost !== undefined) parts.push(`at most ${rule.atMost}`);
  return parts.join(' ');
}

/**
 * A finite number within `rule`, or `fallback` when the flag is absent (required when no fallback is given).
 * Throws ForesightError('invalid_argument') naming the flag, the value and the rule (a usage error, exit 2).
 *
 * @example
 * parseNumber('1e18', '--unit', { above: 0 }) // 1e18
 * parseNumber(undefined, '--bootstrap', { atLeast: 0, integer: true }, 200) // 200
 * parseNumber('-5', '--bootstrap', { atLeast: 0, integer: true }) // throws: --bootstrap "-5" is not a whole number at least 0
 */
export function parseNumber(value: unknown, flag: string, rule: NumberRule = {}, fallback?: number): number {
  if (value === undefined || value === null || value === '' || value === true) {
    if (fallback !== undefined) return fallback;
    throw new ForesightError('invalid_argument', `${flag} needs ${describe(rule)}`);
  }
  const text = String(value).trim();
  const v = text === '' ? NaN : Number(text);
  const ok =
    Number.isFinite(v) &&
    (!rule.integer || Number.isInteger(v)) &&
    (rule.above === undefined || v > rule.above) &&
    (rule.atLeast === undefined || v >= rule.atLeast) &&
    (rule.below === undefined || v < rule.below) &&
    (rule.atMost === undefined || v <= rule.atMost);
  if (!ok) throw new ForesightError('invalid_argument', `${flag} "${text}" is not ${describe(rule)}`, { value: text });
  return v;
}

/**
 * One interval level in percent (strictly between 0 and 100), or `fallback` when absent. Throws
 * ForesightError('invalid_argument') for a list or a bad value.
 *
 * @example
 * parseLevel('90', '--level', 95) // 90
 */
export function parseLevel(value: unknown, flag: string, fallback: number): number {
  if (value === undefined || value === null || value === '' || value === true) return fallback;
  const levels = parseLevels(value, flag);
  if (levels.length !== 1) throw new ForesightError('invalid_argument', `${flag} "${value}" gives ${levels.length} levels; this command takes one`, { value: String(value) });
  return levels[0];
}

/**
 * Values copied from COR's answers into a step's output: own properties only (a key named
 * `__proto__` stays a plain key), at most MAX_DEPTH levels deep, text and lists cut to a size
 * that Zapier's serialiser and the Zap editor handle. A deeper or larger answer still gives a
 * successful step: what COR wrote is not reported as a failure. Timestamps without a zone get
 * the connection's zone (src/records/timestamps.ts).
 */
import { UTC, withZone } from './timestamps.js';

export const MAX_DEPTH = 8;
export const MAX_TEXT = 10_000;
export const MAX_ITEMS = 500;

const cut = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT).toWellFormed()}… (cut at ${MAX_TEXT} characters)` : text);

/** Sets an own, enumerable property, whatever its name. */
export const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

export const copyFromCor = (value: unknown, zone = UTC, depth = 0): unknown => {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return cut(withZone(value, zone));
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return `[${Array.isArray(value) ? 'a list' : 'an object'} nested deeper than ${MAX_DEPTH} levels, left out]`;
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => copyFromCor(item, zone, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, MAX_ITEMS)) setOwn(out, key, copyFromCor((value as Record<string, unknown>)[key], zone, depth + 1));
  return out;
};

/** An object from COR, copied (anything else: an empty object). */
export const copyRecord = (value: unknown, zone = UTC): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (copyFromCor(value, zone) as Record<string, unknown>) : {};

/**
 * COR's main API, and some Integrations API answers, give timestamps without a zone
 * ("2025-01-10 14:30:00"), and COR documents none for them. This is the one place they are read:
 * as UTC by default, because COR's answers that do carry a zone carry UTC ("…T13:02:53.000Z") and
 * COR takes leave dates in UTC. A company whose COR answers in another zone sets its UTC offset on
 * the connection (Time Zone of COR Dates). Outputs then give ISO 8601 with that offset, as Zapier
 * asks ("2025-01-10T14:30:00Z"); timestamps that already carry a zone, and plain dates, stay as they are.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

export const UTC = 'Z';

/** A timestamp without a zone: a date, a space or T, a time. */
const NAIVE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** The zone of COR's naive timestamps for a connection: 'Z' or "+HH:MM"; undefined when the setting is not an offset. */
export const zoneOf = (authData: Bundle['authData'] | undefined): string | undefined => {
  const setting = String(authData?.time_zone ?? '').trim();
  if (['', 'Z', 'UTC', 'GMT'].includes(setting.toUpperCase())) return UTC;
  const match = OFFSET.exec(setting);
  if (!match || Number(match[2]) > 14 || Number(match[3]) > 59) return undefined;
  return Number(match[2]) + Number(match[3]) === 0 ? UTC : `${match[1]}${match[2]}:${match[3]}`;
};

export const BAD_ZONE_MESSAGE = 'Time Zone of COR Dates must be a UTC offset such as -03:00 or +05:30, or empty for UTC. Reconnect COR with a valid offset.';

/** The connection's zone for COR's timestamps; a setting that is not an offset stops the step with what to fix. */
export const corZone = (z: ZObject, bundle: Bundle): string => {
  const zone = zoneOf(bundle.authData);
  if (zone === undefined) throw new z.errors.Error(BAD_ZONE_MESSAGE, 'InvalidTimeZone');
  return zone;
};

/** "2025-01-10 14:30:00" → "2025-01-10T14:30:00Z" (or with the zone given); any other text as it is. */
export const withZone = (text: string, zone: string): string => {
  const match = NAIVE.exec(text);
  return match ? `${match[1]}T${match[2]}${zone}` : text;
};

/** Milliseconds of a COR timestamp ("2025-02-01 09:00:00", naive read as UTC, or ISO 8601); NaN when it is none. */
export const instantOf = (value: unknown): number => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return Number.NaN;
  const text = value.replace(' ', 'T');
  return Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text.slice(10)) ? text : `${text}Z`);
};

/**
 * One text per instant, in UTC ("2025-02-01T09:00:00.000Z"), whatever form COR wrote it in (naive
 * times read as UTC): a dedupe key that must not change when COR changes how it writes a time.
 */
export const utcInstant = (value: unknown): string | null => {
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? instantOf(value.trim()) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/**
 * Body fields as the writes read them, from JSON or from a form (whose values are text: `"12"`,
 * `"true"`, a repeated key as an array). COR's OpenAPI document has already been checked by the
 * time a route runs (sandbox/openapi/), so these only read values, and refuse what cannot be read.
 */
import { z } from 'zod';

const fromText =
  (read: (text: string) => unknown) =>
  (value: unknown): unknown =>
    typeof value === 'string' && value !== '' ? read(value) : value;

const FLAGS: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

export const int = z.preprocess(fromText(Number), z.number().int());
export const num = z.preprocess(fromText(Number), z.number());
export const bool = z.preprocess(
  fromText((text) => FLAGS[text] ?? text),
  z.boolean(),
);
/** A date-time with its offset, as sent ("2025-02-03T09:00:00-03:00"): read as its instant, in ms. */
export const instant = z.string().transform((text, context) => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) context.addIssue({ code: 'custom', message: 'Not a date-time' });
  return ms;
});
/** A list of COR IDs: a JSON array, a form's repeated key, or one value; an item may be `{id}` (project labels). */
export const ids = z.preprocess((value) => (value === undefined ? value : [value].flat()), z.array(z.union([int, z.object({ id: int }).transform((o) => o.id)])));

/** The fields of an object that are given (an update changes only those). */
export const given = (fields: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

/**
 * Field descriptions → zod schemas, and zod's issues → the Zap builder's message. zod does the
 * validating with its own types: ISO dates and date-times, e-mails, numbers and whole numbers
 * with their ranges, enums for choices, lists and line items; the order of two dates is a
 * refinement. One error map phrases every issue by the field's label, so one message lists every
 * bad field, before any request. zod/v3 is the entry point: a fifth of zod's import time and none
 * of its locale files (benchmarks/RESULTS.md), imported on the first validation only.
 */
import type { ZObject } from 'zapier-platform-core';
import type { z as Zod, ZodErrorMap, ZodIssue, ZodIssueOptionalMessage, ZodTypeAny } from 'zod/v3';
import type { FieldSpec, ForbidRule, OrderRule } from './entity.js';
import { isAbsent, rangeText } from './fields.js';
import { isFileUrl } from '../request/downloads.js';

type Z = typeof Zod;
let loading: Promise<Z> | undefined;
const loadZod = (): Promise<Z> => (loading ??= import('zod/v3').then((m) => m.z));

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TRUE = ['true', 'yes', '1'];
const FALSE = ['false', 'no', '0'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A path below the API's base URL: segments of RFC 3986 path characters, none of them "." or "..". No host, query or fragment can follow. */
const API_PATH = /^(\/([A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+)+\/?$/;
const isApiPath = (path: string): boolean => API_PATH.test(path) && !path.split('/').some((segment) => segment === '.' || segment === '..');

/** A UTC offset that exists: within ±14:00 (Kiribati), minutes below 60. */
const realOffset = (dateTime: string): boolean => {
  const m = /[+-](\d{2}):?(\d{2})$/.exec(dateTime.slice(16));
  return !m || (Number(m[2]) < 60 && Number(m[1]) * 60 + Number(m[2]) <= 14 * 60);
};

/** Year 0000 passes ISO 8601's pattern, but no calendar COR uses has it. */
const notYearZero = (t: string): boolean => !t.startsWith('0000');
const YEAR_ZERO = 'has the year 0000, which is not a year; use a year from 0001 on.';

/** One value: text, a number or true/false (a list or an object is not one). */
const single = (z: Z) => z.union([z.string(), z.number(), z.boolean()]);
/** Text as COR gets it: trimmed, and whole (half of an emoji cannot be sent). */
const text = (z: Z) =>
  single(z)
    .transform((v) => String(v).trim())
    .refine((t) => t.isWellFormed(), 'contains a broken character (half of an emoji or symbol); retype or remove it.');
const number = (z: Z, spec: FieldSpec) => {
  let n = z.number().finite();
  if (spec.type === 'integer') n = n.int().safe();
  if (spec.min !== undefined) n = n.min(spec.min);
  if (spec.max !== undefined) n = n.max(spec.max);
  return z.union([z.number(), z.string().trim().regex(NUMERIC).transform(Number)]).pipe(n);
};

/** The schema of one value of a field, by its type. */
const SCALARS: Record<FieldSpec['type'], (z: Z, spec: FieldSpec) => ZodTypeAny> = {
  string: text,
  text,
  id: (z) =>
    text(z)
      .refine(
        (t) => t !== '.' && t !== '..',
        (t) => ({ message: `cannot be "${t}": COR could not tell it apart from a URL path segment.` }),
      )
      .refine((t) => !CONTROL.test(t), 'must not contain control characters (line breaks, tabs).'),
  email: (z) => text(z).pipe(z.string().email()),
  number,
  integer: number,
  boolean: (z) =>
    z.union([
      z.boolean(),
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum([...TRUE, ...FALSE] as [string, ...string[]]))
        .transform((t) => TRUE.includes(t)),
    ]),
  // A full date-time is accepted for a date: its date part is used.
  date: (z) =>
    text(z)
      .pipe(
        z.union([
          z.string().date(),
          z
            .string()
            .datetime({ offset: true, local: true })
            .transform((d) => d.slice(0, 10)),
        ]),
      )
      .refine(notYearZero, YEAR_ZERO),
  datetime: (z) =>
    text(z)
      // COR's pages give date-times with their offset ("2026-05-11T00:00:00-00:00"): without one, COR would have to guess the zone.
      .pipe(z.string().datetime({ offset: true }))
      .refine(realOffset, (t) => ({ message: `has a UTC offset no place has; offsets go from -12:00 to +14:00; got ${show(t)}.` }))
      .refine(notYearZero, YEAR_ZERO)
      // RFC 3339, which COR's OpenAPI document names, writes an offset as ±HH:MM.
      .transform((t) => t.replace(/([+-]\d{2}):?(\d{2})?$/, (_m, hours: string, minutes?: string) => `${hours}:${minutes ?? '00'}`)),
  time: (z) => text(z).pipe(z.string().regex(TIME)),
  path: (z) => text(z).refine(isApiPath),
  json: (z) =>
    z.string().transform((t, ctx) => {
      try {
        return JSON.parse(t) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom' });
        return z.NEVER;
      }
    }),
  dict: (z) => z.record(single(z).transform(String)),
  file: (z) => text(z).refine(isFileUrl),
};

/** Choices compare without case, by value or by label ("High" for 2); COR gets the value as the description gives it (a number stays a number). */
const choice = (z: Z, spec: FieldSpec) => {
  const byText = new Map(spec.choices!.flatMap((c) => [[c.label.toLowerCase(), c.value] as const, [String(c.value).toLowerCase(), c.value] as const]));
  const values = spec.choices!.map((c) => z.literal(c.value));
  const oneOf = values.length === 1 ? values[0]! : z.union(values as unknown as [ZodTypeAny, ZodTypeAny, ...ZodTypeAny[]]);
  // Only a value that is one (text, a number, true/false) is looked up: an object may have no usable toString.
  return z.preprocess((v) => (['string', 'number', 'boolean'].includes(typeof v) ? (byText.get(String(v).trim().toLowerCase()) ?? v) : v), oneOf);
};

/** What Zapier sends for a field, as the schema reads it: empty is "not given" (or the default); one value of a list is a list. */
const given =
  (spec: FieldSpec) =>
  (raw: unknown): unknown => {
    const value = isAbsent(raw) || (Array.isArray(raw) && raw.every(isAbsent)) ? spec.default : raw;
    if (spec.list || spec.children) return value === undefined || Array.isArray(value) ? value : [value];
    return Array.isArray(value) && value.length === 1 ? value[0] : value;
  };

/** The schema of a field: a value, a list of values, or line items; optional unless required. */
const fieldSchema = (z: Z, spec: FieldSpec): ZodTypeAny => {
  const value = spec.choices ? choice(z, spec) : SCALARS[spec.type](z, spec);
  let schema: ZodTypeAny = value;
  if (spec.children) schema = z.array(z.object(shape(z, spec.children))).min(1);
  else if (spec.list)
    schema = z
      .array(
        z
          .any()
          .refine((v) => !isAbsent(v), 'is empty; remove it or map a value.')
          .pipe(value),
      )
      .min(1);
  if (spec.maxItems !== undefined) schema = (schema as Zod.ZodArray<ZodTypeAny>).max(spec.maxItems);
  return z.preprocess(given(spec), spec.required ? schema : schema.optional());
};

const shape = (z: Z, fields: readonly FieldSpec[]) => Object.fromEntries(fields.map((f) => [f.key, fieldSchema(z, f)]));

/** Milliseconds of a cleaned date or date-time (no offset: taken as UTC, the same for both sides), or HH:MM as minutes. */
const momentOf = (value: string): number => {
  if (TIME.test(value)) return Number(value.slice(0, 2)) * 60 + Number(value.slice(3));
  const offset = /[zZ]$|[+-]\d{2}:?\d{2}$/.test(value.slice(10)) ? '' : 'Z';
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : `${value}${offset}`);
};

/**
 * The order rules of a set of fields (and of its line items), as a schema of its own: a field
 * that fails its own checks counts as not given here, so a rule is judged whenever both of its
 * fields are valid, whatever else is wrong, and every bad field is listed at once.
 */
/** The cross-field rules of a step, beyond the order of dates in `rules`. */
export interface CrossRules {
  oneOf?: readonly (readonly string[])[];
  forbids?: readonly ForbidRule[];
}

const rulesSchema = (z: Z, fields: readonly FieldSpec[], rules: readonly OrderRule[], { oneOf = [], forbids = [] }: CrossRules = {}): ZodTypeAny | undefined => {
  const nested = fields.flatMap((f) => {
    const inner = f.children && rulesSchema(z, f.children, f.rules ?? []);
    // Rows that are not objects are the fields schema's to report: here they are empty rows.
    const rows = (v: unknown) => (Array.isArray(v) ? v.map((row) => (typeof row === 'object' && row !== null && !Array.isArray(row) ? row : {})) : []);
    return inner ? [[f.key, z.preprocess(rows, z.array(inner))] as const] : [];
  });
  if (!rules.length && !nested.length && !oneOf.length && !forbids.length) return undefined;
  const keys = new Set([...rules.flatMap((r) => [r.before, r.after]), ...oneOf.flat(), ...forbids.flatMap((r) => [r.field, r.when])]);
  const plain = fields.filter((f) => keys.has(f.key)).map((f) => [f.key, fieldSchema(z, f).catch(undefined)] as const);
  const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  return z.object(Object.fromEntries([...plain, ...nested])).superRefine((row, ctx) => {
    for (const { before, after } of rules) {
      const [start, end] = [row[before], row[after]] as (string | undefined)[];
      if (start === undefined || end === undefined || momentOf(end) >= momentOf(start)) continue;
      ctx.addIssue({ code: 'custom', path: [after], message: `must be on or after ${label(before)}: ${end} is before ${start}.` });
    }
    for (const group of oneOf) {
      const given = group.filter((key) => row[key] !== undefined);
      if (given.length === 1) continue;
      const names = group.map(label).join(' or ');
      ctx.addIssue({ code: 'custom', path: [group.at(-1)!], message: given.length ? `fill in ${names}, not both.` : `fill in ${names}: one of them is required.` });
    }
    for (const { field, when, values, because } of forbids) {
      if (row[field] === undefined || !values.includes(String(row[when]))) continue;
      ctx.addIssue({ code: 'custom', path: [field], message: `must be empty when ${label(when)} is ${String(row[when])}: ${because}.` });
    }
  });
};

/* ---------- zod's issues, phrased ---------- */

const show = (value: unknown): string => {
  let t: string;
  try {
    t = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    t = Object.prototype.toString.call(value); // a cycle, say: never fail while describing bad input
  }
  return t.length > 60 ? `"${t.slice(0, 57).toWellFormed()}..."` : `"${t.toWellFormed()}"`;
};

/** What a field must be, by its type (a choice: one of its values). */
const MUST: Record<FieldSpec['type'] | 'choice', (spec: FieldSpec) => string> = {
  string: () => 'must be text',
  text: () => 'must be text',
  id: () => 'must be text',
  email: () => 'must be an e-mail address like name@example.com',
  number: (s) => `must be a number (for example ${s.example})`,
  integer: (s) => `must be a whole number (for example ${s.example})`,
  boolean: () => 'must be true or false',
  date: (s) => `must be a date in the form YYYY-MM-DD (for example ${s.example})`,
  datetime: (s) => `must be an ISO 8601 date and time with its UTC offset (for example ${s.example})`,
  time: (s) => `must be a time as HH:MM on a 24-hour clock (for example ${s.example})`,
  path: () => 'must be a path below the COR API, such as /projects/123/messages: it starts with /, and has no host, no ".." and no "?" (put the query in Query)',
  json: () => 'must be JSON, such as {"name": "Acme"}',
  dict: () => 'must be pairs of a key and a value',
  file: () => 'must be a file from an earlier step, or a link to one that starts with https:// (or http://)',
  choice: (s) => `must be one of ${s.choices!.map((c) => `${c.value} (${c.label})`).join(', ')}`,
};

interface Place {
  spec: FieldSpec;
  /** "User Periods #2 › End Date". */
  label: string;
  /** The issue is about a whole line item (not one of its fields). */
  row: boolean;
}

/** The field an issue's path points at, and its label as the Zap builder sees it. */
const placeOf = (fields: readonly FieldSpec[], path: (string | number)[]): Place => {
  let within = fields;
  let place: Place = { spec: fields[0]!, label: 'Input', row: false };
  for (const step of path) {
    if (typeof step === 'number') {
      place = { ...place, label: `${place.label} #${step + 1}`, row: Boolean(place.spec.children) };
      continue;
    }
    const spec = within.find((f) => f.key === step);
    if (!spec) break;
    place = { spec, label: place.row ? `${place.label} › ${spec.label}` : spec.label, row: false };
    within = spec.children ?? [];
  }
  return place;
};

/** One issue, phrased for the field it is about. */
const phrase = (issue: ZodIssueOptionalMessage, value: unknown, { spec, row }: Place): string => {
  if (value === undefined) return spec.list || spec.children ? 'needs at least one entry.' : 'is required.';
  if (row) return `must be a line item with ${spec.children!.map((c) => c.label).join(', ')}.`;
  if (issue.code === 'too_small' && issue.type === 'array') return 'needs at least one entry.';
  if (issue.code === 'too_big' && issue.type === 'array') {
    return `COR accepts at most ${spec.maxItems} per step; got ${(value as unknown[]).length}. Split them over several steps (for example with Looping by Zapier).`;
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.type === 'number') {
    const range = Math.abs(Number(issue.code === 'too_big' ? issue.maximum : issue.minimum)) === Number.MAX_SAFE_INTEGER ? undefined : rangeText(spec);
    return `must be ${range ?? `a whole number between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`}; got ${show(value)}.`;
  }
  if (spec.type === 'dict' && issue.path.length > 1) return `${MUST.dict(spec)}; the value of ${show(issue.path.at(-1))} is ${show(value)}.`;
  if (Array.isArray(value)) return `takes one value; got a list of ${value.length}.`;
  if (typeof value === 'object' && value !== null) return `must be a single value, not a list or object; got ${show(value)}.`;
  return `${MUST[spec.choices ? 'choice' : spec.type](spec)}; got ${show(value)}.`;
};

/* ---------- a step's schema ---------- */

export interface StepSchema {
  fields: ZodTypeAny;
  rules?: ZodTypeAny;
  errorMap: ZodErrorMap;
  labelOf: (issue: ZodIssue) => string;
}

const schemas = new WeakMap<object, Promise<StepSchema>>();

/** The schema of a step's inputs, built on first use, once per owner (an operation, a trigger, a search). */
export const stepSchema = (owner: object, fields: readonly FieldSpec[], rules: readonly OrderRule[] = [], cross: CrossRules = {}): Promise<StepSchema> => {
  let schema = schemas.get(owner);
  if (!schema) {
    schema = loadZod().then((z) => ({
      fields: z.object(shape(z, fields)),
      rules: rulesSchema(z, fields, rules, cross),
      errorMap: (issue, ctx) => ({ message: phrase(issue, ctx.data, placeOf(fields, issue.path)) }),
      labelOf: (issue) => placeOf(fields, issue.path).label,
    }));
    schemas.set(owner, schema);
  }
  return schema;
};

export class InputValidationError extends Error {
  readonly issues: { label: string; message: string }[];
  constructor(issues: { label: string; message: string }[]) {
    super(`Some fields of this step are not valid, so nothing was sent to COR:\n${issues.map((i) => `• ${i.label}: ${i.message}`).join('\n')}`);
    this.name = 'InputValidationError';
    this.issues = issues;
  }
}

/** The cleaned input (absent fields left out, unknown keys dropped), or InputValidationError listing every bad field. */
export const parseInput = (schema: StepSchema, inputData: unknown): Record<string, unknown> => {
  const input = inputData ?? {};
  const fields = schema.fields.safeParse(input, { errorMap: schema.errorMap });
  const rules = schema.rules?.safeParse(input, { errorMap: schema.errorMap });
  const issues = [...(fields.success ? [] : fields.error.issues), ...(rules && !rules.success ? rules.error.issues : [])];
  if (issues.length) throw new InputValidationError(issues.map((i) => ({ label: schema.labelOf(i), message: i.message })));
  return fields.data as Record<string, unknown>;
};

/**
 * Input the Zap builder must fix: Zapier's HaltedError, which stops the run without counting towards
 * Zapier turning the Zap off (an AppError would). Its code, InvalidInput, rides along for logs and tests.
 */
// doNotContextify, as AppError has it: core would otherwise append the step's whole input to the message.
export const invalidInput = (z: ZObject, message: string): Error => Object.assign(new z.errors.HaltedError(message), { code: 'InvalidInput', doNotContextify: true });

/** A Zap step's input, validated: a bad field becomes a Zapier error before any request. */
export const parseStep = async (z: ZObject, schema: Promise<StepSchema>, inputData: unknown): Promise<Record<string, unknown>> => {
  try {
    return parseInput(await schema, inputData);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    throw invalidInput(z, error.message);
  }
};

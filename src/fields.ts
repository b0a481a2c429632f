/**
 * Field descriptions → Zapier input fields, and → zod schemas that validate and clean a
 * step's input before any request is sent, with one readable message per bad field.
 */
import type { z as Zod } from 'zod';
import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { DEFAULT_SOURCE, SOURCES } from './config.js';
import type { FieldSpec, FieldType, OrderRule } from './entity.js';

/* ---------- help text ---------- */

const FORMAT_HELP: Partial<Record<FieldType, string>> = {
  date: 'Format: YYYY-MM-DD (for example 2026-05-11); a full date-time is accepted and its date part is used.',
  datetime: 'Format: ISO 8601 date and time, for example 2026-05-11T09:00:00-03:00.',
  time: 'Format: HH:MM, 24-hour clock (for example 09:30).',
  email: 'An e-mail address.',
  number: 'A number; use a dot for decimals (for example 12.5).',
  integer: 'A whole number.',
};

export const referenceHelp = (noun: string): string =>
  `The ${noun.toLowerCase()}'s **external ID** (your system's ID, not COR's). The ${noun.toLowerCase()} must already have been created through this integration (**Create ${noun}** or **Create or Update ${noun}**) with the **same Source System** as this step.`;

/** "between 0 and 100", "at least 1", or undefined for a field without bounds. */
const rangeText = (spec: FieldSpec): string | undefined => {
  if (spec.min !== undefined && spec.max !== undefined) return `between ${spec.min} and ${spec.max}`;
  if (spec.min !== undefined) return `at least ${spec.min}`;
  return spec.max !== undefined ? `at most ${spec.max}` : undefined;
};

export const fieldHelp = (spec: FieldSpec): string => {
  const parts = [spec.help];
  if (spec.references) parts.push(referenceHelp(spec.references));
  const format = FORMAT_HELP[spec.type];
  if (format && !spec.choices && !spec.dynamic) parts.push(format);
  const range = rangeText(spec);
  if (range && !spec.dynamic) parts.push(`${range[0]!.toUpperCase()}${range.slice(1)}.`);
  // Long lists stay in the dropdown only; short ones are worth reading in the help text.
  if (spec.choices && spec.choices.length <= 8) {
    parts.push(`One of: ${spec.choices.map((c) => `${c.label} (\`${c.value}\`)`).join(', ')}.`);
  }
  if (spec.maxItems) parts.push(`At most ${spec.maxItems} per step.`);
  return parts.join(' ');
};

/* ---------- Zapier input fields ---------- */

const ZAPIER_TYPE: Record<FieldType, 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'datetime'> = {
  string: 'string',
  text: 'text',
  id: 'string',
  email: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  date: 'datetime',
  datetime: 'datetime',
  time: 'string',
};

/** The Zapier field for one description (line items become a field with `children`). */
export const toZapierField = (spec: FieldSpec): PlainInputField => {
  const base = {
    key: spec.key,
    label: spec.label,
    helpText: fieldHelp(spec),
    required: Boolean(spec.required),
  };
  if (spec.children) {
    // Zapier allows no help text on a line-item group: its guidance goes on the first column.
    const [first, ...rest] = spec.children.map(toZapierField) as (PlainInputField & { helpText?: string })[];
    const groupHelp = [spec.help, spec.maxItems ? `At most ${spec.maxItems} lines per step.` : ''].filter(Boolean).join(' ');
    const children = [{ ...first!, helpText: `${groupHelp} ${first!.helpText ?? ''}`.trim() }, ...rest];
    const { helpText: _none, ...group } = base;
    return { ...group, children } as unknown as PlainInputField;
  }
  const field: Record<string, unknown> = { ...base, type: ZAPIER_TYPE[spec.type] };
  if (spec.choices) {
    field.choices = spec.choices.map((c) => ({ value: String(c.value), label: c.label, sample: String(c.value) }));
    delete field.type; // a dropdown of strings; the schema turns the value back into COR's type
  }
  if (spec.dynamic) field.dynamic = spec.dynamic;
  if (spec.list) field.list = true;
  if (spec.default !== undefined) field.default = spec.default;
  if (spec.type === 'time' || spec.type === 'id') field.placeholder = String(spec.example);
  return field as unknown as PlainInputField;
};

/** Every action has it: the `metadata.source` COR keys the external-ID mapping by. */
export const sourceSpec: FieldSpec = {
  key: 'source',
  label: 'Source System',
  type: 'string',
  required: true,
  choices: SOURCES,
  default: DEFAULT_SOURCE,
  example: DEFAULT_SOURCE,
  help: 'The system whose IDs you use in this step. COR keeps external IDs per source system, so this must be the source that was used when the records were created: an ID created under Salesforce is not found under Zapier. Keep the default (Zapier) unless your IDs come from one of the listed systems.',
};

export const sourceField: PlainInputField = toZapierField(sourceSpec);

/* ---------- validation ---------- */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isRealDate = (y: string, m: string, d: string): boolean => {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
};

/** A UTC offset that exists: within ±14:00 (Kiribati is +14:00), minutes below 60. */
const realOffset = (zone: string | undefined): boolean => {
  const m = zone && zone.toUpperCase() !== 'Z' ? /^[+-](\d{2}):?(\d{2})$/.exec(zone) : null;
  return !m || (Number(m[2]) < 60 && Number(m[1]) * 60 + Number(m[2]) <= 14 * 60);
};

/** An ISO 8601 date-time that names a real moment (no 30 February, no 25:00, no +99:99), or undefined. */
const realDateTime = (text: string): RegExpExecArray | undefined => {
  const m = ISO_DATETIME.exec(text);
  if (!m || !isRealDate(m[1]!, m[2]!, m[3]!) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59 || !realOffset(m[7])) return undefined;
  return m;
};

/** Zapier sends '' (or nothing) for a field left empty; both mean "not given". */
export const isAbsent = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const show = (value: unknown): string => {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value); // e.g. a cycle: never fail while describing bad input
  }
  return text.length > 60 ? `"${text.slice(0, 57)}..."` : `"${text}"`;
};

type Check = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Check => ({ ok: true, value });
const bad = (message: string): Check => ({ ok: false, message });

/** Checks one present value of a scalar type; returns the value to send to COR. */
const checkScalar = (spec: FieldSpec, raw: unknown): Check => {
  if (typeof raw === 'object' && raw !== null) return bad(`must be a single value, not a list or object; got ${show(raw)}.`);
  if (spec.choices) {
    const wanted = String(raw).trim().toLowerCase();
    const choice = spec.choices.find((c) => String(c.value).toLowerCase() === wanted);
    return choice
      ? ok(choice.value)
      : bad(`must be one of ${spec.choices.map((c) => `${c.value} (${c.label})`).join(', ')}; got ${show(raw)}.`);
  }
  const text = String(raw).trim();
  // Half of an emoji (a lone UTF-16 surrogate) cannot be sent in a URL or read back by COR.
  if (!text.isWellFormed()) return bad('contains a broken character (half of an emoji or symbol); retype or remove it.');
  switch (spec.type) {
    case 'string':
    case 'text':
      return ok(text);
    case 'id':
      if (text === '.' || text === '..') return bad(`cannot be "${text}": COR could not tell it apart from a URL path segment.`);
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(text)) return bad('must not contain control characters (line breaks, tabs).');
      return ok(text);
    case 'email':
      return EMAIL.test(text) ? ok(text) : bad(`must be an e-mail address like name@example.com; got ${show(raw)}.`);
    case 'number':
    case 'integer': {
      const number = typeof raw === 'number' ? raw : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(number)) return bad(`must be a number (for example ${spec.example}); got ${show(raw)}.`);
      // Beyond 2^53 a whole number is no longer exact (and is sent as 1e+21).
      if (spec.type === 'integer' && !Number.isSafeInteger(number)) {
        return bad(`must be a whole number ${Number.isInteger(number) ? `no larger than ${Number.MAX_SAFE_INTEGER} ` : ''}; got ${show(raw)}.`.replace(' ;', ';'));
      }
      if ((spec.min !== undefined && number < spec.min) || (spec.max !== undefined && number > spec.max)) {
        return bad(`must be ${rangeText(spec)}; got ${show(raw)}.`);
      }
      return ok(number);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const lower = text.toLowerCase();
      if (['true', 'yes', '1'].includes(lower)) return ok(true);
      if (['false', 'no', '0'].includes(lower)) return ok(false);
      return bad(`must be true or false; got ${show(raw)}.`);
    }
    case 'date': {
      const m = ISO_DATE.exec(text) ?? realDateTime(text);
      if (!m || !isRealDate(m[1]!, m[2]!, m[3]!)) {
        return bad(`must be a date in the form YYYY-MM-DD (for example ${spec.example}); got ${show(raw)}.`);
      }
      return ok(`${m[1]}-${m[2]}-${m[3]}`);
    }
    case 'datetime':
      return realDateTime(text) ? ok(text) : bad(`must be an ISO 8601 date and time (for example ${spec.example}); got ${show(raw)}.`);
    case 'time':
      return TIME.test(text) ? ok(text) : bad(`must be a time as HH:MM on a 24-hour clock (for example ${spec.example}); got ${show(raw)}.`);
  }
};

/** Compares two cleaned values of a date, date-time or time field: negative when a < b. */
const compareMoments = (a: unknown, b: unknown): number => {
  const [x, y] = [String(a), String(b)];
  if (TIME.test(x) && TIME.test(y)) return x < y ? -1 : x > y ? 1 : 0;
  return epochOf(x) - epochOf(y);
};

/**
 * Milliseconds of a cleaned date or date-time (no offset: taken as UTC, the same for both sides).
 * Date.UTC, not Date.parse: Date.parse loads the time-zone data, ~6 ms of the app's import.
 */
const epochOf = (text: string): number => {
  const m = ISO_DATE.exec(text) ?? ISO_DATETIME.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', zone] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  const offset = zone && zone.toUpperCase() !== 'Z' ? /^([+-])(\d{2}):?(\d{2})$/.exec(zone) : null;
  return offset ? utc - (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : utc;
};

export interface FieldIssue {
  path: string; // the field's label as the Zap builder sees it
  message: string;
}

type Clean = Record<string, unknown>;

/** Validates one row (the inputs of an action, or one line item) against its field descriptions. */
const checkRow = (
  fields: readonly FieldSpec[],
  rules: readonly OrderRule[],
  input: Record<string, unknown>,
  prefix: string,
  issues: FieldIssue[],
): Clean => {
  const clean: Clean = {};
  for (const spec of fields) {
    const name = `${prefix}${spec.label}`;
    // Zapier fills a field's default when the step leaves it empty; do the same for other callers.
    const raw = isAbsent(input[spec.key]) && spec.default !== undefined ? spec.default : input[spec.key];
    const values = Array.isArray(raw) ? raw : [raw];
    const absent = Array.isArray(raw) ? raw.every(isAbsent) : isAbsent(raw);
    if (absent) {
      if (spec.required) {
        issues.push({ path: name, message: spec.list || spec.children ? 'needs at least one entry.' : 'is required.' });
      }
      continue;
    }
    if (!spec.list && !spec.children) {
      if (Array.isArray(raw) && raw.length > 1) {
        issues.push({ path: name, message: `takes one value; got a list of ${raw.length}.` });
        continue;
      }
      const result = checkScalar(spec, values[0]);
      if (result.ok) clean[spec.key] = result.value;
      else issues.push({ path: name, message: result.message });
      continue;
    }
    if (spec.maxItems !== undefined && values.length > spec.maxItems) {
      issues.push({
        path: name,
        message: `COR accepts at most ${spec.maxItems} per step; got ${values.length}. Split them over several steps (for example with Looping by Zapier).`,
      });
      continue;
    }
    const items: unknown[] = [];
    values.forEach((item, index) => {
      const itemName = `${name} #${index + 1}`;
      if (spec.children) {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          issues.push({ path: itemName, message: `must be a line item with ${spec.children.map((c) => c.label).join(', ')}.` });
          return;
        }
        items.push(checkRow(spec.children, spec.rules ?? [], item as Record<string, unknown>, `${itemName} › `, issues));
        return;
      }
      if (isAbsent(item)) {
        issues.push({ path: itemName, message: 'is empty; remove it or map a value.' });
        return;
      }
      const result = checkScalar(spec, item);
      if (result.ok) items.push(result.value);
      else issues.push({ path: itemName, message: result.message });
    });
    clean[spec.key] = items;
  }
  for (const rule of rules) {
    const before = clean[rule.before];
    const after = clean[rule.after];
    if (before !== undefined && after !== undefined && compareMoments(after, before) < 0) {
      const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
      issues.push({
        path: `${prefix}${label(rule.after)}`,
        message: `must be on or after ${label(rule.before)}: ${after} is before ${before}.`,
      });
    }
  }
  return clean;
};

export class InputValidationError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(
      `Some fields of this step are not valid, so nothing was sent to COR:\n${issues
        .map((i) => `• ${i.path}: ${i.message}`)
        .join('\n')}`,
    );
    this.name = 'InputValidationError';
    this.issues = issues;
  }
}

let zodLoading: Promise<typeof Zod> | undefined;
/**
 * zod is imported on the first validation, not with the app: it is a sixth of the app's cold
 * start (benchmarks/RESULTS.md), and loading the definition, the auth test and dropdowns never validate.
 */
const loadZod = (): Promise<typeof Zod> => (zodLoading ??= import('zod').then((m) => m.z));

/**
 * The zod schema for a set of fields: parses raw inputData into the cleaned values that
 * are sent to COR (absent fields left out), or fails with one issue per bad field.
 */
export const inputSchema = async (fields: readonly FieldSpec[], rules: readonly OrderRule[] = []) => {
  const zod = await loadZod();
  return zod.record(zod.string(), zod.unknown()).transform((input, ctx) => {
    const issues: FieldIssue[] = [];
    const clean = checkRow(fields, rules, input, '', issues);
    for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.path] });
    return clean;
  });
};

export type InputSchema = Awaited<ReturnType<typeof inputSchema>>;

/** A schema built on first use and kept: () => the same promise every time. */
export const lazySchema = (fields: readonly FieldSpec[], rules: readonly OrderRule[] = []): (() => Promise<InputSchema>) => {
  let schema: Promise<InputSchema> | undefined;
  return () => (schema ??= inputSchema(fields, rules));
};

/** The same checks without zod, synchronously: for samples and documentation built at load time. */
export const checkInput = (fields: readonly FieldSpec[], rules: readonly OrderRule[], input: Record<string, unknown>): Clean => {
  const issues: FieldIssue[] = [];
  const clean = checkRow(fields, rules, input, '', issues);
  if (issues.length) throw new InputValidationError(issues);
  return clean;
};

/** Runs a schema; throws InputValidationError listing every bad field. */
export const parseInput = (schema: InputSchema, inputData: unknown): Clean => {
  const result = schema.safeParse(inputData ?? {});
  if (result.success) return result.data;
  throw new InputValidationError(
    result.error.issues.map((i) => ({ path: String(i.path[0] ?? 'Input'), message: i.message })),
  );
};

/** A Zap step's input, validated: a bad field becomes a Zapier error before any request. */
export const parseStep = async (z: ZObject, schema: Promise<InputSchema>, inputData: unknown): Promise<Clean> => {
  const ready = await schema;
  try {
    return parseInput(ready, inputData);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    throw new z.errors.Error(error.message, 'InvalidInput');
  }
};


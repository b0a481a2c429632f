/**
 * Field descriptions → Zapier input fields: labels, help text (what the label does not say:
 * format, range, choices, references), dropdowns and line items. Validation is src/model/schema.ts.
 */
import type { PlainInputField } from 'zapier-platform-core';
import { byExternalId, DEFAULT_SOURCE, SOURCES } from '../request/config.js';
import type { Choice, FieldSpec, FieldType } from './entity.js';

/* ---------- help text ---------- */

const FORMAT_HELP: Partial<Record<FieldType, string>> = {
  date: 'Format: YYYY-MM-DD (for example 2026-05-11); a full date-time is accepted and its date part is used.',
  datetime: 'Format: ISO 8601 date and time with its UTC offset, for example 2026-05-11T09:00:00-03:00.',
  time: 'Format: HH:MM, 24-hour clock (for example 09:30).',
  json: 'JSON, for example `{"name": "Acme"}`.',
};

export const referenceHelp = (noun: string): string =>
  `The ${noun.toLowerCase()}'s **external ID**: the one it was created with through **${byExternalId('Create', noun)}** or **${byExternalId('Create or Update', noun)}**, under the same Source System.`;

/** "between 0 and 100", "at least 1", or undefined for a field without bounds. */
export const rangeText = (spec: FieldSpec): string | undefined => {
  if (spec.min !== undefined && spec.max !== undefined) return `between ${spec.min} and ${spec.max}`;
  if (spec.min !== undefined) return `at least ${spec.min}`;
  return spec.max !== undefined ? `at most ${spec.max}` : undefined;
};

export const fieldHelp = (spec: FieldSpec): string => {
  const parts = [spec.help ?? ''];
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
  if (spec.search) parts.push(`Or map the COR ID that a **${searchLabel(spec.search)}** step gives.`);
  // A help of only white space (or none) adds nothing: no part of it reaches Zapier.
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
};

/* ---------- Zapier input fields ---------- */

/** "find_task.id" → "Find Task": the label of the search a field names (searches are labelled "Find <Noun>"). */
const searchLabel = (search: string): string =>
  search
    .split('.')[0]!
    .split('_')
    .map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`)
    .join(' ');

const ZAPIER_TYPE: Record<FieldType, 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'datetime' | 'file'> = {
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
  path: 'string',
  json: 'text',
  dict: 'string',
  file: 'file',
};

/**
 * Choices as Zapier's `{value: label}` object: one object where a list of {value, label} makes one per
 * choice, and Zapier copies every object of the definition on every run. A list only where an object
 * would reorder them (JavaScript puts whole-number keys first: 0, 1, 2 before 0.25).
 */
const choicesOf = (choices: readonly Choice[]): Record<string, string> | { value: string; label: string; sample: string }[] => {
  const asObject = Object.fromEntries(choices.map((c) => [String(c.value), c.label]));
  return Object.keys(asObject).join() === choices.map((c) => String(c.value)).join() ? asObject : choices.map((c) => ({ value: String(c.value), label: c.label, sample: String(c.value) }));
};

/** The Zapier field for one description (line items become a field with `children`). */
export const toZapierField = (spec: FieldSpec): PlainInputField => {
  const help = fieldHelp(spec);
  const base = { key: spec.key, label: spec.label, ...(help ? { helpText: help } : {}), required: Boolean(spec.required) };
  if (spec.children) {
    // Zapier allows no help text on a line-item group: its guidance goes on the first column.
    const [first, ...rest] = spec.children.map(toZapierField) as (PlainInputField & { helpText?: string })[];
    const columnHelp = [spec.help ?? '', spec.maxItems ? `At most ${spec.maxItems} lines per step.` : '', first!.helpText ?? '']
      .map((part) => part.trim())
      .filter(Boolean)
      .join(' ');
    const { helpText: _own, ...firstColumn } = first!;
    const children = [{ ...firstColumn, ...(columnHelp ? { helpText: columnHelp } : {}) }, ...rest];
    const { helpText: _none, ...group } = base;
    return { ...group, children } as unknown as PlainInputField;
  }
  const field: Record<string, unknown> = { ...base, type: ZAPIER_TYPE[spec.type] };
  if (spec.choices) {
    field.choices = choicesOf(spec.choices);
    delete field.type; // a dropdown of strings; the schema turns the value back into COR's type
  }
  if (spec.dynamic) field.dynamic = spec.dynamic;
  if (spec.search) field.search = spec.search;
  if (spec.type === 'dict') field.dict = true;
  if (spec.list) field.list = true;
  if (spec.default !== undefined) field.default = spec.default;
  if (['time', 'id', 'path'].includes(spec.type)) field.placeholder = String(spec.example);
  return field as unknown as PlainInputField;
};

/**
 * A COR record picked from a dropdown of names (`list` is the hidden trigger: 'list_tasks'), or its COR
 * ID mapped from an earlier step; `search` ('find_task') lets a Find step fill it in a Zap.
 */
export const pickField = (key: string, label: string, list: string, parts: { help?: string; required?: boolean; search?: string; many?: boolean; maxItems?: number; example?: number }): FieldSpec => ({
  key,
  label,
  type: 'integer',
  min: 1,
  dynamic: `${list}.id.name`,
  ...(parts.help ? { help: parts.help } : {}),
  example: parts.many ? [parts.example ?? 1] : (parts.example ?? 1),
  ...(parts.required ? { required: true } : {}),
  ...(parts.search ? { search: `${parts.search}.id` } : {}),
  ...(parts.many ? { list: true } : {}),
  ...(parts.maxItems ? { maxItems: parts.maxItems } : {}),
});

/** Every action on the Integrations API has it: the `metadata.source` COR keys the external-ID mapping by. */
export const sourceSpec: FieldSpec = {
  key: 'source',
  label: 'Source System',
  type: 'string',
  required: true,
  choices: SOURCES,
  default: DEFAULT_SOURCE,
  example: DEFAULT_SOURCE,
  // Sent as the body's metadata.source (src/model/executor.ts), not as a field of its own.
  option: true,
  help: 'The system whose IDs you use in this step. COR keeps external IDs per source system, so this must be the source that was used when the records were created: an ID created under Salesforce is not found under Zapier. Keep the default (Zapier) unless your IDs come from one of the listed systems.',
};

/** Zapier sends '' (or nothing) for a field left empty; both mean "not given". */
export const isAbsent = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The outputs of triggers and searches, described once as data: each field's key, its label,
 * its type, and where its value is in COR's item. The output of an item, the `outputFields` and
 * the sample all follow from the same description.
 */
import { copyRecord } from './copy.js';
import { idOf, type Item } from './item.js';
import { UTC } from './timestamps.js';

export type OutputType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'file';

export interface OutputSpec {
  key: string;
  label: string;
  type?: OutputType;
  /** Where the value is in COR's item: paths tried in turn ("client.id"), or a function; default the key. */
  from?: string | string[] | ((item: Item) => unknown);
}

/** What triggers and searches output for one kind of COR record. */
export interface RecordOutputs {
  /** "Project": labels the COR ID ("Project COR ID"). */
  noun: string;
  fields: OutputSpec[];
  /** An item as COR's main API lists it, for the sample. */
  sample: Item;
}

export type OutputField = { key: string; label: string; type?: OutputType; primary?: boolean };

/** `out('client_name', 'Client Name', 'string', 'client.name')`. */
export const out = (key: string, label: string, type?: OutputType, from?: OutputSpec['from']): OutputSpec => ({ key, label, ...(type ? { type } : {}), ...(from !== undefined ? { from } : {}) });

/** The value at a dotted path of an item ("client.name"), or undefined. */
export const at = (item: Item, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Item)[key] : undefined), item);

const valueIn = (item: Item, spec: OutputSpec): unknown => {
  if (typeof spec.from === 'function') return spec.from(item);
  for (const path of [spec.from ?? spec.key].flat()) {
    const value = at(item, path);
    if (value !== undefined && value !== null) return value;
  }
  return null;
};

/** "Ana Pérez" from a person's first and last names (null without either). */
export const fullName =
  (path?: string) =>
  (item: Item): string | null => {
    const person = (path ? at(item, path) : item) as Item | undefined;
    return [person?.first_name, person?.last_name].filter(Boolean).join(' ') || null;
  };

/** The item as the Zap builder gets it: its COR ID as Zapier's `id` (text) and `cor_id` (a number), then the fields, timestamps in `zone`. */
export const outputOf = (outputs: RecordOutputs, item: Item, zone = UTC): Item & { id: string } => {
  const id = idOf(item) ?? '';
  const fields = copyRecord(Object.fromEntries(outputs.fields.map((f) => [f.key, valueIn(item, f)])), zone);
  // A COR ID beyond 2^53 stays text: as a number it would come out as a neighbouring one.
  return { id, cor_id: /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id, ...fields };
};

/** The label Zapier gives an output key it has no field for: "created_at" → "Created At". */
const zapierLabel = (key: string): string => key.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

/**
 * The output fields worth declaring: those Zapier would label otherwise, and the primary keys. Zapier
 * copies every object of the definition on every run, so a field it would label the same is left to it
 * (but a file: Zapier must be told it is one).
 */
export const declared = <F extends OutputField>(fields: F[]): F[] => fields.filter((f) => f.label !== zapierLabel(f.key) || f.primary || f.type === 'file');

/** The labelled output fields, the COR ID first; `primary` marks those that key one change for Zapier's dedupe. */
export const outputFieldsOf = (outputs: RecordOutputs, primary: string[] = []): OutputField[] =>
  declared(
    [{ key: 'cor_id', label: `${outputs.noun} COR ID`, type: 'integer' as OutputType }, ...outputs.fields].map(({ key, label, type }) => ({
      key,
      label,
      ...(type ? { type } : {}),
      ...(primary.includes(key) ? { primary: true } : {}),
    })),
  );

/**
 * The app definition as Zapier's checks read it: every trigger, search and create as a step,
 * with its static input fields (line items flattened), sample and output fields, plus the text
 * helpers the rules share. Functions in the definition (dynamic fields, performs) are skipped,
 * as Zapier's server skips them.
 */

export interface Field {
  key: string;
  label?: string;
  helpText?: string;
  type?: string;
  required?: boolean;
  computed?: boolean;
  dynamic?: string;
  search?: string;
  choices?: unknown;
  list?: boolean;
  dict?: boolean;
  children?: Field[];
  inputFormat?: string;
}

export interface OutputField {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  primary?: boolean;
  list?: boolean;
}

export type Group = 'triggers' | 'searches' | 'creates';

export interface Step {
  group: Group;
  key: string;
  /** "creates.delete_client": where a finding is. */
  where: string;
  label: string;
  description: string;
  hidden: boolean;
  noun: string;
  /** Top-level static input fields, in order. */
  fields: Field[];
  /** The same with line-item columns added after their group. */
  allFields: Field[];
  sample: unknown;
  outputFields: OutputField[];
  operation: Record<string, unknown>;
}

interface Display {
  label?: string;
  description?: string;
  hidden?: boolean;
}

interface RawStep {
  key: string;
  noun?: string;
  display?: Display;
  operation?: Record<string, unknown>;
}

export interface AppDefinition {
  platformVersion?: string;
  flags?: { cleanInputData?: boolean };
  authentication?: { type?: string; fields?: Field[]; test?: unknown; connectionLabel?: unknown };
  triggers?: Record<string, RawStep>;
  searches?: Record<string, RawStep>;
  creates?: Record<string, RawStep>;
  searchOrCreates?: Record<string, { key: string; display?: Display; search?: string; create?: string; update?: string }>;
}

const isField = (value: unknown): value is Field => typeof value === 'object' && value !== null && typeof (value as Field).key === 'string';

export const staticFields = (list: unknown): Field[] => (Array.isArray(list) ? list.filter(isField) : []);

const withChildren = (fields: Field[]): Field[] => fields.flatMap((f) => [f, ...staticFields(f.children)]);

export const stepsOf = (app: AppDefinition): Step[] =>
  (['triggers', 'searches', 'creates'] as const).flatMap((group) =>
    Object.values(app[group] ?? {}).map((raw) => {
      const operation = raw.operation ?? {};
      const fields = staticFields(operation.inputFields);
      return {
        group,
        key: raw.key,
        where: `${group}.${raw.key}`,
        label: raw.display?.label ?? '',
        description: raw.display?.description ?? '',
        hidden: raw.display?.hidden === true,
        noun: raw.noun ?? '',
        fields,
        allFields: withChildren(fields),
        sample: operation.sample,
        outputFields: staticFields(operation.outputFields) as OutputField[],
        operation,
      };
    }),
  );

/** Every text a Zap builder reads beside a field or step, with where it is. */
export const textsOf = (app: AppDefinition): { where: string; text: string }[] => [
  ...stepsOf(app).flatMap((s) => [
    { where: `${s.where} description`, text: s.description },
    ...s.allFields.filter((f) => f.helpText).map((f) => ({ where: `${s.where} field ${f.key}`, text: f.helpText! })),
  ]),
  ...staticFields(app.authentication?.fields)
    .filter((f) => f.helpText)
    .map((f) => ({ where: `authentication field ${f.key}`, text: f.helpText! })),
];

/** Every string anywhere in the definition (functions left out), with its path. */
export const stringsOf = (value: unknown, path = ''): { path: string; text: string }[] => {
  if (typeof value === 'string') return [{ path, text: value }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => stringsOf(inner, path ? `${path}.${key}` : key));
};

/** Lower-case word tokens: "apiToken", "api_token" and "API Token" all give ["api", "token"]. */
export const tokens = (text: string): string[] =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Sentences of a text (a code span or parenthesis does not end one). */
export const sentences = (text: string): string[] =>
  text
    .replace(/`[^`]*`/g, 'code')
    .split(/(?<=[.!?])\s+(?=[A-Z*(])/)
    .map((s) => s.trim())
    .filter(Boolean);

export const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** "Create or Update Client" → "create_or_update_client". */
export const snakeOf = (label: string): string =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export const MD_LINK = /\[([^[\]\n]+)\]\((\S+?)(?:\s+"[^"]*")?\)/g;
export const CODE_SPAN = /`[^`]*`/g;
export const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s)\]]+/i;

/** Values at every leaf of a sample, with Zapier's flattened key ("client__name"). */
export const leavesOf = (value: unknown, path = ''): { key: string; value: unknown }[] => {
  if (Array.isArray(value)) return value.flatMap((item) => leavesOf(item, `${path}[]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, inner]) => leavesOf(inner, path ? `${path}${path.endsWith('[]') ? '' : '__'}${key}` : key));
  return [{ key: path, value }];
};

/** The value at a flattened key of a sample (undefined when absent). */
export const valueAt = (sample: unknown, key: string): unknown =>
  key.split('__').reduce<unknown>((value, part) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined), sample);

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

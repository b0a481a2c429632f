/**
 * The entity description: everything the app knows about one COR entity, as data.
 * Zapier actions, validation, samples, output fields and the README catalog are all
 * derived from these descriptions by shared code (src/model/actions.ts, fields.ts,
 * executor.ts); an entity file in creates/ holds no request or error code.
 */

import type { JsonObject, JsonValue } from '../records/item.js';
import type { RecordOutputs } from '../records/outputs.js';
import { BY_EXTERNAL_ID } from '../request/config.js';
import { sourceSpec } from './fields.js';
import type { CorApi } from '../request/http.js';

export type { JsonObject, JsonValue };

export type FieldType =
  | 'string' // short text
  | 'text' // long text (multi-line in the Zap editor)
  | 'id' // text that goes into a URL path (external IDs, search terms), so '.' and '..' are refused
  | 'email'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date' // sent as YYYY-MM-DD
  | 'datetime' // sent as ISO 8601 with a time
  | 'time' // sent as HH:MM
  | 'path' // a path below COR's API, sent as it is (API Request)
  | 'json' // JSON text, sent parsed
  | 'dict' // key-value pairs (Zapier's dict field)
  | 'file'; // a file from an earlier step, or a link to one: downloaded and sent as a multipart file part

export interface Choice {
  value: string | number;
  label: string;
}

/** Cross-field rule: `after` must not be earlier than `before` when both are given. */
export interface OrderRule {
  before: string;
  after: string;
}

/** `field` must be empty while `when` is one of `values`. */
export interface ForbidRule {
  field: string;
  when: string;
  values: readonly string[];
  /** Why, in a few words ("a GET request has no body"). */
  because: string;
}

export interface FieldSpec {
  /** The key in COR's JSON body (and in Zapier's inputData). */
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /**
   * What the label does not say, in the Zap builder's terms: what COR does with the value, where to
   * find it, what leaving it empty means. Format, choices and reference notes are appended. Left out
   * (or '') where the label says it all: a help that restates the label is noise (test/help.test.ts).
   */
  help?: string;
  choices?: readonly Choice[];
  /** This field is the external ID of another entity (its noun, e.g. 'Client'). */
  references?: string;
  /** A list of values (COR takes an array). */
  list?: boolean;
  /** Line items: a list of objects with these fields. */
  children?: readonly FieldSpec[];
  /** For line items: rules inside each row. */
  rules?: readonly OrderRule[];
  /** Smallest and largest value COR accepts (number and integer fields). */
  min?: number;
  max?: number;
  /** Most items COR accepts in one call (lists and line items). */
  maxItems?: number;
  /** A realistic value: used for samples and documentation. */
  example: JsonValue;
  /** Default shown in the Zap editor. */
  default?: string;
  /** A dynamic dropdown fed by a hidden trigger, as Zapier names it ('list_projects.id.name'). */
  dynamic?: string;
  /** The search that can fill this field in a Zap, as Zapier names it ('find_task.id'). */
  search?: string;
  /** Not a body field: a choice of the step itself (Replace Current Assignees), or an input the request carries elsewhere (the source, as metadata). */
  option?: boolean;
  /** A file field: the input that names the file, where the Zap builder may rename it. */
  fileName?: string;
}

/** A record the step reads before it writes (main API): where, when, and what it adds to the input. */
export interface PriorRead {
  path: string;
  /** Whether the read is needed for this input (default: always). */
  when?: (input: Record<string, unknown>) => boolean;
  /** The input the write is built from, given COR's answer; throws when the answer lacks what is needed. */
  merge: (input: Record<string, unknown>, answer: JsonValue) => Record<string, unknown>;
}

/** An operation of the same entity run after a create, with the new record's COR ID, for what COR's create does not take. */
export interface FollowUp {
  /** The operation's plain label ("Update Task"). */
  label: string;
  /** The input that takes the new record's COR ID ('task_id'). */
  idKey: string;
  when: (input: Record<string, unknown>) => boolean;
  /** Inputs set for the follow-up (a new task has no assignees to keep: replace them). */
  with?: Record<string, unknown>;
}

/** The request an operation sends where it is not its method, path and fields (API Request). */
export interface BuiltRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params?: Record<string, string>;
  body?: JsonValue;
}

/** What a successful answer means for a batch or attach operation. */
export interface BatchOutcome {
  /** Reads the per-item successes and rejections from COR's answer (and the cleaned input sent). */
  read: (response: JsonValue, input: Record<string, unknown>) => { applied: JsonValue[]; rejected: { item: string; reason: string }[] };
}

export type OperationKind = 'create' | 'update' | 'delete' | 'action';

export interface OperationSpec {
  kind: OperationKind;
  /** Zapier action name, e.g. "Attach Users to Team" (its key follows from it). Defaults to "<Kind> <Noun>"; actions need one. */
  label?: string;
  method: 'POST' | 'PUT' | 'DELETE';
  /** Path on its API; `{key}` is replaced with that input, URL-encoded. */
  path: string;
  /** The API: set from the entity by defineEntity. */
  api?: CorApi;
  /** How the body is sent: JSON, or a form or multipart where COR's document asks for one (main API). */
  encoding?: 'json' | 'form' | 'multipart';
  /** The fields this request sends, where not all: the rest go to the follow-ups. */
  sends?: readonly string[];
  /** Main API: COR answers a record that triggers and searches also output; the output follows their description. */
  outputs?: RecordOutputs;
  /** Where that record is in COR's answer ('files.0'), where it is not the answer itself; COR's `errors` say why when it is missing. */
  answerAt?: string;
  prior?: PriorRead;
  followUps?: readonly FollowUp[];
  /** Groups of fields of which exactly one must be given (a stop or a duration). */
  oneOf?: readonly (readonly string[])[];
  /** Fields that must be empty while another has one of some values (no body on a GET). */
  forbids?: readonly ForbidRule[];
  toRequest?: (input: Record<string, unknown>) => BuiltRequest;
  /** What the action does ("Creates …"), where the sentence for its kind does not say it (src/model/actions.ts). */
  summary?: string;
  /** What the step does, as messages say it ("send"), where its label minus the noun does not say it. */
  verb?: string;
  /** One sentence added to the summary: what COR refuses, what it needs first. */
  note?: string;
  /** The step's inputs (defineEntity puts the source system and the entity's own external ID first, on the Integrations API). */
  fields: readonly FieldSpec[];
  rules?: readonly OrderRule[];
  /** The response COR documents for this operation: the sample is derived from it. Where `outputs` is given, its sample. */
  response?: JsonValue;
  /** COR's public page of the operation, below https://developers.projectcor.com/api-reference/ and, on the Integrations API, integrations/ ("clients/create"). */
  docs: string;
  /** Set when the endpoint is our inference, not COR's published docs: says what is unverified. */
  unverified?: string;
  /** Codes COR documents for this operation as "this external ID exists" (ZC004 means Query Exception elsewhere). */
  duplicateCodes?: readonly string[];
  /** For bodies that are not a flat copy of the inputs (nested arrays). Gets validated input. */
  toBody?: (input: Record<string, unknown>) => JsonObject;
  batch?: BatchOutcome;
  /** COR docs require every field on this update (leaves): then the update is not partial. */
  fullReplace?: boolean;
}

export interface EntitySpec {
  /** Singular name as Zap builders see it: "Project", "Leave Type". */
  noun: string;
  /** A realistic external ID of one (samples, help). Absent for entities COR keeps no ID of (currency exchanges), and on the main API. */
  idExample?: string;
  /** 'main': records of COR's main API v1, picked by their COR IDs, with no source system. Default 'integrations'. */
  api?: CorApi;
  operations: readonly OperationSpec[];
}

/** The external ID field of an entity: body `id` on create, URL path `{id}` elsewhere. */
export const externalIdField = (noun: string, example: string, create: boolean): FieldSpec => ({
  key: 'id',
  label: `${noun} External ID`,
  type: 'id',
  required: true,
  help: create
    ? `Your own ID for the ${noun.toLowerCase()} (the record ID in your CRM, say). Later steps find the ${noun.toLowerCase()} by it.`
    : `The ID the ${noun.toLowerCase()} was created with, under the same Source System.`,
  example,
});

/** An operation names its entity by external ID when it creates one, or when its path has `{id}`. */
const withExternalId = (entity: EntitySpec, op: OperationSpec): OperationSpec =>
  entity.idExample && (op.kind === 'create' || pathKeys(op).includes('id')) ? { ...op, fields: [externalIdField(entity.noun, entity.idExample, op.kind === 'create'), ...op.fields] } : op;

/** On the Integrations API every operation takes the source system first: COR keeps external IDs per source. */
const withSource = (entity: EntitySpec, op: OperationSpec): OperationSpec => (entity.api === 'main' ? op : { ...op, fields: [sourceSpec, ...op.fields] });

/** An entity file exports this: its operations get the entity's API, and (on the Integrations API) the source system and the entity's external ID field first, here and nowhere else. */
export const defineEntity = (entity: EntitySpec): EntitySpec => ({
  ...entity,
  operations: entity.operations.map((op) => ({ ...withSource(entity, withExternalId(entity, op)), api: entity.api ?? 'integrations' })),
});

type Overrides = Partial<OperationSpec>;

/**
 * The create, update and delete of `/v2/integrations/<plural>[/{id}]`, as most entities have them:
 * the update takes the create's fields, none required, and a delete takes none. Give what differs.
 */
export const standardOperations = (
  plural: string,
  parts: {
    fields: readonly FieldSpec[];
    response: JsonValue;
    rules?: readonly OrderRule[];
    /** The section of COR's docs ("positions"), where it is not the plural of the path. */
    docs?: string;
    create?: Overrides;
    update?: Overrides | false;
    delete?: Overrides | false;
  },
): OperationSpec[] => {
  const base = `/v2/integrations/${plural}`;
  const docs = parts.docs ?? plural;
  const shared = { response: parts.response, ...(parts.rules ? { rules: parts.rules } : {}) };
  return [
    { kind: 'create', method: 'POST', path: base, fields: parts.fields, docs: `${docs}/create`, ...shared, ...parts.create },
    ...(parts.update === false ? [] : [{ kind: 'update', method: 'PUT', path: `${base}/{id}`, fields: optional(parts.fields), docs: `${docs}/update`, ...shared, ...parts.update } as const]),
    ...(parts.delete === false
      ? []
      : [{ kind: 'delete', method: 'DELETE', path: `${base}/{id}`, fields: [], response: { message: 'Entity deleted successfully' }, docs: `${docs}/delete`, ...parts.delete } as const]),
  ];
};

/** The answer COR documents for an operation (samples, tests): its response, or its outputs' sample. */
export const documentedAnswer = (op: OperationSpec): JsonValue => op.response ?? (op.outputs?.sample as JsonValue | undefined) ?? {};

/** The public page of an operation on COR's developer site. */
export const docsUrl = (op: OperationSpec): string => `https://developers.projectcor.com/api-reference/${op.api === 'main' ? '' : 'integrations/'}${op.docs}`;

/** A path with each `{key}` replaced by that value, URL-encoded (the one way paths are filled). */
export const fillPath = (template: string, values: Record<string, unknown>): string => template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(values[key])));

/** A step's key is its label in snake case ("Create or Update Client" → create_or_update_client), so the two always match. */
export const keyOf = (label: string): string =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** What an operation is called without its API's mark: "Update Client", "Attach Users to Team". */
export const plainLabel = (entity: EntitySpec, op: OperationSpec): string => {
  if (op.label) return op.label;
  if (op.kind === 'action') throw new Error(`An action of ${entity.noun} needs a label.`);
  return `${{ create: 'Create', update: 'Update', delete: 'Delete' }[op.kind]} ${entity.noun}`;
};

/**
 * Actions on the Integrations API name records by the Zap builder's own IDs, and their labels say so
 * ("Update Client by External ID"), beside the actions that take a record picked in COR ("Update Task").
 */
export const labelMark = (entity: EntitySpec): string => (entity.idExample ? BY_EXTERNAL_ID : '');

/** The operation a follow-up names, by its plain label. */
export const followUpOf = (entity: EntitySpec, followUp: FollowUp): OperationSpec => entity.operations.find((o) => plainLabel(entity, o) === followUp.label)!;

export const operationLabel = (entity: EntitySpec, op: OperationSpec): string => `${plainLabel(entity, op)}${labelMark(entity)}`;

export const operationKey = (entity: EntitySpec, op: OperationSpec): string => keyOf(operationLabel(entity, op));

/** Keys of `{placeholders}` in an operation's path. */
export const pathKeys = (op: OperationSpec): string[] => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

/** The same fields with nothing required: update bodies carry only what the Zap builder gives. */
export const optional = (fields: readonly FieldSpec[]): FieldSpec[] => fields.map((f) => ({ ...f, required: false }));

/** A JSON value from COR's answer as text for a message ('' for null or missing; objects as JSON, cut at 200 characters). */
export const jsonText = (value: JsonValue | undefined): string => {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/**
 * The entries COR gave under `key` of its answer, whatever their shape: a list as it is, one
 * object or text as a list of one, nothing as none. Batch readers never fail on an odd answer.
 */
export const entriesOf = (body: JsonValue | undefined, key: string): JsonValue[] => {
  const value = body !== null && typeof body === 'object' && !Array.isArray(body) ? body[key] : undefined;
  return value === undefined || value === null ? [] : Array.isArray(value) ? value.filter((v) => v !== null) : [value];
};

/** A field of one entry (undefined when the entry is not an object). */
export const fieldOf = (entry: JsonValue, key: string): JsonValue | undefined => (entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry[key] : undefined);

/** Why COR rejected an entry: its own words, or the entry itself when it is plain text. */
export const reasonOf = (entry: JsonValue, ...parts: string[]): string =>
  (typeof entry === 'object'
    ? parts
        .map((key) => jsonText(fieldOf(entry, key)))
        .filter(Boolean)
        .join(' ')
    : jsonText(entry)) || 'COR gave no reason';

/**
 * The one generic executor: validates a step's input against the operation's description,
 * builds the Integrations API request from it, sends it through the request layer and
 * gives the Zap builder one consistent output whatever envelope COR answered with.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type EntitySpec, fillPath, type JsonObject, type JsonValue, type OperationSpec, pathKeys, plainLabel } from './entity.js';
import { isAbsent, sourceSpec } from './fields.js';
import { parseStep, type StepSchema, stepSchema } from './schema.js';
import { failureOf } from '../request/answers.js';
import { copyFromCor, copyRecord, setOwn } from '../records/copy.js';
import { DUPLICATE_RULE } from '../request/errors.js';
import { type CorRequest, type CorRequestContext, corRequest } from '../request/http.js';
import { corZone, UTC } from '../records/timestamps.js';

/** What an operation does, as messages say it: its kind, or for actions its label without the noun ("attach users to"). */
const verbOf = (entity: EntitySpec, op: OperationSpec): string =>
  op.kind === 'action'
    ? plainLabel(entity, op)
        .replace(new RegExp(`\\s+${entity.noun}s?$`, 'i'), '')
        .toLowerCase()
    : op.kind;

/** The zod schema of an operation's inputs (source system included), built on first use. */
export const schemaFor = (op: OperationSpec): Promise<StepSchema> => stepSchema(op, [sourceSpec, ...op.fields], op.rules);

/** The request an operation sends for cleaned input. Path values are URL-encoded. */
export const buildRequest = (entity: EntitySpec, op: OperationSpec, clean: Record<string, unknown>): CorRequest => {
  const inPath = new Set(pathKeys(op));
  const path = fillPath(op.path, clean);
  const source = String(clean.source);
  const fields: JsonObject = {};
  for (const spec of op.fields) {
    if (!inPath.has(spec.key) && clean[spec.key] !== undefined) fields[spec.key] = clean[spec.key] as JsonValue;
  }
  const body: JsonObject = { metadata: { source }, ...(op.toBody ? op.toBody(clean) : fields) };
  const references = op.fields
    .filter((f) => f.references && !isAbsent(clean[f.key]))
    .map((f) => ({ noun: f.references as string, label: f.label, value: ([] as unknown[]).concat(clean[f.key]).join(', ') }));
  const context: CorRequestContext = {
    noun: entity.noun,
    verb: verbOf(entity, op),
    source,
    references,
    canUpdate: entity.operations.some((o) => o.kind === 'update'),
    canDelete: entity.operations.some((o) => o.kind === 'delete'),
    ...(op.duplicateCodes ? { duplicateCodes: op.duplicateCodes } : {}),
  };
  if (typeof clean.id === 'string') context.externalId = clean.id;
  return { api: 'integrations', method: op.method, path, body, context };
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{statusCode, status, data:{…}}` → the inner object; any other shape as it is. */
export const unwrap = (data: unknown): unknown => (isObject(data) && isObject(data.data) && ('statusCode' in data || 'status' in data) ? data.data : data);

/**
 * Keys COR uses for bookkeeping that mean nothing to a Zap builder: the request echoed (metadata, the
 * source), the company every record of a connection shares, and deleted_at, always empty on a record a step changed.
 */
const HIDDEN_KEYS = new Set(['id', 'cor_id', 'external_id', '__meta__', 'metadata', 'source', 'company_id', 'deleted_at']);

const corIdIn = (record: Record<string, unknown>): number | null => (typeof record.cor_id === 'number' ? record.cor_id : typeof record.id === 'number' ? record.id : null);

/** Whether COR's documented answer gives the entity's COR ID: only then is it an output field. */
const answersCorId = (op: OperationSpec): boolean => !op.batch && corIdIn(copyRecord(unwrap(op.response))) !== null;

/**
 * One output shape for every action: the COR ID where COR's answer gives one (an integer: some
 * answers echo the external ID in `id` instead), the external ID where the step takes one, then the
 * entity's fields. The source is not echoed: the step was given it. Timestamps get the connection's zone.
 */
export const normalizeOutput = (op: OperationSpec, clean: Record<string, unknown>, data: unknown, zone = UTC): Record<string, unknown> => {
  const inner = unwrap(data);
  const record = copyRecord(inner, zone);
  const output: Record<string, unknown> = {};
  if (answersCorId(op)) output.cor_id = corIdIn(record);
  if (op.fields.some((f) => f.key === 'id' && !f.children)) output.external_id = typeof clean.id === 'string' ? clean.id : null;
  if (op.kind === 'delete') output.deleted = true;
  if (op.batch) return { ...output, ...batchOutput(op, clean, data, zone) };
  // Relation lists (team attach/detach) come back as a bare array.
  if (Array.isArray(inner)) return { ...output, items: copyFromCor(inner, zone), item_count: inner.length };
  for (const [key, value] of Object.entries(record)) if (!HIDDEN_KEYS.has(key)) setOwn(output, key, value);
  return output;
};

const batchOutput = (op: OperationSpec, clean: Record<string, unknown>, data: unknown, zone: string): Record<string, unknown> => {
  const read = op.batch!.read(copyFromCor(data ?? null, zone) as JsonValue, clean);
  const applied = copyFromCor(read.applied, zone) as JsonValue[];
  const rejected = read.rejected;
  return {
    status: rejected.length === 0 ? 'success' : applied.length === 0 ? 'failed' : 'partial_success',
    applied_count: applied.length,
    rejected_count: rejected.length,
    applied,
    rejected,
    rejected_summary: rejected.map((r) => `${r.item}: ${r.reason}`).join('; '),
  };
};

const validateStep = (z: ZObject, op: OperationSpec, inputData: unknown): Promise<Record<string, unknown>> => parseStep(z, schemaFor(op), inputData);

/** Runs one operation for one Zap step. */
export const runOperation = async (z: ZObject, bundle: Bundle, entity: EntitySpec, op: OperationSpec): Promise<Record<string, unknown>> => {
  const clean = await validateStep(z, op, bundle.inputData);
  const zone = corZone(z, bundle);
  const response = await corRequest(z, bundle, buildRequest(entity, op, clean));
  const output = normalizeOutput(op, clean, response.data, zone);
  if (op.batch && output.applied_count === 0 && Number(output.rejected_count) > 0) {
    throw new z.errors.Error(`COR applied none of the ${output.rejected_count} item(s) of this step: ${output.rejected_summary}`, 'NothingApplied');
  }
  return output;
};

/** Fields of the create that the update does not take: given on create, left as they are on update. */
export const fieldsNotUpdated = (create: OperationSpec, update: OperationSpec): string[] => {
  const updatable = new Set(update.fields.map((f) => f.key));
  return create.fields.filter((f) => !updatable.has(f.key)).map((f) => f.key);
};

/**
 * "Create or Update": creates; when COR says this external ID already exists for this
 * source, updates the same entity with the same input. A replayed step therefore never
 * fails and never makes a second entity.
 */
export const runUpsert = async (z: ZObject, bundle: Bundle, entity: EntitySpec, create: OperationSpec, update: OperationSpec): Promise<Record<string, unknown>> => {
  const clean = await validateStep(z, create, bundle.inputData);
  const zone = corZone(z, bundle);
  try {
    const response = await corRequest(z, bundle, buildRequest(entity, create, clean));
    return { ...normalizeOutput(create, clean, response.data, zone), action_taken: 'created', not_updated_fields: '' };
  } catch (error) {
    if (failureOf(error)?.rule !== DUPLICATE_RULE) throw error;
  }
  const notUpdated = fieldsNotUpdated(create, update).filter((key) => clean[key] !== undefined);
  try {
    const response = await corRequest(z, bundle, buildRequest(entity, update, clean));
    return { ...normalizeOutput(update, clean, response.data, zone), action_taken: 'updated', not_updated_fields: notUpdated.join(', ') };
  } catch (error) {
    const failure = failureOf(error);
    if (!failure) throw error; // throttling, refresh and timeouts pass through untouched
    throw new z.errors.Error(
      `The ${entity.noun.toLowerCase()} "${String(clean.id)}" already existed in COR for source ${String(clean.source)}, so this step tried to update it instead, and COR refused the update. ${failure.message}`,
      failure.code,
      failure.status,
    );
  }
};

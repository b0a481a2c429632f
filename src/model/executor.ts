/**
 * The one generic executor: validates a step's input against the operation's description,
 * builds the request from it (Integrations API by external ID, or main API by COR ID), reads
 * first where the write needs what COR holds, sends it through the request layer, runs the
 * follow-ups a create needs, and gives the Zap builder one consistent output whatever envelope
 * COR answered with.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { documentedAnswer, type EntitySpec, entriesOf, fillPath, followUpOf, type JsonObject, type JsonValue, type OperationSpec, pathKeys, plainLabel, reasonOf as entryReason } from './entity.js';
import { isAbsent } from './fields.js';
import { parseStep, type StepSchema, stepSchema } from './schema.js';
import { failureOf } from '../request/answers.js';
import { copyFromCor, copyRecord, setOwn } from '../records/copy.js';
import { DUPLICATE_RULE } from '../request/errors.js';
import { type CorRequest, type CorRequestContext, corRequest } from '../request/http.js';
import { at, outputOf } from '../records/outputs.js';
import { type Download, openDownload, safeFileName } from '../request/downloads.js';
import { withFileReferences } from './files.js';
import { corZone, UTC } from '../records/timestamps.js';

/** What an operation does, as messages say it: its kind, or for actions its label without the noun ("attach users to"). */
const verbOf = (entity: EntitySpec, op: OperationSpec): string =>
  op.verb ??
  (op.kind === 'action'
    ? plainLabel(entity, op)
        .replace(new RegExp(`\\s+${entity.noun}s?$`, 'i'), '')
        .toLowerCase()
    : op.kind);

const byCorId = (op: OperationSpec): boolean => op.api === 'main';

/** The zod schema of an operation's inputs (with the source system on the Integrations API), built on first use. */
export const schemaFor = (op: OperationSpec): Promise<StepSchema> => stepSchema(op, op.fields, op.rules, op);

/** The records a request names, for "not found" messages: external IDs by their entity, or (main API) COR IDs by their field. */
const referencesOf = (op: OperationSpec, clean: Record<string, unknown>): NonNullable<CorRequestContext['references']> =>
  op.fields
    .filter((f) => (byCorId(op) ? f.dynamic : f.references) && !isAbsent(clean[f.key]))
    .map((f) => ({ noun: f.references ?? f.label, label: f.label, value: ([] as unknown[]).concat(clean[f.key]).join(', ') }));

const contextFor = (entity: EntitySpec, op: OperationSpec, clean: Record<string, unknown>): CorRequestContext => {
  const context: CorRequestContext = { noun: entity.noun, verb: verbOf(entity, op), references: referencesOf(op, clean) };
  if (byCorId(op)) return context;
  Object.assign(context, {
    source: String(clean.source),
    canUpdate: entity.operations.some((o) => o.kind === 'update'),
    canDelete: entity.operations.some((o) => o.kind === 'delete'),
    ...(op.duplicateCodes ? { duplicateCodes: op.duplicateCodes } : {}),
    ...(typeof clean.id === 'string' ? { externalId: clean.id } : {}),
  });
  return context;
};

/** The body's fields: those given, but not path values, the step's own options, nor what a follow-up sends. */
const bodyFields = (op: OperationSpec, clean: Record<string, unknown>): JsonObject => {
  const inPath = new Set(pathKeys(op));
  const sent = op.fields.filter((f) => !inPath.has(f.key) && !f.option && f.type !== 'file' && (!op.sends || op.sends.includes(f.key)) && clean[f.key] !== undefined);
  return Object.fromEntries(sent.map((f) => [f.key, clean[f.key] as JsonValue]));
};

/** The request an operation sends for cleaned input. Path values are URL-encoded; Integrations API bodies carry the source. */
export const buildRequest = (entity: EntitySpec, op: OperationSpec, clean: Record<string, unknown>): CorRequest => {
  const api = op.api ?? 'integrations';
  const context = contextFor(entity, op, clean);
  if (op.toRequest) return { api, ...op.toRequest(clean), context };
  const fields = op.toBody ? op.toBody(clean) : bodyFields(op, clean);
  const body: JsonObject = byCorId(op) ? fields : { metadata: { source: String(clean.source) }, ...fields };
  return { api, method: op.method, path: fillPath(op.path, clean), body, ...(op.encoding ? { encoding: op.encoding } : {}), context };
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{statusCode, status, data:{…}}` → the inner object; any other shape as it is. */
export const unwrap = (data: unknown): unknown => (isObject(data) && isObject(data.data) && ('statusCode' in data || 'status' in data) ? data.data : data);

/**
 * Keys COR uses for bookkeeping that mean nothing to a Zap builder: the request echoed (metadata, the
 * source), the company every record of a connection shares, and deleted_at, always empty on a record a step changed.
 */
const HIDDEN_KEYS = new Set(['id', 'cor_id', 'external_id', '__meta__', 'metadata', 'source', 'company_id', 'deleted_at']);
/** On the main API nothing echoes a source system: `source` is COR's own (an attachment's cloud service). */
const HIDDEN_BY_COR_ID = new Set([...HIDDEN_KEYS].filter((key) => !['source', 'metadata', 'external_id'].includes(key)));

const corIdIn = (record: Record<string, unknown>): number | null => (typeof record.cor_id === 'number' ? record.cor_id : typeof record.id === 'number' ? record.id : null);

/** Whether COR's documented answer gives the entity's COR ID: only then is it an output field. */
const answersCorId = (op: OperationSpec): boolean => !op.batch && corIdIn(copyRecord(unwrap(documentedAnswer(op)))) !== null;

/**
 * One output shape for every action: the COR ID where COR's answer gives one (an integer: some
 * answers echo the external ID in `id` instead), the external ID where the step takes one, then the
 * entity's fields. The source is not echoed: the step was given it. Timestamps get the connection's zone.
 */
export const normalizeOutput = (op: OperationSpec, clean: Record<string, unknown>, data: unknown, zone = UTC): Record<string, unknown> => {
  const inner = unwrap(op.answerAt ? recordAt(op, data) : data);
  if (op.outputs) return outputOf(op.outputs, isObject(inner) ? inner : {}, zone);
  const record = copyRecord(inner, zone);
  const output: Record<string, unknown> = byCorId(op) ? echoOf(op, clean) : {};
  if (answersCorId(op)) output.cor_id = corIdIn(record);
  if (!byCorId(op) && op.fields.some((f) => f.key === 'id' && !f.children)) output.external_id = typeof clean.id === 'string' ? clean.id : null;
  if (op.kind === 'delete') output.deleted = true;
  if (op.batch) return { ...output, ...batchOutput(op, clean, data, zone) };
  // Relation lists (team attach/detach) come back as a bare array.
  if (Array.isArray(inner)) return { ...output, items: copyFromCor(inner, zone), item_count: inner.length };
  const hidden = byCorId(op) ? HIDDEN_BY_COR_ID : HIDDEN_KEYS;
  for (const [key, value] of Object.entries(record)) if (!hidden.has(key)) setOwn(output, key, value);
  return output;
};

/** What a main-API step was given (its COR IDs, its text): COR documents no answer for some of them, and later steps need these. */
const echoOf = (op: OperationSpec, clean: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(op.fields.filter((f) => !f.option && clean[f.key] !== undefined).map((f) => [f.key, clean[f.key]]));

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

/** The input once the operation's prior read, where it needs one, has added what COR holds (a task's title, its assignees). */
const withPrior = async (z: ZObject, bundle: Bundle, entity: EntitySpec, op: OperationSpec, clean: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const prior = op.prior;
  if (!prior || (prior.when && !prior.when(clean))) return clean;
  const context = { noun: entity.noun, verb: 'find', references: referencesOf(op, clean) };
  const response = await corRequest<JsonValue>(z, bundle, { api: op.api ?? 'integrations', method: 'GET', path: fillPath(prior.path, clean), context });
  try {
    return prior.merge(clean, copyFromCor(response.data ?? null) as JsonValue);
  } catch (error) {
    throw new z.errors.Error(`COR's answer about this ${entity.noun.toLowerCase()} lacks what the step needs: ${(error as Error).message}`, 'UnexpectedResponse');
  }
};

/** The files a multipart request streams, each opened from its link (a file from an earlier step is one), renamed where the step says. */
const filesFor = async (z: ZObject, bundle: Bundle, op: OperationSpec, input: Record<string, unknown>): Promise<Record<string, Download>> => {
  const files: Record<string, Download> = {};
  for (const field of op.fields.filter((f) => f.type === 'file' && typeof input[f.key] === 'string')) {
    const file = await openDownload(z, bundle, String(input[field.key]), 'the file');
    const renamed = field.fileName ? input[field.fileName] : undefined;
    files[field.key] = typeof renamed === 'string' ? { ...file, filename: safeFileName(renamed) } : file;
  }
  return files;
};

/** The record where the operation says it is in COR's answer ('files.0'). */
const recordAt = (op: OperationSpec, data: unknown): unknown => at(isObject(data) ? data : {}, op.answerAt!);

/** Fails when COR's answer lacks the record where the operation says it is; COR's own `errors` say why. */
const expectRecord = (z: ZObject, entity: EntitySpec, op: OperationSpec, data: unknown): void => {
  if (!op.answerAt || isObject(recordAt(op, data))) return;
  const why = entriesOf(data as JsonValue, 'errors')
    .map((e) => entryReason(e, 'filename', 'message'))
    .join('; ');
  const noun = entity.noun.toLowerCase();
  throw new z.errors.Error(
    `COR answered the request to ${verbOf(entity, op)} this ${noun} without the record it made${why ? `: ${why}` : ''}. Check the ${noun} in COR before you replay the step.`,
    'UnexpectedResponse',
  );
};

/** One request of an operation: its prior read, the write (with its files), the output. */
const perform = async (z: ZObject, bundle: Bundle, entity: EntitySpec, op: OperationSpec, clean: Record<string, unknown>, zone: string) => {
  const input = await withPrior(z, bundle, entity, op, clean);
  const request = buildRequest(entity, op, input);
  if (op.encoding === 'multipart') request.files = await filesFor(z, bundle, op, input);
  let response: Awaited<ReturnType<typeof corRequest>>;
  try {
    response = await corRequest(z, bundle, request);
  } finally {
    // COR may answer before it read a whole file (a refusal): the rest is not downloaded.
    for (const file of Object.values(request.files ?? {})) file.stream.destroy();
  }
  if (op.toRequest) return { status: response.status, body: copyFromCor(response.data ?? null, zone) };
  expectRecord(z, entity, op, response.data);
  const output = normalizeOutput(op, input, response.data, zone);
  return op.outputs ? withFileReferences(z, op.outputs, output) : output;
};

/** An error's own words and code: a failure's facts, a Zapier error's JSON message, or any error's text. */
const reasonOf = (error: unknown): { message: string; code: string } => {
  const failure = failureOf(error);
  if (failure) return { message: failure.message, code: failure.code };
  const text = String((error as Error)?.message ?? error);
  let parsed: { message?: unknown; code?: unknown } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // plain text
  }
  const code = typeof parsed.code === 'string' ? parsed.code : (error as Error)?.name === 'ThrottledError' ? 'RateLimited' : 'FollowUpFailed';
  return { message: String(parsed.message ?? text), code };
};

/**
 * What COR's create does not take is set by the operations that do, with the new record's COR ID. A
 * failure there leaves a record made: the message says so, and what to run instead of a replay.
 */
const followUps = async (z: ZObject, bundle: Bundle, entity: EntitySpec, op: OperationSpec, clean: Record<string, unknown>, created: Record<string, unknown>, zone: string) => {
  let output = created;
  const wanted = (op.followUps ?? []).filter((f) => f.when(clean));
  const id = created.cor_id;
  if (wanted.length && !(Number.isSafeInteger(id) && Number(id) > 0)) {
    const noun = entity.noun.toLowerCase();
    throw new z.errors.Error(
      `COR answered that it created the ${noun}, but without its COR ID, so the step could not ${wanted.map((f) => f.label.toLowerCase()).join(' or ')} it. Check the ${noun} in COR before you replay the step, which would create another.`,
      'UnexpectedResponse',
    );
  }
  for (const next of wanted) {
    const nextOp = followUpOf(entity, next);
    try {
      output = { ...output, ...(await perform(z, bundle, entity, nextOp, { ...clean, ...next.with, [next.idKey]: created.cor_id }, zone)) };
    } catch (error) {
      // Whatever stopped it (COR's refusal, a retry Zapier would make, a timeout), a replay would create another record: never let one happen.
      const { message, code } = reasonOf(error);
      const noun = entity.noun.toLowerCase();
      throw new z.errors.Error(
        `COR created the ${noun} (COR ID ${String(created.cor_id)}), but the step could not ${next.label.toLowerCase()} it, so some fields are not set. ${message} Do not replay this step: it would create a second ${noun}. Run "${next.label}" on COR ID ${String(created.cor_id)} instead.`,
        code,
        failureOf(error)?.status,
      );
    }
  }
  return output;
};

/** Runs one operation for one Zap step. */
export const runOperation = async (z: ZObject, bundle: Bundle, entity: EntitySpec, op: OperationSpec): Promise<Record<string, unknown>> => {
  const clean = await validateStep(z, op, bundle.inputData);
  const zone = corZone(z, bundle);
  const output = await perform(z, bundle, entity, op, clean, zone);
  if (op.followUps) return followUps(z, bundle, entity, op, clean, output, zone);
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

/** "Find …" searches over COR's main API: by COR ID, or by name through COR's search-by-name. */
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { type FieldSpec, fillPath, keyOf } from '../model/entity.js';
import { toZapierField } from '../model/fields.js';
import { invalidInput, parseStep, stepSchema } from '../model/schema.js';
import { corRequest } from '../request/http.js';
import { idOf, type Item, pageReader, toPage } from './lists.js';
import { scanFrom } from './polling.js';
import { redactOutput } from '../request/redact.js';
import { corZone } from '../records/timestamps.js';
import { outputFieldsOf, outputOf, type RecordOutputs } from '../records/outputs.js';

export interface SearchSpec {
  noun: string;
  /** Path of the search-by-name endpoint; `{q}` is the URL-encoded term. */
  byName: string;
  /** Finding one by COR ID: its get-by-ID path (`{id}`), or the list to read through where COR has none (users). */
  byId: { path: string } | { list: string };
  nameLabel: string;
  nameHelp: string;
  /** The hidden trigger listing these (list_projects): the COR ID is picked from its dropdown. */
  dropdown: string;
  outputs: RecordOutputs;
}

/** The inputs of a search: a name (it goes into the URL path) or a COR ID, picked or mapped. */
export const searchInputs = (spec: SearchSpec): FieldSpec[] => {
  const sample = outputOf(spec.outputs, spec.outputs.sample);
  return [
    { key: 'name', label: spec.nameLabel, type: 'id', example: String(sample.name ?? sample.title ?? ''), help: `${spec.nameHelp} Leave empty to search by ID.` },
    {
      key: 'cor_id',
      label: spec.noun,
      type: 'integer',
      min: 1,
      example: 1,
      dynamic: `${spec.dropdown}.id.name`,
      help: `Pick the ${spec.noun.toLowerCase()}, or map its COR ID (a number) from an earlier step. Used instead of the name when filled in.`,
    },
  ];
};

/** The record with this COR ID, or none: fetched by ID, or found by reading the list where COR has no get-by-ID. */
const findById = async (z: ZObject, bundle: Bundle, spec: SearchSpec, corId: number): Promise<unknown[]> => {
  const what = `${spec.noun.toLowerCase()}s`;
  if ('list' in spec.byId) {
    const read = pageReader(z, bundle, { path: spec.byId.list }, what);
    const why = `Finding a ${spec.noun.toLowerCase()} by COR ID reads COR's whole list of ${what}, because COR has no lookup by ID for them.`;
    return (await scanFrom(z, read, { what, why })).filter((item) => idOf(item) === String(corId));
  }
  const response = await corRequest<unknown>(z, bundle, {
    api: 'main',
    method: 'GET',
    path: fillPath(spec.byId.path, { id: corId }),
    context: { noun: spec.noun, verb: 'find', notFoundIsEmpty: true },
  });
  if (response.status === 404) return [];
  // COR answers the record itself.
  return toPage(z, Array.isArray(response.data) ? response.data : [response.data], 1, 50, what).items;
};

const findByName = async (z: ZObject, bundle: Bundle, spec: SearchSpec, name: string): Promise<unknown[]> => {
  const response = await corRequest<unknown>(z, bundle, { api: 'main', method: 'GET', path: fillPath(spec.byName, { q: name }), context: { noun: spec.noun, verb: 'find', notFoundIsEmpty: true } });
  // A list, or its paginated envelope.
  return response.status === 404 ? [] : toPage(z, response.data, 1, 50, `${spec.noun.toLowerCase()}s`).items;
};

const searchLabel = (spec: SearchSpec): string => `Find ${spec.noun}`;
export const searchKey = (spec: SearchSpec): string => keyOf(searchLabel(spec));

/** "Find …": by COR ID, or by name through COR's search-by-name; nothing found is an empty result. */
export const searchAction = (spec: SearchSpec) => {
  const inputs = searchInputs(spec);
  const perform = async (z: ZObject, bundle: Bundle) => {
    const input = await parseStep(z, stepSchema(spec, inputs), bundle.inputData);
    const corId = input.cor_id as number | undefined;
    const name = input.name as string | undefined;
    if (corId === undefined && name === undefined) throw invalidInput(z, `Fill in the ${spec.nameLabel} or pick the ${spec.noun} to search for.`);
    const zone = corZone(z, bundle);
    const found = corId !== undefined ? await findById(z, bundle, spec, corId) : await findByName(z, bundle, spec, name!);
    return redactOutput(
      (found as Item[]).map((item) => outputOf(spec.outputs, item, zone)),
      bundle,
    );
  };
  return defineSearch({
    key: searchKey(spec),
    noun: spec.noun,
    display: { label: searchLabel(spec), description: `Finds a ${spec.noun.toLowerCase()} by ${spec.nameLabel.replace(spec.noun, '').trim().toLowerCase()} or ID.` },
    operation: { inputFields: inputs.map(toZapierField), perform, sample: outputOf(spec.outputs, spec.outputs.sample), outputFields: outputFieldsOf(spec.outputs) },
  });
};

/** "Find …" searches over COR's main API: by COR ID, or by name through COR's search-by-name. */
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { type FieldSpec, fillPath } from './entity.js';
import { toZapierField } from './fields.js';
import { parseStep, stepSchema } from './schema.js';
import { corRequest } from './http.js';
import { toPage } from './lists.js';
import { outputFieldsOf, outputOf, type RecordOutputs } from './outputs.js';

export interface SearchSpec {
  key: string;
  noun: string;
  /** Path of the search-by-name endpoint; `{q}` is the URL-encoded term. */
  byName: string;
  /** Path of the get-by-ID endpoint; `{id}` is the COR ID. Absent where COR has none (users). */
  byId?: string;
  nameLabel: string;
  outputs: RecordOutputs;
}

/** The inputs of a search: a name (it goes into the URL path) and, where COR can look one up, a COR ID. */
export const searchInputs = (spec: SearchSpec): FieldSpec[] => {
  const lower = spec.noun.toLowerCase();
  const sample = outputOf(spec.outputs, spec.outputs.sample);
  const name: FieldSpec = {
    key: 'name',
    label: spec.nameLabel,
    type: 'id',
    required: !spec.byId,
    example: String(sample.name ?? sample.title ?? ''),
    help: spec.byId
      ? `Finds ${lower}s whose ${spec.nameLabel.toLowerCase()} matches (COR's search by name). Leave empty to search by COR ID.`
      : `Finds ${lower}s whose ${spec.nameLabel.toLowerCase()} matches (COR's search by name; COR offers no lookup by ID).`,
  };
  if (!spec.byId) return [name];
  const corId: FieldSpec = {
    key: 'cor_id',
    label: `${spec.noun} COR ID`,
    type: 'integer',
    min: 1,
    example: 1,
    help: `COR's own numeric ID of the ${lower} (not your external ID). Used instead of the name when filled in.`,
  };
  return [name, corId];
};

/** "Find …": by COR ID, or by name through COR's search-by-name; nothing found is an empty result. */
export const searchAction = (spec: SearchSpec) => {
  const inputs = searchInputs(spec);
  const perform = async (z: ZObject, bundle: Bundle) => {
    const input = await parseStep(z, stepSchema(spec, inputs), bundle.inputData);
    const corId = input.cor_id as number | undefined;
    const name = input.name as string | undefined;
    if (corId === undefined && name === undefined) {
      throw new z.errors.Error(`Fill in ${spec.byId ? `the ${spec.noun} COR ID or ` : ''}the ${spec.nameLabel.toLowerCase()} to search for.`, 'InvalidInput');
    }
    const byId = corId !== undefined && spec.byId;
    const path = byId ? fillPath(spec.byId!, { id: corId }) : fillPath(spec.byName, { q: name });
    const response = await corRequest<unknown>(z, bundle, { api: 'main', method: 'GET', path, context: { noun: spec.noun, verb: 'find', notFoundIsEmpty: true } });
    if (response.status === 404) return [];
    // By ID COR answers the record itself; by name a list or its paginated envelope.
    const body = byId && !Array.isArray(response.data) ? [response.data] : response.data;
    return toPage(z, body, 1, 50, `${spec.noun.toLowerCase()}s`).items.map((item) => outputOf(spec.outputs, item));
  };
  return defineSearch({
    key: spec.key,
    noun: spec.noun,
    display: { label: `Find ${spec.noun}`, description: `Finds a COR ${spec.noun.toLowerCase()} by ${spec.byId ? 'its COR ID or by ' : ''}${spec.nameLabel.toLowerCase()}.` },
    operation: { inputFields: inputs.map(toZapierField), perform, sample: outputOf(spec.outputs, spec.outputs.sample), outputFields: outputFieldsOf(spec.outputs) },
  });
};

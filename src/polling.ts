/**
 * The one polling and pagination helper over COR's main API v1 lists
 * (`page`, `perPage` ≤ 50, URL-encoded JSON `filters`, the {total, perPage, page, lastPage, data} envelope).
 * Triggers, dropdowns and searches are descriptions run by this code; none pages by itself.
 */
import { defineSearch, defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import type { FieldSpec } from './entity.js';
import { isAbsent, lazySchema, parseStep, toZapierField } from './fields.js';
import { corRequest } from './http.js';

export interface ListEnvelope<T = Record<string, unknown>> {
  total: string | number;
  perPage: number;
  page: number;
  lastPage: number;
  data: T[];
}

export type Item = Record<string, unknown>;
export const MAX_PER_PAGE = 50;
/** Items shown when Zapier only loads samples in the Zap editor. */
export const SAMPLE_LIMIT = 3;

/** The filters COR takes for this list, from the step's validated inputs (empty filters are left out). */
export type FiltersFor = (input: Record<string, unknown>) => Record<string, unknown>;

export const compactFilters = (filters: Record<string, unknown>): Record<string, unknown> | undefined => {
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => !isAbsent(v) && !(Array.isArray(v) && v.every(isAbsent))));
  return Object.keys(kept).length ? kept : undefined;
};

/** One page of a main-API list. */
export const fetchPage = async <T = Item>(
  z: ZObject,
  bundle: Bundle,
  path: string,
  page: number,
  perPage: number,
  filters?: Record<string, unknown>,
  extra: Record<string, string | number> = {},
): Promise<ListEnvelope<T>> => {
  const params: Record<string, string | number> = { page, perPage, ...extra };
  if (filters) params.filters = JSON.stringify(filters);
  const response = await corRequest<ListEnvelope<T> | T[]>(z, bundle, { api: 'main', method: 'GET', path, params, context: { noun: 'list', verb: 'read' } });
  const body = response.data;
  // Some lists answer a bare array (no pagination): one page holds everything.
  if (Array.isArray(body)) return { total: body.length, perPage: body.length, page: 1, lastPage: 1, data: body };
  return { ...body, data: body?.data ?? [], lastPage: Number(body?.lastPage ?? 1) || 1 };
};

const timeOf = (item: Item, key: string): number => {
  const value = item[key];
  if (typeof value === 'number') return value;
  const parsed = Date.parse(String(value ?? '').replace(' ', 'T'));
  return Number.isNaN(parsed) ? 0 : parsed;
};

/**
 * The newest items of a list, newest first. COR does not document its list order, so the
 * first and the last page are both read (whichever end the newest are on) and sorted here.
 */
export const fetchNewest = async (
  z: ZObject,
  bundle: Bundle,
  path: string,
  sortBy: string,
  filters?: Record<string, unknown>,
  extra: Record<string, string | number> = {},
): Promise<Item[]> => {
  const sampling = bundle.meta?.isLoadingSample === true;
  const perPage = MAX_PER_PAGE;
  const first = await fetchPage(z, bundle, path, 1, perPage, filters, extra);
  const pages = [first];
  if (!sampling && first.lastPage > 1) pages.push(await fetchPage(z, bundle, path, first.lastPage, perPage, filters, extra));
  const byId = new Map<unknown, Item>();
  for (const item of pages.flatMap((p) => p.data)) byId.set(item.id, item);
  const sorted = [...byId.values()].sort((a, b) => timeOf(b, sortBy) - timeOf(a, sortBy) || Number(b.id) - Number(a.id));
  return sorted.slice(0, sampling ? SAMPLE_LIMIT : perPage);
};

export interface TriggerSpec {
  key: string;
  noun: string;
  label: string;
  /** "Triggers when …", and what the trigger can and cannot see. */
  description: string;
  path: string;
  /** The field that orders items (newest first). */
  sortBy: string;
  /** For "Updated …" triggers: the timestamp that makes each change a new item. */
  changeKey?: string;
  /** The step's inputs, described and validated like an action's fields. */
  inputs?: FieldSpec[];
  filters?: FiltersFor;
  /** Query parameters of lists that do not page the usual way (leaves: usersId, size). */
  params?: (input: Record<string, unknown>) => Record<string, string | number>;
  /** The item as the Zap builder gets it (names of linked records flattened in). */
  toOutput: (item: Item) => Item;
  sample: Item;
  outputFields: { key: string; label: string; type?: 'string' | 'integer' | 'number' | 'boolean' | 'datetime' }[];
  /** Hidden triggers feed dynamic dropdowns. */
  hidden?: boolean;
}

/** Dedupe: new items by COR ID; updated items by COR ID and update time, so each change fires once. */
export const withDedupeKey = (spec: TriggerSpec, output: Item): Item & { id: string } => {
  const corId = output.id;
  const id = spec.changeKey ? `${String(corId)}-${String(output[spec.changeKey] ?? '')}` : String(corId);
  return { ...output, id, cor_id: corId };
};

export const pollingTrigger = (spec: TriggerSpec) => {
  const schema = lazySchema(spec.inputs ?? []);
  const perform = async (z: ZObject, bundle: Bundle): Promise<(Item & { id: string })[]> => {
    const input = await parseStep(z, schema(), bundle.inputData);
    const filters = spec.filters ? compactFilters(spec.filters(input)) : undefined;
    const items = await fetchNewest(z, bundle, spec.path, spec.changeKey ?? spec.sortBy, filters, spec.params?.(input));
    return items.map((item) => withDedupeKey(spec, spec.toOutput(item)));
  };
  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description, ...(spec.hidden ? { hidden: true } : {}) },
    operation: {
      type: 'polling',
      inputFields: (spec.inputs ?? []).map(toZapierField),
      perform,
      sample: withDedupeKey(spec, spec.sample),
      outputFields: spec.outputFields,
      ...(spec.hidden ? { canPaginate: true } : {}),
    },
  });
};

export interface DropdownSpec {
  key: string;
  noun: string;
  path: string;
  label: (item: Item) => string;
}

/** A hidden trigger feeding a dynamic dropdown: one COR page per Zapier page, names not numbers. */
export const dropdownTrigger = (spec: DropdownSpec) => {
  const perform = async (z: ZObject, bundle: Bundle): Promise<{ id: string; name: string }[]> => {
    const page = await fetchPage(z, bundle, spec.path, (bundle.meta?.page ?? 0) + 1, MAX_PER_PAGE);
    return page.data.map((item) => ({ id: String(item.id), name: spec.label(item) }));
  };
  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: `List ${spec.noun}s`, description: `Lists COR ${spec.noun.toLowerCase()}s for dropdowns.`, hidden: true },
    operation: { type: 'polling', perform, canPaginate: true, sample: { id: 1, name: `Example ${spec.noun}` } },
  });
};

export interface SearchSpec {
  key: string;
  noun: string;
  /** Path of the search-by-name endpoint; `{q}` is the URL-encoded term. */
  byName: string;
  /** Path of the get-by-ID endpoint; `{id}` is the COR ID. Absent where COR has none (users). */
  byId?: string;
  nameLabel: string;
  toOutput: (item: Item) => Item;
  sample: Item;
  outputFields: TriggerSpec['outputFields'];
}

/** The inputs of a search: a name (it goes into the URL path) and, where COR can look one up, a COR ID. */
export const searchInputs = (spec: SearchSpec): FieldSpec[] => {
  const lower = spec.noun.toLowerCase();
  const name: FieldSpec = {
    key: 'name', label: spec.nameLabel, type: 'id', required: !spec.byId, example: String(spec.sample.name ?? spec.sample.title ?? ''),
    help: spec.byId
      ? `Finds ${lower}s whose ${spec.nameLabel.toLowerCase()} matches (COR's search by name). Leave empty to search by COR ID.`
      : `Finds ${lower}s whose ${spec.nameLabel.toLowerCase()} matches (COR's search by name; COR offers no lookup by ID).`,
  };
  if (!spec.byId) return [name];
  const corId: FieldSpec = {
    key: 'cor_id', label: `${spec.noun} COR ID`, type: 'integer', min: 1, example: 1,
    help: `COR's own numeric ID of the ${lower} (not your external ID). Used instead of the name when filled in.`,
  };
  return [name, corId];
};

/** "Find …": by COR ID, or by name through COR's search-by-name; nothing found is an empty result. */
export const searchAction = (spec: SearchSpec) => {
  const inputs = searchInputs(spec);
  const schema = lazySchema(inputs);
  const perform = async (z: ZObject, bundle: Bundle) => {
    const input = await parseStep(z, schema(), bundle.inputData);
    const corId = input.cor_id as number | undefined;
    const name = input.name as string | undefined;
    if (corId === undefined && name === undefined) {
      throw new z.errors.Error(`Fill in ${spec.byId ? `the ${spec.noun} COR ID or ` : ''}the ${spec.nameLabel.toLowerCase()} to search for.`, 'InvalidInput');
    }
    const path = corId !== undefined && spec.byId ? spec.byId.replace('{id}', String(corId)) : spec.byName.replace('{q}', encodeURIComponent(name!));
    const response = await corRequest<unknown>(z, bundle, { api: 'main', method: 'GET', path, context: { noun: spec.noun, verb: 'find', notFoundIsEmpty: true } });
    if (response.status === 404) return [];
    const body = response.data as Item | Item[] | ListEnvelope | undefined;
    const items = Array.isArray(body) ? body : body && Array.isArray((body as ListEnvelope).data) ? (body as ListEnvelope).data : body ? [body as Item] : [];
    return items.filter((item) => item && item.id !== undefined).map(spec.toOutput);
  };
  return defineSearch({
    key: spec.key,
    noun: spec.noun,
    display: {
      label: `Find ${spec.noun}`,
      description: `Finds a COR ${spec.noun.toLowerCase()} by ${spec.byId ? 'its COR ID or by ' : ''}${spec.nameLabel.toLowerCase()}.`,
    },
    operation: {
      inputFields: inputs.map(toZapierField),
      perform,
      sample: spec.sample,
      outputFields: spec.outputFields,
    },
  });
};

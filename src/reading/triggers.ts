/**
 * Trigger descriptions → Zapier polling triggers. Each visible trigger reads its COR list with
 * the strategy of src/reading/polling.ts, supports Zapier's Transfer (page by page, newest first), and
 * keys each item by its COR ID, or for "Updated" triggers by the fields that mark one change.
 */
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { type FieldSpec, fillPath, keyOf } from '../model/entity.js';
import { withFileReferences } from '../model/files.js';
import { isAbsent, toZapierField } from '../model/fields.js';
import { parseStep, stepSchema } from '../model/schema.js';
import { type Item, idOf, type ListQuery, pageReader } from './lists.js';
import { at, outputFieldsOf, outputOf, type RecordOutputs } from '../records/outputs.js';
import { markOf, newestById, pollResult, readPages, scanFrom, type Since, transferPage, wantFor } from './polling.js';
import { corZone } from '../records/timestamps.js';
import { redactOutput } from '../request/redact.js';

export interface TriggerSpec {
  noun: string;
  /** "New Project"; the key follows from it (new_project). */
  label: string;
  /** "Triggers when …", and what the trigger can and cannot see. */
  description: string;
  /** The list's path; `{key}` is replaced with that input (a task's files: `/tasks/{task_id}/attachments`). */
  path: string;
  /** What the list holds, plural, for messages ("projects"). */
  plural: string;
  /**
   * 'newest': a poll returns the newest records by COR ID, read from whichever end of the list
   * holds them. 'scan': COR cannot list these by what changed, so a poll reads the whole list.
   */
  read: 'newest' | 'scan';
  /** For a scan: the timestamp a poll returns the newest of. Without it, a scan returns all it finds. */
  changedBy?: string;
  /** Output fields that together identify one change (Zapier's primary key); default the COR ID. */
  primary?: string[];
  /** COR's paging for this list (default page/perPage). */
  paging?: ListQuery['paging'];
  /** The step's inputs, described and validated like an action's fields. */
  inputs?: FieldSpec[];
  /** COR's `filters` for this list, from the validated inputs. */
  filters?: (input: Record<string, unknown>) => Record<string, unknown>;
  /** Other query parameters of the list (leaves: usersId). */
  params?: (input: Record<string, unknown>) => Record<string, string | number>;
  /** The filters that narrow a whole-list read, for the message when the list is too long. */
  narrowWith?: string;
  /** Names from another list, added to each item (a task's project and client): once per poll, at most NAME_PAGES pages of it. */
  names?: NameSource;
  /** Which listed items the trigger keeps, where COR's list cannot filter by an input (a time entry's status). */
  keep?: (input: Record<string, unknown>, item: Item) => boolean;
  /** What the trigger outputs for each item (names of linked records flattened in). */
  outputs: RecordOutputs;
}

/** Another COR list that names what an item refers to: the item's `key` is a COR ID of that list; `fields` are output key → where in the listed record. */
export interface NameSource {
  path: string;
  plural: string;
  key: string;
  fields: Record<string, string>;
}

/** A poll reads at most this many pages (1,000 records) of a list of names. */
export const NAME_PAGES = 20;

/** The items with the names their `key` points at, read once from the names list: records beyond its first NAME_PAGES pages keep null. */
const withNames = async (z: ZObject, bundle: Bundle, items: Item[], names: NameSource): Promise<Item[]> => {
  const wanted = new Set(items.map((item) => String(item[names.key] ?? '')).filter(Boolean));
  if (wanted.size === 0) return items;
  const read = pageReader(z, bundle, { path: names.path }, names.plural);
  const first = await read(1);
  const rest = await readPages(
    read,
    Array.from({ length: Math.min(first.lastPage ?? 1, NAME_PAGES) - 1 }, (_, i) => i + 2),
  );
  const byId = new Map([first, ...rest].flatMap((page) => page.items).map((record) => [idOf(record)!, record]));
  return items.map((item) => {
    const record = byId.get(String(item[names.key]));
    return record ? { ...item, ...Object.fromEntries(Object.entries(names.fields).map(([key, path]) => [key, at(record, path) ?? null])) } : item;
  });
};

/** Filters left empty are not sent; COR's list filters take arrays of IDs where they take several. */
export const compactFilters = (filters: Record<string, unknown>): Record<string, unknown> | undefined => {
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => !isAbsent(v) && !(Array.isArray(v) && v.every(isAbsent))));
  return Object.keys(kept).length ? kept : undefined;
};

const queryFor = (spec: TriggerSpec, input: Record<string, unknown>): ListQuery => {
  const query: ListQuery = { path: fillPath(spec.path, input), paging: spec.paging ?? 'pages' };
  const filters = spec.filters ? compactFilters(spec.filters(input)) : undefined;
  if (filters) query.filters = filters;
  if (spec.params) query.params = spec.params(input);
  return query;
};

/** How long a poll's mark is kept: a Zap off for longer starts again from the newest `want`. */
const MARK_TTL_SECONDS = 30 * 86_400;

/**
 * Where the last poll of this Zap stopped, kept in Zapier's cache: per Zap where Zapier says which,
 * else per connection, trigger and filters. Without the cache a poll returns the newest `want` as before.
 */
const pollMark = (z: ZObject, bundle: Bundle, spec: TriggerSpec, query: ListQuery) => {
  const zap = (bundle.meta as { zap?: { id?: unknown } } | undefined)?.zap?.id;
  // A list picked by an input (a task's files) is a list of its own; the others keep the keys their marks were set under.
  const list = query.path === spec.path ? [query.filters, query.params] : [query.path, query.filters, query.params];
  const key = `mark:${triggerKey(spec)}:${zap ?? ''}:${JSON.stringify(list)}`;
  // Scoped to the connection: by default Zapier's cache is shared by every account of the app.
  const cache = z.cache as unknown as { get: (key: string, scope: string[]) => Promise<unknown>; set: (key: string, value: unknown, ttl: number, scope: string[]) => Promise<unknown> } | undefined;
  const attempt = async <T>(call: () => Promise<T> | undefined): Promise<T | undefined> => {
    try {
      return await call();
    } catch {
      return undefined; // no cache here (zapier-platform invoke): a poll as without a mark
    }
  };
  return {
    get: async (): Promise<Since | undefined> => {
      const mark = (await attempt(() => cache?.get(key, ['auth']))) as Partial<{ id: unknown; time: unknown }> | null | undefined;
      if (typeof mark?.id === 'string') return { id: mark.id };
      return typeof mark?.time === 'number' && Number.isFinite(mark.time) ? { time: mark.time } : undefined;
    },
    set: async (mark: Since | undefined) => {
      if (mark) await attempt(() => cache?.set(key, mark, MARK_TTL_SECONDS, ['auth']));
    },
  };
};

/** What one poll returns, newest first: see TriggerSpec.read. Items are reduced to their output as each page arrives. */
const pollItems = async (z: ZObject, bundle: Bundle, spec: TriggerSpec, input: Record<string, unknown>, zone: string): Promise<Item[]> => {
  const query = queryFor(spec, input);
  const read = pageReader(z, bundle, query, spec.plural, undefined, (item) => outputOf(spec.outputs, item, zone));
  const meta = bundle.meta;
  if (meta?.isBulkRead || (meta?.page ?? 0) > 0) return transferPage(read, meta?.page ?? 0);
  const limit = { what: spec.plural, ...(spec.narrowWith ? { narrowWith: spec.narrowWith } : {}) };
  const want = wantFor(meta);
  // A sample neither reads nor moves the mark; turning the Zap on sets it.
  const mark = meta?.isLoadingSample ? undefined : pollMark(z, bundle, spec, query);
  const since = meta?.isPopulatingDedupe ? undefined : await mark?.get();
  let items: Item[];
  if (spec.read === 'newest') items = await newestById(z, read, want, limit, since);
  else {
    const all = (await scanFrom(z, read, limit)).filter((item) => !spec.keep || spec.keep(input, item));
    // Without a timestamp every item a scan finds may have changed, so none is left out.
    items = pollResult(all, spec.changedBy || meta?.isLoadingSample ? want : Number.POSITIVE_INFINITY, since, spec.changedBy);
  }
  await mark?.set(markOf(items, spec.changedBy));
  return items;
};

/** A trigger's key: its label in snake case. */
export const triggerKey = (spec: TriggerSpec): string => keyOf(spec.label);

export const pollingTrigger = (spec: TriggerSpec) => {
  const perform = async (z: ZObject, bundle: Bundle): Promise<(Item & { id: string })[]> => {
    const input = await parseStep(z, stepSchema(spec, spec.inputs ?? []), bundle.inputData);
    const items = await pollItems(z, bundle, spec, input, corZone(z, bundle));
    const named = spec.names ? await withNames(z, bundle, items, spec.names) : items;
    return redactOutput(
      named.map((item) => withFileReferences(z, spec.outputs, item)),
      bundle,
    ) as (Item & { id: string })[];
  };
  return defineTrigger({
    key: triggerKey(spec),
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'polling',
      inputFields: (spec.inputs ?? []).map(toZapierField),
      perform,
      canPaginate: true,
      sample: outputOf(spec.outputs, spec.outputs.sample),
      outputFields: outputFieldsOf(spec.outputs, spec.primary),
    },
  });
};

export interface DropdownSpec {
  /** "Projects": the trigger is "List Projects" (list_projects), the source of `list_projects.id.name`. */
  plural: string;
  noun: string;
  /** COR's list, read one page per Zapier page; or `options`, a fixed list that needs no request. */
  path?: string;
  options?: () => { id: string; name: string }[];
  label: (item: Item) => string;
  /** COR's `filters` from the inputs the step has so far (tasks of the chosen project); empty ones are left out. */
  filters?: (inputData: Record<string, unknown>) => Record<string, unknown>;
  /** Other query parameters, and the list's paging where it is not page/perPage. */
  params?: Record<string, string>;
  paging?: ListQuery['paging'];
  /** The choices inside one item, for lists of groups (label categories and their labels). */
  entries?: (item: Item) => { id: string; name: string }[];
  /** The sample, where "Example <Noun>" with ID 1 would not be one. */
  sample?: { id: string; name: string };
}

/** A COR ID the step has so far, as text; anything else (a mapped placeholder, a list) is no filter. */
export const idInput = (value: unknown): string | undefined => ((typeof value === 'number' || typeof value === 'string') && /^\d+$/.test(String(value).trim()) ? String(value).trim() : undefined);

const dropdownQuery = (spec: DropdownSpec, inputData: Record<string, unknown> | undefined): ListQuery => {
  const filters = spec.filters ? compactFilters(spec.filters(inputData ?? {})) : undefined;
  return { path: spec.path!, ...(filters ? { filters } : {}), ...(spec.params ? { params: spec.params } : {}), ...(spec.paging ? { paging: spec.paging } : {}) };
};

/** A hidden trigger feeding a dynamic dropdown: one COR page per Zapier page, names not numbers. */
export const dropdownTrigger = (spec: DropdownSpec) => {
  const perform = async (z: ZObject, bundle: Bundle): Promise<{ id: string; name: string }[]> => {
    const zapierPage = bundle.meta?.page ?? 0;
    if (spec.options || spec.paging === 'none') {
      if (zapierPage > 0) return [];
      if (spec.options) return spec.options();
    }
    const page = await pageReader(z, bundle, dropdownQuery(spec, bundle.inputData), spec.plural.toLowerCase())(zapierPage + 1);
    return redactOutput(
      page.items.flatMap((item) => (spec.entries ? spec.entries(item) : [{ id: idOf(item)!, name: spec.label(item) }])),
      bundle,
    );
  };
  const label = `List ${spec.plural}`;
  return defineTrigger({
    key: keyOf(label),
    noun: spec.noun,
    display: { label, description: `Lists ${spec.plural.toLowerCase()} for dropdowns.`, hidden: true },
    operation: { type: 'polling', perform, canPaginate: true, sample: spec.sample ?? { id: '1', name: `Example ${spec.noun}` } },
  });
};

/**
 * Reading COR's main-API lists one page at a time, each page checked before anything uses it.
 * Two paging styles exist: `page`/`perPage` answered with COR's {total, perPage, page, lastPage,
 * data} envelope (or a bare array), and `offset`/`size` answered with a bare array (/user/leaves).
 * Items are keyed by their COR ID in one canonical form, so 12 and "12" are the same item.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { corRequest } from '../request/http.js';
import { idOf, type Item } from '../records/item.js';

export { idOf, type Item };

/** COR's largest page: "You can increase this up to 50 with the perPage parameter". */
export const PER_PAGE = 50;

export interface ListQuery {
  path: string;
  /** COR's `filters` object (sent as URL-encoded JSON); absent filters are left out. */
  filters?: Record<string, unknown>;
  params?: Record<string, string | number>;
  /**
   * 'pages': `page` and `perPage`; 'per_page': `page` and `per_page` (a task's files); 'offset': `offset` (a
   * 1-based page number) and `size`, answered with a bare array; 'none': the whole list in one answer.
   */
  paging?: 'pages' | 'per_page' | 'offset' | 'none';
}

export interface Page {
  /** Objects with a COR ID; anything else COR listed is dropped (and counted in the log). */
  items: Item[];
  /** The last page number where COR's envelope gives a consistent one; undefined when unknown. */
  lastPage?: number;
  /** Items per page as COR served them. */
  perPage: number;
  total?: number;
  /** The answer's size in characters: large pages are read one at a time. */
  bytes?: number;
}

/** Reads one page (1-based) of one list; `again()` is a reader that asks COR anew (the list moved meanwhile). */
export type PageReader = ((page: number) => Promise<Page>) & { again: () => PageReader };

/** The COR ID as a number for ordering (NaN for an ID that is not a whole number). */
export const rankOf = (item: Item): number => {
  const id = idOf(item);
  return id !== undefined && /^\d+$/.test(id) ? Number(id) : Number.NaN;
};

const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);

const wholeNumber = (value: unknown): number | undefined => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
};

/**
 * The last page: computed from `total` and `perPage` where COR gives both (a lastPage that
 * disagrees with them would hide the newest items), else COR's own lastPage when it is a
 * whole number, else unknown.
 */
export const lastPageOf = (body: Item, perPage: number): number | undefined => {
  const total = wholeNumber(body.total);
  if (total !== undefined && perPage > 0) return Math.max(1, Math.ceil(total / perPage));
  const last = wholeNumber(body.lastPage);
  return last !== undefined && last >= 1 ? last : undefined;
};

/**
 * Items per page as COR served them: its own `perPage` (never fewer than it sent), else, on a
 * first page that holds fewer items than `total` says exist, the number it sent (COR capped the
 * page), else what was asked.
 */
const servedPerPage = (envelope: Item, count: number, asked: number, page: number): number => {
  const said = wholeNumber(envelope.perPage);
  if (said) return Math.max(said, count);
  const total = wholeNumber(envelope.total);
  return page === 1 && total !== undefined && total > count && count > 0 ? count : asked;
};

/** A list answer as a page: the items that have a COR ID, and what COR says about the rest of the list. */
export const toPage = (z: ZObject, body: unknown, page: number, asked: number, what: string): Page => {
  const envelope = isItem(body) ? body : undefined;
  const data = envelope ? envelope.data : body;
  if (!Array.isArray(data)) {
    throw new z.errors.Error(`COR answered the request for ${what} with ${describeShape(data)} where a list was expected. COR may be having trouble: try again later.`, 'UnexpectedResponse');
  }
  const items = data.filter((item): item is Item => isItem(item) && idOf(item) !== undefined);
  if (items.length < data.length) z.console.log(`COR listed ${data.length - items.length} of ${data.length} ${what} without a COR ID; they were left out.`);
  if (!envelope) return { items, perPage: asked };
  const perPage = servedPerPage(envelope, data.length, asked, page);
  const total = wholeNumber(envelope.total);
  return { items, perPage, lastPage: lastPageOf(envelope, perPage), ...(total !== undefined ? { total } : {}) };
};

/** "an object", "the text …", "nothing": what COR sent instead of a list, for messages. */
export const describeShape = (value: unknown): string => {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return 'a piece of text';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

/**
 * A reader for one list, with the filters and paging style of the query; each page is requested
 * once per reader. `reduce` turns each item into what the step keeps of it as its page arrives, so
 * a poll holds outputs, not COR's whole records (an item keeps its COR ID as `id`).
 */
export const pageReader = (z: ZObject, bundle: Bundle, query: ListQuery, what: string, perPage = PER_PAGE, reduce?: (item: Item) => Item): PageReader => {
  const pages = new Map<number, Promise<Page>>();
  const read = async (page: number) => {
    const served = await readPage(z, bundle, query, what, perPage, page);
    return reduce ? { ...served, items: served.items.map(reduce) } : served;
  };
  return Object.assign(
    (page: number) => {
      if (!pages.has(page)) pages.set(page, read(page));
      return pages.get(page)!;
    },
    { again: () => pageReader(z, bundle, query, what, perPage, reduce) },
  );
};

/** The query parameters of one page, by the list's paging style. */
const PAGING: Record<NonNullable<ListQuery['paging']>, (page: number, perPage: number) => Record<string, number>> = {
  pages: (page, perPage) => ({ page, perPage }),
  per_page: (page, perPage) => ({ page, per_page: perPage }),
  offset: (page, perPage) => ({ offset: page, size: perPage }),
  none: () => ({}),
};

const readPage = async (z: ZObject, bundle: Bundle, query: ListQuery, what: string, perPage: number, page: number): Promise<Page> => {
  const paging = PAGING[query.paging ?? 'pages'](page, perPage);
  const params: Record<string, string | number> = { ...query.params, ...paging };
  if (query.filters) params.filters = JSON.stringify(query.filters);
  const response = await corRequest<unknown>(z, bundle, { api: 'main', method: 'GET', path: query.path, params, context: { noun: what, verb: 'read' } });
  const served = toPage(z, response.data, page, perPage, what);
  // A list COR gives whole has one page, however long.
  return { ...served, ...(query.paging === 'none' ? { lastPage: 1, perPage: Math.max(served.items.length, 1) } : {}), bytes: response.content.length };
};

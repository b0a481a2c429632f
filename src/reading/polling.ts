/**
 * How a polling trigger finds what is new in a COR list, whatever order COR lists in.
 *
 * COR documents no list order. A "New" trigger finds out from the data which end of the list
 * holds the highest COR IDs (the newest records) and reads from that end just the pages it needs.
 * Where COR can neither sort nor filter a list by what changed (projects by update time), the
 * trigger reads the whole list, narrowed by its own filters, up to a documented size.
 * Zapier then fires for every item whose primary key it has not seen (its dedupe table).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type Item, idOf, type Page, type PageReader, rankOf } from './lists.js';

/** Zapier fires at most 100 new items per poll (its default throttle), so a poll returns the newest 100. */
export const POLL_LIMIT = 100;
/** The Zap editor shows three samples. */
export const SAMPLE_LIMIT = 3;
/**
 * Turning a Zap on seeds Zapier's dedupe table: it must hold every item a later poll could
 * return as not new, so it holds more than a poll returns (room for deleted records).
 */
export const POPULATE_LIMIT = 500;
/** A whole-list read stops here: 200 pages of 50 fit in 20 s at 400 ms a page, 4 at a time (see the benchmark). */
export const MAX_SCAN_PAGES = 200;
/** Pages requested at once. */
export const READ_CONCURRENCY = 5;

/** How many of the newest items this call needs. */
export const wantFor = (meta: Partial<Bundle['meta']> | undefined): number => (meta?.isLoadingSample ? SAMPLE_LIMIT : meta?.isPopulatingDedupe ? POPULATE_LIMIT : POLL_LIMIT);

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Reads pages with at most READ_CONCURRENCY requests in flight; the result keeps their order. */
export const readPages = async (read: PageReader, pages: number[]): Promise<Page[]> => {
  const out: Page[] = [];
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const index = next++;
      out[index] = await read(pages[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, pages.length) }, worker));
  return out;
};

/** Milliseconds of a COR timestamp ("2025-02-01 09:00:00" or ISO 8601); -Infinity when there is none. */
export const timeOf = (value: unknown): number => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return Number.NEGATIVE_INFINITY;
  const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
};

const byNewest =
  (by: string | undefined) =>
  (a: Item, b: Item): number => {
    const time = by ? timeOf(b[by]) - timeOf(a[by]) : 0;
    if (time) return time;
    const [x, y] = [rankOf(a), rankOf(b)];
    if (!Number.isNaN(x) && !Number.isNaN(y)) return y - x;
    const [p, q] = [String(idOf(a)), String(idOf(b))];
    return p < q ? 1 : p > q ? -1 : 0;
  };

/** Each item once (by COR ID, the first seen kept), newest first by `by` (default the COR ID), at most `want`. */
export const newestOf = (items: Item[], want: number, by?: string): Item[] => {
  const unique = new Map<string, Item>();
  for (const item of items) if (!unique.has(idOf(item)!)) unique.set(idOf(item)!, item);
  return [...unique.values()].sort(byNewest(by)).slice(0, want);
};

type Order = 'asc' | 'desc' | 'mixed' | 'flat';

/** The order of COR IDs along a run of items: rising, falling, neither, or nothing to tell. */
export const orderOf = (items: Item[]): Order => {
  let up = false;
  let down = false;
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [rankOf(items[i - 1]!), rankOf(items[i]!)];
    if (Number.isNaN(a) || Number.isNaN(b)) return 'mixed';
    if (b > a) up = true;
    else if (b < a) down = true;
  }
  return up && down ? 'mixed' : up ? 'asc' : down ? 'desc' : 'flat';
};

/** The list's order from its first page, or (a page of one) from its first and last pages. */
const listOrder = async (read: PageReader, first: Page, last: number): Promise<{ order: Order; lastRead?: Page }> => {
  const order = orderOf(first.items);
  if (order !== 'flat') return { order };
  const lastRead = await read(last);
  const ends = orderOf([first.items[0], lastRead.items[0]].filter((item): item is Item => item !== undefined));
  return { order: ends === 'flat' ? 'mixed' : ends, lastRead };
};

/** Pages read in page order keep one direction across their boundaries (COR did not reorder between them). */
const keepsOrder = (pages: Page[], order: 'asc' | 'desc'): boolean => {
  let bound = order === 'asc' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const page of pages.filter((p) => p.items.length > 0)) {
    if (!['flat', order].includes(orderOf(page.items))) return false;
    const ranks = page.items.map(rankOf);
    const [low, high] = [Math.min(...ranks), Math.max(...ranks)];
    if (order === 'asc' ? low <= bound : high >= bound) return false;
    bound = order === 'asc' ? high : low;
  }
  return true;
};

/** The pages at the end of a list (oldest first) that hold its newest `want` items, page 1 excluded. */
const tailPages = (first: Page, last: number, want: number): number[] => {
  const onLast = first.total !== undefined ? first.total - (last - 1) * first.perPage : 1;
  const from = last - Math.ceil(Math.max(0, want - Math.min(Math.max(onLast, 1), first.perPage)) / first.perPage);
  return range(Math.max(2, from), last);
};

export interface ScanLimit {
  /** What the list holds, for the message ("projects"). */
  what: string;
  /** The filters that narrow the list, for the message. */
  narrowWith?: string;
}

/** Raised when a list is longer than a trigger can read in one poll. */
const tooLarge = (z: ZObject, limit: ScanLimit, pages: number | undefined): Error =>
  new z.errors.Error(
    `This trigger reads every one of your COR ${limit.what} in each poll, because COR cannot list them by what changed, and ${pages === undefined ? 'the list goes on' : `the list has ${pages} pages of ${limit.what}`} beyond the ${MAX_SCAN_PAGES * 50} it can read within Zapier's time limit.${limit.narrowWith ? ` Narrow it with ${limit.narrowWith}.` : ''}`,
    'ListTooLarge',
  );

/** Every item of a list: all pages at once when COR says how many, else page after page until one brings nothing new. */
export const scanFrom = async (z: ZObject, read: PageReader, first: Page, limit: ScanLimit): Promise<Item[]> => {
  if (first.lastPage !== undefined) {
    if (first.lastPage > MAX_SCAN_PAGES) throw tooLarge(z, limit, first.lastPage);
    return [first, ...(await readPages(read, range(2, first.lastPage)))].flatMap((page) => page.items);
  }
  const seen = new Map(first.items.map((item) => [idOf(item)!, item]));
  for (let n = 2; first.items.length > 0; n++) {
    if (n > MAX_SCAN_PAGES) throw tooLarge(z, limit, undefined);
    const before = seen.size;
    for (const item of (await read(n)).items) if (!seen.has(idOf(item)!)) seen.set(idOf(item)!, item);
    if (seen.size === before) break;
  }
  return [...seen.values()];
};

/**
 * The newest `want` items of a list by COR ID, read from whichever end holds them. When the
 * data shows no order by COR ID, or COR does not say where the list ends, the whole list is read.
 */
export const newestById = async (z: ZObject, read: PageReader, want: number, limit: ScanLimit): Promise<Item[]> => {
  const first = await read(1);
  const last = first.lastPage;
  if (last === 1) return newestOf(first.items, want);
  if (last === undefined) return newestOf(await scanFrom(z, read, first, limit), want);
  const { order, lastRead } = await listOrder(read, first, last);
  if (order !== 'asc' && order !== 'desc') return newestOf(await scanFrom(z, read, first, limit), want);
  const wanted = order === 'desc' ? range(2, Math.min(last, Math.ceil(want / first.perPage))) : tailPages(first, last, want);
  const pages = await readPages(
    read,
    wanted.filter((n) => !(lastRead && n === last)),
  );
  const inOrder = [first, ...pages, ...(lastRead ? [lastRead] : [])];
  if (!keepsOrder(inOrder, order)) return newestOf(await scanFrom(z, read, first, limit), want);
  return newestOf(
    inOrder.flatMap((page) => page.items),
    want,
  );
};

/**
 * One page of Zapier's Transfer (bundle.meta.page 0, 1, …): COR's pages from the newest end,
 * each newest first. COR pages that only grow at their end (oldest first) keep their content.
 */
export const transferPage = async (read: PageReader, zapierPage: number): Promise<Item[]> => {
  const first = await read(1);
  const last = first.lastPage;
  const order = last === undefined || last === 1 ? 'desc' : (await listOrder(read, first, last)).order;
  const corPage = order === 'asc' ? last! - zapierPage : zapierPage + 1;
  if (corPage < 1 || (last !== undefined && corPage > last)) return [];
  const page = corPage === 1 ? first : await read(corPage);
  return newestOf(page.items, Number.POSITIVE_INFINITY);
};

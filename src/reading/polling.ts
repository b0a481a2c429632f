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
import { compareIds } from '../records/item.js';
import { instantOf } from '../records/timestamps.js';
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
/** Pages of more than this many characters are read one at a time, so a poll's memory stays bounded (benchmarks/RESULTS.md). */
export const LARGE_PAGE_CHARS = 2_000_000;
/** A burst is read back to the last poll's newest record, at most this many pages (1,000 records) a poll. */
export const MAX_BURST_PAGES = 20;
/** A list that moves while a poll reads it is read again, this many times in all at most. */
export const MAX_READS = 3;

/** How many pages to request at once, after the first: large pages one by one. */
const concurrencyAfter = (first: Page): number => ((first.bytes ?? 0) > LARGE_PAGE_CHARS ? 1 : READ_CONCURRENCY);

/** How many of the newest items this call needs. */
export const wantFor = (meta: Partial<Bundle['meta']> | undefined): number => (meta?.isLoadingSample ? SAMPLE_LIMIT : meta?.isPopulatingDedupe ? POPULATE_LIMIT : POLL_LIMIT);

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/**
 * Reads pages with at most `concurrency` requests in flight; the result keeps their order. After a
 * failure no page is asked for, and the failure is raised once the requests in flight have ended:
 * none outlives the step.
 */
export const readPages = async (read: PageReader, pages: number[], concurrency = READ_CONCURRENCY): Promise<Page[]> => {
  const out: Page[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < pages.length && !failure) {
      const index = next++;
      try {
        out[index] = await read(pages[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pages.length) }, worker));
  if (failure) throw failure.error;
  return out;
};

/** Milliseconds of a COR timestamp ("2025-02-01 09:00:00" or ISO 8601); -Infinity when there is none. */
export const timeOf = (value: unknown): number => {
  const parsed = instantOf(value);
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
};

/** Times further ahead than this are bad data: such records sort after every real one, so they cannot hide them. */
export const FUTURE_TOLERANCE_MS = 86_400_000;
/** A record's time for ordering: its own, or -Infinity when it lies in the future. */
const sortTime = (value: unknown, now: number): number => {
  const time = timeOf(value);
  return time > now + FUTURE_TOLERANCE_MS ? Number.NEGATIVE_INFINITY : time;
};

const byNewest =
  (by: string | undefined, now = Date.now()) =>
  (a: Item, b: Item): number => {
    const time = by ? sortTime(b[by], now) - sortTime(a[by], now) || 0 : 0;
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

/**
 * Where the last poll stopped: the newest COR ID it returned, or for a list read by change time the
 * latest change time it saw (never later than now). A poll returns every item past it, beyond `want`.
 */
export type Since = { id: string } | { time: number };

/** Whether an item is past the last poll's mark. */
export const isPast = (item: Item, since: Since | undefined, by?: string): boolean =>
  since !== undefined && ('id' in since ? compareIds(idOf(item)!, since.id) > 0 : by !== undefined && timeOf(item[by]) > since.time && timeOf(item[by]) <= Date.now() + FUTURE_TOLERANCE_MS);

/** The newest `want` items, and every item past the last poll's mark (a burst), each once. */
export const pollResult = (items: Item[], want: number, since?: Since, by?: string): Item[] => {
  const past = items.filter((item) => isPast(item, since, by)).length;
  return newestOf(items, Math.max(want, past), by);
};

/** The mark this poll leaves for the next: its newest COR ID, or its latest change time up to now. */
export const markOf = (items: Item[], by?: string): Since | undefined => {
  if (!by) {
    const ids = items.map((item) => idOf(item)!).sort(compareIds);
    return ids.length ? { id: ids.at(-1)! } : undefined;
  }
  const times = items.map((item) => timeOf(item[by])).filter((t) => Number.isFinite(t) && t <= Date.now());
  return times.length ? { time: Math.max(...times) } : undefined;
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
  /** Why the step reads the whole list, as a sentence; by default a trigger that cannot ask for what changed. */
  why?: string;
}

/** "10,000": written by hand, since toLocaleString would load the locale data (cold start). */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** Raised when a list is longer than a step can read within Zapier's time limit: why it reads it all, how long it is, how to narrow it. */
const tooLarge = (z: ZObject, limit: ScanLimit, first: Page): Error => {
  const most = thousands(MAX_SCAN_PAGES * first.perPage);
  const size = first.total ?? (first.lastPage !== undefined ? first.lastPage * first.perPage : undefined);
  const why = limit.why ?? `This trigger reads every matching one of your COR ${limit.what} in each poll, because COR cannot list them by what changed.`;
  return new z.errors.Error(
    `${why} ${size === undefined ? `COR's list goes on beyond the ${most} ${limit.what}` : `COR's list has ${first.total === undefined ? 'about ' : ''}${thousands(size)} ${limit.what}, more than the ${most}`} a step can read within Zapier's time limit.${limit.narrowWith ? ` Narrow it with ${limit.narrowWith}.` : ''}`,
    'ListTooLarge',
  );
};

/** Whether COR's list kept its size while the pages were read (where COR says its size). */
const steady = (first: Page, pages: Page[]): boolean => pages.every((page) => page.total === undefined || first.total === undefined || page.total === first.total);

/** Every item of a list once a read: all pages at once when COR says how many, else page after page until one brings nothing new. */
const scanOnce = async (z: ZObject, read: PageReader, first: Page, limit: ScanLimit): Promise<{ items: Item[]; steady: boolean }> => {
  if (first.lastPage !== undefined) {
    if (first.lastPage > MAX_SCAN_PAGES) throw tooLarge(z, limit, first);
    const pages = await readPages(read, range(2, first.lastPage), concurrencyAfter(first));
    return { items: [first, ...pages].flatMap((page) => page.items), steady: steady(first, pages) };
  }
  const seen = new Map(first.items.map((item) => [idOf(item)!, item]));
  for (let n = 2; first.items.length > 0; n++) {
    if (n > MAX_SCAN_PAGES) throw tooLarge(z, limit, { ...first, lastPage: undefined, total: undefined });
    const before = seen.size;
    for (const item of (await read(n)).items) if (!seen.has(idOf(item)!)) seen.set(idOf(item)!, item);
    if (seen.size === before) break;
  }
  return { items: [...seen.values()], steady: true };
};

/** Reads until COR's list held still during a read (at most MAX_READS reads); every item any read saw, once. */
const untilSteady = async (read: PageReader, once: (read: PageReader) => Promise<{ items: Item[]; steady: boolean }>): Promise<Item[]> => {
  const items: Item[] = [];
  for (let reads = 1, reader = read; ; reads++, reader = reader.again()) {
    const result = await once(reader);
    items.unshift(...result.items); // the latest read first: its version of an item is the one kept
    if (result.steady || reads === MAX_READS) return items;
  }
};

/** Every item of a list once, read again when the list moved meanwhile (a record made or deleted shifts every page after it). */
export const scanFrom = async (z: ZObject, read: PageReader, limit: ScanLimit): Promise<Item[]> =>
  newestOf(await untilSteady(read, async (reader) => scanOnce(z, reader, await reader(1), limit)), Number.POSITIVE_INFINITY);

/** The pages an ordered list needs for its newest `want`: page 2 onwards newest first; the last pages oldest first. */
const pagesFor = (order: 'asc' | 'desc', first: Page, last: number, want: number): number[] =>
  order === 'desc' ? range(2, Math.min(last, Math.ceil(want / first.perPage))) : tailPages(first, last, want);

/**
 * A burst: while every item read is past the last poll's mark, the next older page, up to
 * MAX_BURST_PAGES. Newest first that is the next page; oldest first the page before the tail.
 */
const burst = async (read: PageReader, order: 'asc' | 'desc', seen: Page[], pageNumbers: number[], last: number, since: Since | undefined): Promise<Page[]> => {
  const pages: Page[] = [];
  let edge = order === 'desc' ? Math.max(1, ...pageNumbers) : Math.min(last, ...pageNumbers);
  const allPast = () => [...seen, ...pages].every((page) => page.items.every((item) => isPast(item, since)));
  while (since && pages.length < MAX_BURST_PAGES && allPast()) {
    edge += order === 'desc' ? 1 : -1;
    if (edge < 1 || edge > last) break;
    pages.push(await read(edge));
  }
  return pages;
};

/** One read of the newest `want` items by COR ID, and of every item past `since`: the items, and whether the list held still. */
const newestOnce = async (z: ZObject, read: PageReader, want: number, limit: ScanLimit, since?: Since): Promise<{ items: Item[]; steady: boolean }> => {
  const first = await read(1);
  const last = first.lastPage;
  if (last === 1) return { items: first.items, steady: true };
  if (last === undefined) return scanOnce(z, read, first, { ...limit, why: `COR did not say where its list of ${limit.what} ends, so this trigger reads all of it to find the new ones.` });
  const { order, lastRead } = await listOrder(read, first, last);
  const unordered = { ...limit, why: `COR listed its ${limit.what} in no order of COR ID, so this trigger reads all of them to find the new ones.` };
  if (order !== 'asc' && order !== 'desc') return scanOnce(z, read, first, unordered);
  const wanted = pagesFor(order, first, last, want);
  const pages = [
    ...(await readPages(
      read,
      wanted.filter((n) => !(lastRead && n === last)),
      concurrencyAfter(first),
    )),
    ...(lastRead ? [lastRead] : []),
  ];
  if (!keepsOrder([first, ...pages], order)) return scanOnce(z, read, first, unordered);
  // Oldest first, page 1 holds the oldest records: they count only when the tail reaches down to it.
  const tail = order === 'asc' && Math.min(...wanted) > 2 ? pages : [first, ...pages];
  const more = await burst(read, order, tail, wanted, last, since);
  return { items: [...tail, ...more].flatMap((page) => page.items), steady: steady(first, [...pages, ...more]) };
};

/**
 * The newest `want` items of a list by COR ID, and every item past `since` (a burst), read from
 * whichever end holds them. When the data shows no order by COR ID, or COR does not say where the
 * list ends, the whole list is read. A list that moves meanwhile is read again.
 */
export const newestById = async (z: ZObject, read: PageReader, want: number, limit: ScanLimit, since?: Since): Promise<Item[]> =>
  pollResult(await untilSteady(read, (reader) => newestOnce(z, reader, want, limit, since)), want, since);

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

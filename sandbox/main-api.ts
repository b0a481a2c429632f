/**
 * The sandbox's main API v1, as COR's OpenAPI documents it: lists with `page`/`perPage` (≤ 50,
 * `page=false` for all) and the {total, perPage, page, lastPage, data} envelope, `/user/leaves`
 * with `offset`/`size` and a bare array, the documented filters, search by name and get by ID.
 * COR documents no list order, so the order is a setting: oldest first or newest first.
 * Besides what the Integrations API created, tests and the benchmark add records in bulk, and the
 * main API's own writes (main-writes.ts) add, change and delete records (`add`, `update`, `delete`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type ListOrder = 'oldest-first' | 'newest-first';
/** `attachments`: the files on tasks (TaskAttachmentDetail), listed per task and per project. */
export const MAIN_KINDS = ['projects', 'clients', 'users', 'hours', 'tasks', 'leaves', 'contracts', 'brands', 'products', 'attachments'] as const;
export type MainKind = (typeof MAIN_KINDS)[number];

/** The largest file the sandbox's upload takes unless a test sets another (settings.maxFileBytes): 100 MB. */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** One record of a main-API list: the item as COR lists it, and times COR keeps but may not list. */
export interface MainRecord {
  id: number;
  item: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  /** The COR user a leave belongs to. */
  userId?: number;
}

/** A file as a project's list shows it (Attachment: the five fields COR's document gives). */
const projectFileOf = (file: Record<string, unknown>) => ({ id: file.id, name: file.name, url: file.url, type: file.file_type, created_at: file.created_at });

type Query = Record<string, string | undefined>;

/** COR's naive timestamp: "2025-02-01 09:00:00" (the sandbox keeps UTC). */
export const corTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ids = (value: unknown): number[] | undefined => (value === undefined ? undefined : ([] as unknown[]).concat(value).map(Number));

/** The filters COR documents for each list, applied the way their names say. */
const FILTERS: Partial<Record<MainKind, (record: MainRecord, filters: Record<string, unknown>) => boolean>> = {
  projects: ({ item }, f) =>
    (f.client_id === undefined || item.client_id === Number(f.client_id)) &&
    // The filter says in_process where the item says active.
    (f.status === undefined || (f.status === 'in_process' ? ['active', 'in_process'] : [String(f.status)]).includes(String(item.status))) &&
    (f.archived === undefined || item.archived === (Number(f.archived) === 1)),
  users: (record, f) => (f.updatedAt === undefined || dateOf(record.updatedAt) >= String(f.updatedAt)) && (f.createdAt === undefined || dateOf(record.createdAt) >= String(f.createdAt)),
  hours: ({ item }, f) =>
    [
      ['projects', 'project_id'],
      ['users', 'user_id'],
      ['clients', 'client_id'],
    ].every(([filter, key]) => {
      const wanted = ids(f[filter!]);
      return !wanted || wanted.includes(Number(item[key!]));
    }) &&
    // dateStart: entries that start on or after the date.
    (f.dateStart === undefined || String(item.start).slice(0, 10) >= String(f.dateStart)),
  tasks: ({ item }, f) =>
    (!ids(f.projects) || ids(f.projects)!.includes(Number(item.project_id))) && (f.status === undefined || ([] as unknown[]).concat(f.status).map(String).includes(String(item.status))),
};

/** One page as COR pages: `page=false` is everything; perPage defaults to 20 and stops at 50. */
export const pageOf = <T>(items: T[], query: Query) => {
  if (query.page === 'false') return { total: String(items.length), perPage: items.length, page: 1, lastPage: 1, data: items };
  const perPage = Math.min(Math.max(Math.trunc(Number(query.perPage ?? 20)) || 20, 1), 50);
  const page = Math.max(Math.trunc(Number(query.page ?? 1)) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  return { total: String(items.length), perPage, page, lastPage, data: items.slice((page - 1) * perPage, page * perPage) };
};

export interface MainApiOptions {
  /** Records the Integrations API created, as main-API records. */
  fromIntegrations: (kind: MainKind) => MainRecord[];
  order?: ListOrder;
  /** Delay of every main-API answer (to model COR's latency in the benchmark). */
  latencyMs?: number;
}

/** JSON text, to compare values (an absent field reads as `undefined`). */
const textOf = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/**
 * The main-API writes to records the Integrations API keeps (rebuilt from its state at each read):
 * each field written, with the value it replaced, and the records deleted. A field shows the write
 * until the Integrations API changes that field again: the later write wins, field by field.
 */
const createOverlays = () => {
  const overlays = new Map<string, { at: number; fields: Map<string, { value: unknown; replaced: string }> }>();
  const deleted = new Set<string>();
  const keyOf = (kind: MainKind, id: number) => `${kind} ${id}`;
  return {
    delete: (kind: MainKind, id: number) => deleted.add(keyOf(kind, id)),
    shown: (kind: MainKind, record: MainRecord) => !deleted.has(keyOf(kind, record.id)),
    write(kind: MainKind, record: MainRecord, changes: Record<string, unknown>, at: number) {
      const overlay = overlays.get(keyOf(kind, record.id)) ?? { at, fields: new Map() };
      overlay.at = at;
      for (const [key, value] of Object.entries(changes)) overlay.fields.set(key, { value, replaced: textOf(record.item[key]) });
      overlays.set(keyOf(kind, record.id), overlay);
    },
    /** The record as the main API shows it: the Integrations API's, with the writes still standing. */
    apply(kind: MainKind, record: MainRecord): MainRecord {
      const overlay = overlays.get(keyOf(kind, record.id));
      if (!overlay) return record;
      const standing = [...overlay.fields].filter(([key, { replaced }]) => textOf(record.item[key]) === replaced);
      return { ...record, item: { ...record.item, ...Object.fromEntries(standing.map(([key, { value }]) => [key, value])) }, updatedAt: Math.max(record.updatedAt, overlay.at) };
    },
    clear() {
      overlays.clear();
      deleted.clear();
    },
  };
};

type Settings = { order: ListOrder; latencyMs: number; itemPaddingChars: number; maxFileBytes: number };

/**
 * Every list's records: those the Integrations API keeps (rebuilt at each read, the main API's writes
 * standing over them) and those the main API keeps itself (bulk, or made by its writes), in the configured order.
 */
const createStore = (options: MainApiOptions, settings: Settings) => {
  const bulk = new Map<MainKind, Map<number, MainRecord>>(MAIN_KINDS.map((kind) => [kind, new Map()]));
  const overlays = createOverlays();
  const fromIntegrations = (kind: MainKind) =>
    options
      .fromIntegrations(kind)
      .filter((record) => overlays.shown(kind, record))
      .map((record) => overlays.apply(kind, record));
  return {
    bulk,
    overlays,
    fromIntegrations,
    /** Every record of a kind, in the configured order (COR IDs rising or falling). */
    listOf(kind: MainKind): MainRecord[] {
      const all = [...fromIntegrations(kind), ...bulk.get(kind)!.values()].sort((a, b) => a.id - b.id);
      return settings.order === 'newest-first' ? all.reverse() : all;
    },
    clear() {
      for (const records of bulk.values()) records.clear();
      overlays.clear();
    },
  };
};

type Store = ReturnType<typeof createStore>;

/** The main API's own writes: in place on a record it keeps, as standing writes over one the Integrations API keeps. */
const writesTo = ({ bulk, overlays, fromIntegrations }: Store, options: MainApiOptions) => ({
  /** Changes a record's item fields at `at`; the record as changed, or none. */
  update(kind: MainKind, id: number, changes: Record<string, unknown>, at: number): MainRecord | undefined {
    const own = bulk.get(kind)!.get(id);
    if (own) {
      Object.assign(own.item, changes);
      own.updatedAt = at;
      return own;
    }
    const kept = options.fromIntegrations(kind).find((r) => r.id === id && overlays.shown(kind, r));
    if (!kept) return undefined;
    overlays.write(kind, kept, changes, at);
    return overlays.apply(kind, kept);
  },
  /** Deletes a record (one the Integrations API keeps stays in its mappings); whether there was one. */
  delete(kind: MainKind, id: number): boolean {
    if (bulk.get(kind)!.delete(id)) return true;
    if (!fromIntegrations(kind).some((r) => r.id === id)) return false;
    overlays.delete(kind, id);
    return true;
  },
});

/** Changes to run once a list's page has been served: the list moves while a poll reads it. */
const createPageHooks = () => {
  const hooks: { kind: MainKind; page: number; run: () => void }[] = [];
  return {
    /** Runs `run` once, right after page `page` of a list of `kind` was served. */
    after: (kind: MainKind, page: number, run: () => void) => hooks.push({ kind, page, run }),
    /** Page `page` of a list of `kind` has been served: runs what waited for it. */
    served(kind: MainKind, page: number) {
      const due = hooks.filter((hook) => hook.kind === kind && hook.page === page);
      for (const hook of due) hooks.splice(hooks.indexOf(hook), 1);
      for (const hook of due) hook.run();
    },
    clear: () => {
      hooks.length = 0;
    },
  };
};

type PageHooks = ReturnType<typeof createPageHooks>;

/** What every list route shares: the records, the hooks of served pages, and how listed items are shown. */
interface Lists {
  store: Store;
  hooks: PageHooks;
  /** Listed items as served: a link on the sandbox itself (a bulk file's) made whole with the request's origin, and each `itemPaddingChars` longer. */
  shown: (items: Record<string, unknown>[], request: FastifyRequest) => Record<string, unknown>[];
}

const shownWith =
  (settings: Settings): Lists['shown'] =>
  (items, request) =>
    items.map((item) => ({
      ...item,
      ...(typeof item.url === 'string' && item.url.startsWith('/') ? { url: `${request.protocol}://${request.host}${item.url}` } : {}),
      ...(settings.itemPaddingChars > 0 ? { notes: 'x'.repeat(settings.itemPaddingChars) } : {}),
    }));

/** The lists COR pages with `page`/`perPage`, each narrowed by its documented filters. */
const registerPagedLists = (app: FastifyInstance, { store, hooks, shown }: Lists) => {
  const filtered = (kind: MainKind, query: Query) => {
    const filters = query.filters ? (JSON.parse(query.filters) as Record<string, unknown>) : {};
    const keep = FILTERS[kind];
    return store.listOf(kind).filter((record) => !keep || keep(record, filters));
  };
  for (const kind of ['projects', 'clients', 'users', 'hours', 'tasks', 'contracts', 'brands', 'products'] as const) {
    app.get(`/v1/${kind}`, async (request) => {
      const { lastPage, ...page } = pageOf(
        filtered(kind, request.query as Query).map((r) => r.item),
        request.query as Query,
      );
      hooks.served(kind, page.page);
      page.data = shown(page.data, request);
      // COR documents the contracts envelope without lastPage.
      return kind === 'contracts' ? page : { ...page, lastPage };
    });
  }
};

/** Get by ID, search by name or title, and a user's leaves (`offset` the page, 1-based, and `size` its length). */
const registerLookups = (app: FastifyInstance, { store }: Lists) => {
  const nameOf = (kind: MainKind, item: Record<string, unknown>) => String(kind === 'users' ? `${item.first_name} ${item.last_name}` : (item.name ?? item.title)).toLowerCase();
  const matching = (kind: MainKind, term: string) =>
    store
      .listOf(kind)
      .filter((r) => nameOf(kind, r.item).includes(term.toLowerCase()))
      .map((r) => r.item);
  for (const kind of ['projects', 'clients', 'tasks'] as const) {
    app.get(`/v1/${kind}/:id`, async (request, reply) => {
      const found = store.listOf(kind).find((r) => String(r.id) === (request.params as { id: string }).id);
      return found ? found.item : reply.code(404).send({ status: 'error', code: 'NOT_FOUND', message: `${kind} not found` });
    });
  }
  app.get('/v1/projects/search-by-name/:name', async (request) => matching('projects', (request.params as { name: string }).name));
  app.get('/v1/clients/search-by-name/:name', async (request) => matching('clients', (request.params as { name: string }).name));
  app.get('/v1/tasks/search-by-title/:title', async (request) => matching('tasks', (request.params as { title: string }).title));
  app.get('/v1/users/search-by-name/:name', async (request) => pageOf(matching('users', (request.params as { name: string }).name), request.query as Query));
  app.get('/v1/user/leaves', async (request) => {
    const query = request.query as Query;
    const size = Math.min(Math.max(Math.trunc(Number(query.size ?? 10)) || 10, 1), 50);
    const offset = Math.max(Math.trunc(Number(query.offset ?? 1)) || 1, 1);
    const mine = store.listOf('leaves').filter((r) => r.userId === Number(query.usersId));
    return mine.slice((offset - 1) * size, offset * size).map((r) => r.item);
  });
};

/**
 * The files on tasks (writes/attachments.ts keeps uploads and cloud links here, beside the bulk ones).
 * A task's files: paged by `page` and `per_page`, `total` a number (TaskAttachmentListResponse). COR's
 * document sorts them by created_at, newest first unless `order` (not read) says otherwise; the sandbox's
 * COR IDs rise with creation, so the configured order of COR IDs is that order. The document declares
 * no answer for a task that does not exist: the sandbox answers 417, as the upload does.
 * A project's files: all in one bare array of Attachment, those of the project's tasks (COR's document
 * does not say); a project with no tasks, or none at all, lists none.
 */
const registerFileLists = (app: FastifyInstance, { store, hooks, shown }: Lists) => {
  app.get('/v1/tasks/:task_id/attachments', async (request, reply) => {
    const taskId = Number((request.params as { task_id: string }).task_id);
    if (!store.listOf('tasks').some((task) => task.id === taskId)) return reply.code(417).send([{ message: 'exists validation failed on task_id' }]);
    const query = request.query as Query;
    const files = store.listOf('attachments').filter((file) => file.item.parent_id === taskId);
    const { total, ...page } = pageOf(
      files.map((file) => file.item),
      { page: query.page, perPage: query.per_page },
    );
    hooks.served('attachments', page.page);
    return { total: Number(total), ...page, data: shown(page.data, request) };
  });
  app.get('/v1/projects/:project_id/attachments', async (request) => {
    const projectId = Number((request.params as { project_id: string }).project_id);
    const tasks = new Set(
      store
        .listOf('tasks')
        .filter((task) => Number(task.item.project_id) === projectId)
        .map((task) => task.id),
    );
    const files = store.listOf('attachments').filter((file) => tasks.has(Number(file.item.parent_id)));
    hooks.served('attachments', 1);
    return shown(
      files.map((file) => projectFileOf(file.item)),
      request,
    );
  });
};

export const registerMainApi = (app: FastifyInstance, options: MainApiOptions) => {
  // itemPaddingChars: each listed item carries that many characters more (COR's large records, for the memory benchmark).
  // maxFileBytes: the largest file a task's upload takes (COR documents a size limit, not its value).
  const settings: Settings = { order: options.order ?? 'oldest-first', latencyMs: options.latencyMs ?? 0, itemPaddingChars: 0, maxFileBytes: DEFAULT_MAX_FILE_BYTES };
  const store = createStore(options, settings);
  const hooks = createPageHooks();
  /** What else the main API keeps (the writes' messages, collaborators, costs, files' bytes), emptied with it. */
  const clearers: (() => void)[] = [];

  app.addHook('onRequest', async (request) => {
    if (settings.latencyMs > 0 && request.method === 'GET' && request.url.startsWith('/v1/')) await new Promise((r) => setTimeout(r, settings.latencyMs));
  });
  const lists: Lists = { store, hooks, shown: shownWith(settings) };
  registerPagedLists(app, lists);
  registerLookups(app, lists);
  registerFileLists(app, lists);

  return {
    settings,
    listOf: store.listOf,
    /** Adds records (in bulk, or one a main-API write created); one with a known COR ID replaces it. */
    add(kind: MainKind, records: MainRecord[]) {
      for (const record of records) store.bulk.get(kind)!.set(record.id, record);
    },
    /** A bulk record, to change it in place. */
    get: (kind: MainKind, id: number) => store.bulk.get(kind)!.get(id),
    /** Any record of a kind, as the main API shows it (from the Integrations API, in bulk, or written through the main API). */
    find: (kind: MainKind, id: number): MainRecord | undefined => store.bulk.get(kind)!.get(id) ?? store.fromIntegrations(kind).find((r) => r.id === id),
    ...writesTo(store, options),
    /** Runs `run` once, right after page `page` of a list was served (a record made or deleted while a poll reads). */
    afterPage: hooks.after,
    /** Empties something else the main API keeps whenever the lists are emptied (control.reset()). */
    onClear: (clear: () => void) => clearers.push(clear),
    clear() {
      hooks.clear();
      store.clear();
      for (const clear of clearers) clear();
    },
  };
};

export type MainApi = ReturnType<typeof registerMainApi>;

/** Triggers, dropdowns and searches over the main API: requests, dedupe, samples, pagination, empty results. */
import { jest } from '@jest/globals';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { zoneOf } from '../src/records/timestamps.js';
import { API, App, AUTH, appTester, bundleWith, failure, META } from './support/harness.js';

type Perform = (z: ZObject, b: Bundle) => Promise<Record<string, unknown>[]>;
const triggers = App.triggers as unknown as Record<string, { operation: { perform: Perform }; display: { hidden?: boolean } }>;
const searches = App.searches as unknown as Record<string, { operation: { perform: Perform } }>;

const poll = (key: string, inputData: Record<string, unknown> = {}, meta: Partial<Bundle['meta']> = {}) =>
  appTester(triggers[key]!.operation.perform, { ...bundleWith(inputData), meta: { ...META, ...meta } });
const find = (key: string, inputData: Record<string, unknown>) => appTester(searches[key]!.operation.perform, bundleWith(inputData));

const envelope = (data: unknown[], page = 1, lastPage = 1) => ({ total: String(data.length), perPage: 50, page, lastPage, data });
const project = (id: number, created_at: string, updated_at = created_at) => ({
  id,
  name: `P${id}`,
  created_at,
  updated_at,
  client_id: 7,
  client: { id: 7, name: 'Acme' },
  pm_id: 9,
  pm: { id: 9, first_name: 'Ana', last_name: 'Pérez', email: 'ana@x.co' },
});

describe('polling triggers', () => {
  it('New Project: first page, newest first, linked names flattened, deduped by COR ID', async () => {
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(200, envelope([project(1, '2025-01-01 10:00:00'), project(2, '2025-01-03 10:00:00')]));
    const items = await poll('new_project');
    expect(items.map((i) => i.id)).toEqual(['2', '1']);
    expect(items[0]).toMatchObject({ cor_id: 2, name: 'P2', client_id: 7, client_name: 'Acme', pm_id: 9, pm_name: 'Ana Pérez', pm_email: 'ana@x.co' });
  });

  it('oldest first: reads page 1, then only the pages at the end that hold the newest 100', async () => {
    const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => project(from + i, '2025-01-01'));
    const page = (n: number, data: unknown[]) => ({ total: '200', perPage: 50, page: n, lastPage: 4, data });
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(200, page(1, ids(1, 50)));
    nock(API)
      .get('/projects')
      .query({ page: 3, perPage: 50 })
      .reply(200, page(3, ids(101, 150)));
    nock(API)
      .get('/projects')
      .query({ page: 4, perPage: 50 })
      .reply(200, page(4, ids(151, 200)));
    const items = await poll('new_project');
    expect(items.map((i) => i.cor_id)).toEqual(
      ids(101, 200)
        .map((p) => p.id)
        .reverse(),
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('newest first: reads pages 1 and 2 only', async () => {
    const ids = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => project(from - i, '2025-01-01'));
    const page = (n: number, data: unknown[]) => ({ total: '500', perPage: 50, page: n, lastPage: 10, data });
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(200, page(1, ids(500, 451)));
    nock(API)
      .get('/projects')
      .query({ page: 2, perPage: 50 })
      .reply(200, page(2, ids(450, 401)));
    expect((await poll('new_project')).map((i) => i.cor_id)).toEqual(ids(500, 401).map((p) => p.id));
  });

  it('a list in no order of COR IDs is read whole, then sorted', async () => {
    const page = (n: number, ids: number[]) => ({ total: '4', perPage: 2, page: n, lastPage: 2, data: ids.map((id) => project(id, '2025-01-01')) });
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(200, page(1, [3, 9]));
    nock(API)
      .get('/projects')
      .query({ page: 2, perPage: 50 })
      .reply(200, page(2, [1, 4]));
    expect((await poll('new_project')).map((i) => i.cor_id)).toEqual([9, 4, 3, 1]);
  });

  it('trusts total and perPage over a lastPage that disagrees with them', async () => {
    const page = (n: number, ids: number[], lastPage: number) => ({
      total: 120,
      perPage: 50,
      page: n,
      lastPage,
      data: ids.map((id) => project(id, '2025-01-01')),
    });
    const run = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(200, page(1, run(1, 50), 100000));
    nock(API)
      .get('/projects')
      .query({ page: 2, perPage: 50 })
      .reply(200, page(2, run(51, 100), 100000));
    nock(API)
      .get('/projects')
      .query({ page: 3, perPage: 50 })
      .reply(200, page(3, run(101, 120), 100000));
    const items = await poll('new_project');
    expect([items.length, items[0]!.cor_id, items.at(-1)!.cor_id]).toEqual([100, 120, 21]);
  });

  it('keys items by COR ID: 12 and "12" are one item, items without an ID are left out and counted', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    nock(API)
      .get('/clients')
      .query(true)
      .reply(200, { total: '4', perPage: 50, page: 1, lastPage: 1, data: [{ id: 12, name: 'A' }, { id: '12', name: 'A' }, { name: 'no id' }, { id: null, name: 'null id' }] });
    const items = await poll('new_client');
    expect(items.map((i) => [i.id, i.cor_id])).toEqual([['12', 12]]);
    expect(log.mock.calls.flat().join(' ')).toContain('COR listed 2 of 4 clients without a COR ID');
    log.mockRestore();
  });

  it.each([
    ['an object', { total: '1', data: { id: 1 } }],
    ['a piece of text', { total: '1', data: 'projects' }],
    ['nothing', { total: '1' }],
  ])('a page whose data is %s is an error that says what COR sent', async (what, body) => {
    nock(API).get('/projects').query(true).reply(200, body);
    const error = await failure(poll('new_project'));
    expect(error.code).toBe('UnexpectedResponse');
    expect(error.message).toContain(`with ${what} where a list was expected`);
  });

  it('a lastPage of 2.5 is not a page number: the list is read until a page brings nothing new', async () => {
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(200, { perPage: 50, lastPage: 2.5, data: [project(1, '2025-01-01'), null] });
    nock(API)
      .get('/projects')
      .query({ page: 2, perPage: 50 })
      .reply(200, { perPage: 50, lastPage: 2.5, data: [project(2, '2025-01-01')] });
    nock(API).get('/projects').query({ page: 3, perPage: 50 }).reply(200, { perPage: 50, lastPage: 2.5, data: [] });
    expect((await poll('new_project')).map((i) => i.cor_id)).toEqual([2, 1]);
  });

  it('refuses to read a whole list longer than it can within the time limit, and says how to narrow it', async () => {
    nock(API)
      .get('/projects')
      .query(true)
      .reply(200, { total: '12000', perPage: 50, page: 1, lastPage: 240, data: [project(1, '2025-01-01')] });
    const error = await failure(poll('updated_project'));
    expect(error.code).toBe('ListTooLarge');
    expect(error.message).toContain('Client, Status or Archived filter');
    // Records counted as records, with their thousands separator; the reason is this trigger's.
    expect(error.message).toContain('has 12,000 projects, more than the 10,000');
    expect(error.message).toContain('cannot list them by what changed');
  });

  it("gives a New trigger's own reason when an unordered list is too long to read whole", async () => {
    // Page 1 in no order of COR ID: the trigger must read all of it, and 240 pages are too many.
    nock(API)
      .get('/projects')
      .query(true)
      .reply(200, { total: 12000, perPage: 50, page: 1, lastPage: 240, data: [project(5, '2025-01-01'), project(9, '2025-01-01'), project(2, '2025-01-01')] });
    const error = await failure(poll('new_project'));
    expect(error.code).toBe('ListTooLarge');
    expect(error.message).toContain('in no order of COR ID');
    expect(error.message).not.toContain('what changed');
  });

  it('Transfer: Zapier page 0, 1, … are COR pages from the newest end, each newest first', async () => {
    const page = (n: number, ids: number[]) => ({ total: '120', perPage: 50, page: n, lastPage: 3, data: ids.map((id) => project(id, '2025-01-01')) });
    const run = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const pages = [run(1, 50), run(51, 100), run(101, 120)];
    const seen: unknown[] = [];
    for (const zapierPage of [0, 1, 2, 3]) {
      nock(API).get('/projects').query({ page: 1, perPage: 50 }).reply(200, page(1, pages[0]!));
      if (zapierPage < 2)
        nock(API)
          .get('/projects')
          .query({ page: 3 - zapierPage, perPage: 50 })
          .reply(200, page(3 - zapierPage, pages[2 - zapierPage]!));
      seen.push(...(await poll('new_project', {}, { isBulkRead: true, page: zapierPage })).map((i) => i.cor_id));
    }
    expect(seen).toEqual(run(1, 120).reverse());
    expect(triggers.new_project!.operation).toMatchObject({ canPaginate: true });
  });

  it('reads only the first page, and few items, when Zapier loads samples', async () => {
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(
        200,
        envelope(
          [1, 2, 3, 4, 5].map((n) => project(n, `2025-01-0${n}`)),
          1,
          9,
        ),
      );
    const items = await poll('new_project', {}, { isLoadingSample: true });
    expect(items.map((i) => i.cor_id)).toEqual([5, 4, 3]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('sends the client filter as URL-encoded JSON', async () => {
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50, filters: JSON.stringify({ client_id: 7 }) })
      .reply(200, envelope([]));
    await expect(poll('new_project', { client_id: '7' })).resolves.toEqual([]);
  });

  it('Updated Project: keyed by COR ID and update time (primary fields), so each change fires once', async () => {
    nock(API)
      .get('/projects')
      .query(true)
      .reply(200, envelope([project(5, '2025-01-01', '2025-02-01 10:00:00')]));
    nock(API)
      .get('/projects')
      .query(true)
      .reply(200, envelope([project(5, '2025-01-01', '2025-02-02 08:00:00')]));
    const [first] = await poll('updated_project');
    const [second] = await poll('updated_project');
    const primary = (App.triggers.updated_project!.operation.outputFields as { key: string; primary?: boolean }[]).filter((f) => f.primary).map((f) => f.key);
    expect(primary).toEqual(['cor_id', 'updated_at_utc']);
    expect([first!.cor_id, first!.updated_at_utc, second!.cor_id, second!.updated_at_utc]).toEqual([5, '2025-02-01T10:00:00.000Z', 5, '2025-02-02T08:00:00.000Z']);
  });

  it('New Time Entry: filters for project, user and client; names of user, project, client and task', async () => {
    const filters = JSON.stringify({ projects: [3], users: [4], clients: [5] });
    nock(API)
      .get('/hours')
      .query({ page: 1, perPage: 50, filters })
      .reply(
        200,
        envelope([
          {
            id: 77,
            start: '2025-02-03 09:00:00',
            created_at: '2025-02-03 11:00:00',
            user_id: 4,
            user: { first_name: 'Bo', last_name: 'Li', email: 'bo@x.co' },
            project_id: 3,
            project: { name: 'Site' },
            client_id: 5,
            client: { name: 'Acme' },
            task: { id: 8, title: 'Design' },
          },
        ]),
      );
    const [entry] = await poll('new_time_entry', { project_id: '3', user_id: '4', client_id: '5' });
    expect(entry).toMatchObject({ id: '77', user_name: 'Bo Li', user_email: 'bo@x.co', project_name: 'Site', client_name: 'Acme', task_id: 8, task_title: 'Design' });
  });

  it("New Task: project filter in COR's own filter keys", async () => {
    nock(API)
      .get('/tasks')
      .query({ page: 1, perPage: 50, filters: JSON.stringify({ projects: [3] }) })
      .reply(
        200,
        envelope([
          { id: 1, title: 'A' },
          { id: 2, title: 'B' },
        ]),
      );
    expect((await poll('new_task', { project_id: 3 })).map((t) => t.title)).toEqual(['B', 'A']);
  });

  it("New Leave: pages the chosen user's leaves with offset and size (a bare array) until a page brings nothing new", async () => {
    const leaves = [
      { id: 1, user_id: 9, created_at: '2026-01-01 10:00:00', leaveType: { name: 'Vacation' } },
      { id: 2, user_id: 9, created_at: '2026-02-01 10:00:00', leaveType: { name: 'Sick' } },
    ];
    nock(API).get('/user/leaves').query({ usersId: 9, offset: 1, size: 50 }).reply(200, leaves);
    nock(API).get('/user/leaves').query({ usersId: 9, offset: 2, size: 50 }).reply(200, []);
    const items = await poll('new_leave', { user_id: '9' });
    expect(items.map((l) => [l.id, l.leave_type_name])).toEqual([
      ['2', 'Sick'],
      ['1', 'Vacation'],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('an empty list is no items, not an error', async () => {
    nock(API).get('/clients').query(true).reply(200, envelope([]));
    await expect(poll('new_client')).resolves.toEqual([]);
  });

  it('main-API errors go through the same error mapper', async () => {
    nock(API).get('/users').query(true).reply(403, { status: 'error', code: 'FORBIDDEN', message: 'No access to users' });
    const error = await failure(poll('new_user'));
    expect(error.message).toContain('403 Forbidden');
    expect(error.message).toContain('No access to users');
  });
});

describe('dropdowns (hidden triggers)', () => {
  it('pages with Zapier (meta.page 0 → COR page 1) and shows names, not numbers', async () => {
    nock(API)
      .get('/users')
      .query({ page: 2, perPage: 50 })
      .reply(200, envelope([{ id: 4, first_name: 'Bo', last_name: 'Li', email: 'bo@x.co' }], 2, 3));
    await expect(poll('list_users', {}, { page: 1 })).resolves.toEqual([{ id: '4', name: 'Bo Li (bo@x.co)' }]);
    expect(triggers.list_users!.display.hidden).toBe(true);
  });
});

describe("COR's timestamps without a zone", () => {
  it.each([
    ['', 'Z'],
    ['UTC', 'Z'],
    ['-03:00', '-03:00'],
    ['+0530', '+05:30'],
    ['+00:00', 'Z'],
    ['-3', undefined],
    ['+15:00', undefined],
    ['America/Buenos_Aires', undefined],
  ])('the connection setting %j is the zone %j', (setting, zone) => {
    expect(zoneOf({ time_zone: setting })).toBe(zone);
  });

  it("are given in UTC by default, in the connection's offset when set; zoned values and plain dates stay", async () => {
    const item = { ...project(5, '2025-02-01 10:00:00'), start: '2025-03-01', end: '2025-04-01T00:00:00.000Z' };
    nock(API)
      .get('/projects')
      .query(true)
      .times(2)
      .reply(200, envelope([item]));
    const [utc] = await poll('new_project');
    expect([utc!.created_at, utc!.start, utc!.end]).toEqual(['2025-02-01T10:00:00Z', '2025-03-01', '2025-04-01T00:00:00.000Z']);
    const perform = triggers.new_project!.operation.perform;
    const [local] = await appTester(perform, { ...bundleWith({}, { ...AUTH, time_zone: '-03:00' }), meta: META });
    expect(local!.created_at).toBe('2025-02-01T10:00:00-03:00');
  });

  it('refuses a connection whose setting is not an offset, before calling COR', async () => {
    const error = await failure(appTester(triggers.new_project!.operation.perform, { ...bundleWith({}, { ...AUTH, time_zone: 'GMT-3' }), meta: META }));
    expect(error.code).toBe('InvalidTimeZone');
  });
});

describe('searches', () => {
  it("Find Project by name: the name URL-encoded into COR's search-by-name", async () => {
    nock(API)
      .get('/projects/search-by-name/Site%2FApp%20%232')
      .reply(200, [project(3, '2025-01-01')]);
    await expect(find('find_project', { name: 'Site/App #2' })).resolves.toEqual([expect.objectContaining({ cor_id: 3, client_name: 'Acme' })]);
  });

  it('Find Project by COR ID', async () => {
    nock(API).get('/projects/3').reply(200, project(3, '2025-01-01'));
    await expect(find('find_project', { cor_id: '3' })).resolves.toEqual([expect.objectContaining({ id: '3', cor_id: 3, name: 'P3' })]);
  });

  it('nothing found (404 or an empty list) is an empty result', async () => {
    nock(API).get('/clients/99').reply(404, { message: 'Not found' });
    await expect(find('find_client', { cor_id: 99 })).resolves.toEqual([]);
    nock(API).get('/tasks/search-by-title/none').reply(200, []);
    await expect(find('find_task', { name: 'none' })).resolves.toEqual([]);
  });

  it('Find User reads the paginated answer of users search-by-name', async () => {
    nock(API)
      .get('/users/search-by-name/Ana')
      .reply(200, envelope([{ id: 9, first_name: 'Ana', last_name: 'Pérez' }]));
    await expect(find('find_user', { name: 'Ana' })).resolves.toEqual([expect.objectContaining({ cor_id: 9, name: 'Ana Pérez' })]);
  });

  /** Page `n` of two of COR's user list, holding these users. */
  const usersPage = (n: number, ids: number[]) =>
    nock(API)
      .get('/users')
      .query({ page: n, perPage: 50 })
      .reply(200, { total: '60', perPage: 50, page: n, lastPage: 2, data: ids.map((id) => ({ id, first_name: 'U', last_name: String(id) })) });

  it('finds a user by COR ID by reading the user list, as COR has no get-user-by-ID', async () => {
    usersPage(1, [1, 2]);
    usersPage(2, [51, 52]);
    await expect(find('find_user', { cor_id: '52' })).resolves.toEqual([expect.objectContaining({ cor_id: 52, name: 'U 52' })]);
  });

  it('finds the user once when COR repeats it on another page (a list that moved while it was read)', async () => {
    usersPage(1, [1, 52]);
    usersPage(2, [52, 53]);
    await expect(find('find_user', { cor_id: '52' })).resolves.toHaveLength(1);
  });

  it('asks for a term, and a numeric COR ID, before calling COR', async () => {
    expect((await failure(find('find_project', {}))).message).toBe('Fill in the Project Name or pick the Project to search for.');
    expect((await failure(find('find_project', { cor_id: 'abc' }))).message).toContain('• Project: must be a whole number (for example 1); got "abc".');
    expect((await failure(find('find_project', { cor_id: '0' }))).message).toContain('• Project: must be at least 1; got "0".');
    // '..' in the path would make the URL point at the list itself.
    expect((await failure(find('find_client', { name: '..' }))).message).toContain('Client Name: cannot be "..": COR could not tell it apart from a URL path segment.');
  });

  it('validates trigger filters like action inputs, before calling COR', async () => {
    const error = await failure(poll('new_time_entry', { project_id: 'Website', user_id: '7' }));
    expect(error).toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('• Project: must be a whole number (for example 1); got "Website".') });
    nock(API)
      .get('/hours')
      .query({ page: 1, perPage: 50, filters: JSON.stringify({ projects: [12], users: [7] }) })
      .reply(200, envelope([]));
    await expect(poll('new_time_entry', { project_id: '12', user_id: 7, client_id: '' })).resolves.toEqual([]);
  });

  it('pairs Find and Create for projects, clients and users', () => {
    expect(Object.values(App.searchOrCreates ?? {}).map((s) => [s.search, s.create])).toEqual([
      ['find_project', 'create_project'],
      ['find_client', 'create_client_by_external_id'],
      ['find_user', 'create_user_by_external_id'],
    ]);
  });
});

describe('what a poll keys and keeps', () => {
  it('Updated Project keys a change by one text per instant: the same time written another way fires nothing', async () => {
    const at = (updated_at: string) =>
      nock(API)
        .get('/projects')
        .query(true)
        .reply(200, envelope([project(5, '2025-01-01 10:00:00', updated_at)]));
    at('2025-02-01 09:00:00');
    const [naive] = await poll('updated_project');
    at('2025-02-01T06:00:00.000-03:00');
    const [zoned] = await poll('updated_project');
    expect(zoned!.updated_at_utc).toBe('2025-02-01T09:00:00.000Z');
    expect(zoned!.updated_at_utc).toBe(naive!.updated_at_utc);
  });

  it('keeps every digit of a COR ID beyond 2^53, as text, in triggers and searches', async () => {
    const big = '9007199254740993'; // 2^53 + 1: as a number it would read 9007199254740992
    const body = `{"total":"2","perPage":50,"page":1,"lastPage":1,"data":[{"id":${big},"name":"Big"},{"id":12,"name":"Small"}]}`;
    nock(API).get('/projects').query(true).reply(200, body, { 'Content-Type': 'application/json' });
    const items = await poll('new_project');
    expect(items.map((i) => [i.id, i.cor_id])).toEqual([
      [big, big],
      ['12', 12],
    ]);
    nock(API).get('/projects/search-by-name/Big').reply(200, `[{"id":${big},"name":"Big"}]`, { 'Content-Type': 'application/json' });
    expect((await find('find_project', { name: 'Big' })).map((i) => i.id)).toEqual([big]);
  });
});

describe('triggers on the work', () => {
  it('Task Status Changed asks COR for the tasks in the chosen status and keys each by task and status', async () => {
    let filters = '';
    nock(API)
      .get('/tasks')
      .query((q) => {
        filters = String(q.filters);
        return true;
      })
      .reply(200, envelope([{ id: 7, title: 'T', project_id: 3, status: 'finalizada', priority: 2 }]));
    // The names of its project and client, from one page of the project list.
    nock(API)
      .get('/projects')
      .query({ page: 1, perPage: 50 })
      .reply(200, envelope([{ ...project(3, '2025-01-01'), name: 'Site' }]));
    const [task] = await poll('task_status_changed', { project_id: '3', status: 'Finished' });
    expect(JSON.parse(filters)).toEqual({ projects: [3], status: 'finalizada' });
    expect(task).toMatchObject({ cor_id: 7, status: 'finalizada', status_name: 'Finished', priority_name: 'High', project_name: 'Site', client_name: 'Acme' });
    const primary = (App.triggers.task_status_changed!.operation.outputFields as { key: string; primary?: boolean }[]).filter((f) => f.primary).map((f) => f.key);
    expect(primary).toEqual(['cor_id', 'status']);
  });

  it('Time Entry Status Changed reads the last 90 days and keeps only the chosen status, which COR cannot filter', async () => {
    let filters: Record<string, unknown> = {};
    nock(API)
      .get('/hours')
      .query((q) => {
        filters = JSON.parse(String(q.filters)) as Record<string, unknown>;
        return true;
      })
      .reply(
        200,
        envelope([
          { id: 1, status: 'approved' },
          { id: 2, status: 'pending' },
        ]),
      );
    const items = await poll('time_entry_status_changed', { status: 'approved' });
    expect(items.map((i) => i.cor_id)).toEqual([1]);
    const days = (Date.now() - Date.parse(String(filters.dateStart))) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(91);
  });
});

/**
 * The actions on records picked in COR (main API v1): the exact requests each sends, the reads
 * before a write and the follow-ups after a create, form bodies, outputs, messages, and API Request.
 * Every request here is also checked against COR's OpenAPI document (test/support/setup.ts).
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { API, App, appTester, bundleWith, failure } from './support/harness.js';

type Perform = (z: ZObject, b: Bundle) => Promise<Record<string, unknown>>;
const run = (key: string, inputData: Record<string, unknown>) => {
  const create = (App.creates as unknown as Record<string, { operation: { perform: Perform } }>)[key];
  if (!create) throw new Error(`no create ${key}`);
  return appTester(create.operation.perform, bundleWith(inputData));
};
const dropdown = (key: string, inputData: Record<string, unknown> = {}) =>
  appTester((App.triggers as unknown as Record<string, { operation: { perform: Perform } }>)[key]!.operation.perform, bundleWith(inputData)) as unknown as Promise<{ id: string; name: string }[]>;

interface Sent {
  method: string;
  path: string;
  type: string;
  body: string;
}

/** Answers every main-API request in turn from `answers` (method path → [status, body]) and records what was sent. */
const cor = (answers: Record<string, [number, unknown]>) => {
  const sent: Sent[] = [];
  for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
    nock(new URL(API).origin)
      .persist()
      .intercept(/.*/, method)
      .reply(async (request: unknown) => {
        const r = request as Request;
        const path = new URL(r.url).pathname.replace(/^\/v1/, '');
        sent.push({ method: r.method, path: `${path}${new URL(r.url).search}`, type: r.headers.get('content-type') ?? '', body: await r.text() });
        const [status, body] = answers[`${r.method} ${path}`] ?? [404, { status: 'error', message: 'not found' }];
        return [status, body as nock.Body];
      });
  }
  return sent;
};
const task = { id: 4411, title: 'Homepage wireframe', project_id: 155693, description: 'Wires', deadline: '2025-02-10T18:00:00Z', status: 'nueva', priority: 0, archived: false };
const json = (s: Sent) => JSON.parse(s.body) as Record<string, unknown>;

describe('Create Task', () => {
  it('sends only what COR documents for a create: title and project', async () => {
    const sent = cor({ 'POST /tasks': [200, task] });
    const out = await run('create_task', { title: 'Homepage wireframe', project_id: '155693' });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /tasks']);
    expect(json(sent[0]!)).toEqual({ title: 'Homepage wireframe', project_id: 155693 });
    expect(out).toMatchObject({ id: '4411', cor_id: 4411, title: 'Homepage wireframe', project_id: 155693, status: 'nueva' });
  });

  it('sets the details with Update Task and the assignees with Assign Users to Task, on the new COR ID', async () => {
    const sent = cor({
      'POST /tasks': [200, task],
      'PUT /tasks/4411': [200, { ...task, status: 'en_proceso', priority: 3 }],
      'POST /tasks/4411/collaborators': [200, [{ id: 8546, first_name: 'Ana' }]],
    });
    const out = await run('create_task', { title: 'Homepage wireframe', project_id: 155693, status: 'en_proceso', priority: '3', collaborators: ['8546', '9'] });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /tasks', 'PUT /tasks/4411', 'POST /tasks/4411/collaborators']);
    expect(json(sent[1]!)).toEqual({ title: 'Homepage wireframe', project_id: 155693, status: 'en_proceso', priority: 3 });
    // A new task has no assignees to keep: no read before the assignment.
    expect(json(sent[2]!)).toEqual({ collaborators: [8546, 9] });
    expect(out).toMatchObject({ cor_id: 4411, status: 'en_proceso', priority: 3 });
  });

  it('says the task exists, with its COR ID, when a follow-up fails, and not to replay', async () => {
    cor({ 'POST /tasks': [200, task], 'PUT /tasks/4411': [400, { name: 'ValidationError', message: 'deadline is invalid' }] });
    const { code, message } = await failure(run('create_task', { title: 'T', project_id: 1, deadline: '2025-02-10T18:00:00Z' }));
    expect(code).toBe('ValidationError');
    expect(message).toContain('COR ID 4411');
    expect(message).toContain('Do not replay');
    expect(message).toContain('"Update Task"');
  });
});

describe('Update Task', () => {
  it("sends the task's own title when the step leaves it empty (COR requires one), read first", async () => {
    const sent = cor({ 'GET /tasks/4411': [200, task], 'PUT /tasks/4411': [200, { ...task, status: 'finalizada' }] });
    const out = await run('update_task', { task_id: 4411, status: 'finalizada' });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /tasks/4411', 'PUT /tasks/4411']);
    expect(json(sent[1]!)).toEqual({ title: 'Homepage wireframe', status: 'finalizada' });
    expect(out).toMatchObject({ cor_id: 4411, status: 'finalizada' });
  });

  it('reads nothing when the title is given, and never sends the dropdown filter', async () => {
    const sent = cor({ 'PUT /tasks/4411': [200, task] });
    await run('update_task', { in_project_id: 155693, task_id: 4411, title: 'New title', archived: 'yes' });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['PUT /tasks/4411']);
    expect(json(sent[0]!)).toEqual({ title: 'New title', archived: true });
  });

  it('names the task COR could not find, and how to pick it again', async () => {
    cor({});
    const { code, message } = await failure(run('update_task', { task_id: 99, status: 'nueva' }));
    expect(code).toBe('HTTP_404');
    expect(message).toContain('Task 99');
    expect(message).toContain('pick it again');
  });

  it('refuses a status COR does not document, before any request', async () => {
    const sent = cor({});
    const { code, message } = await failure(run('update_task', { task_id: 1, status: 'done', priority: 7 }));
    expect(code).toBe('InvalidInput');
    expect(message).toMatch(/Status: must be one of nueva \(New\), en_proceso \(In Progress\)/);
    expect(message).toContain('Priority:');
    expect(sent).toEqual([]);
  });
});

describe('Assign Users to Task', () => {
  it('adds to the current assignees: reads them, sends the union', async () => {
    const sent = cor({ 'GET /tasks/4411/collaborators': [200, [{ id: 1 }, { id: 2 }]], 'POST /tasks/4411/collaborators': [200, [{ id: 1 }, { id: 2 }, { id: 3 }]] });
    const out = await run('assign_users_to_task', { task_id: 4411, collaborators: ['2', '3'] });
    expect(json(sent[1]!)).toEqual({ collaborators: [1, 2, 3] });
    expect(out).toMatchObject({ task_id: 4411, collaborators: [1, 2, 3], item_count: 3 });
  });

  it('replaces them when asked, without reading', async () => {
    const sent = cor({ 'POST /tasks/4411/collaborators': [200, [{ id: 3 }]] });
    await run('assign_users_to_task', { task_id: 4411, collaborators: [3], replace: true, reasignEstimate: true });
    expect(sent.map((s) => s.method)).toEqual(['POST']);
    expect(json(sent[0]!)).toEqual({ collaborators: [3], reasignEstimate: true });
  });

  it("reads COR's 417 for an unknown user as a record not found", async () => {
    cor({ 'GET /tasks/4411/collaborators': [200, []], 'POST /tasks/4411/collaborators': [417, [{ message: 'exists validation failed on task_id' }]] });
    const { message } = await failure(run('assign_users_to_task', { task_id: 4411, collaborators: [5] }));
    expect(message).toContain('Users 5');
    expect(message).toContain('exists validation failed');
  });
});

describe('time, comments and projects', () => {
  it('Log Time: a duration becomes the stop, in the offset of the start', async () => {
    const sent = cor({ 'POST /hours': [200, { id: 991, start: '2025-02-03 12:00:00', stop: '2025-02-03 13:30:00', task: { id: 4411, title: 'W' } }] });
    const out = await run('log_time', { task_log_id: 4411, start: '2025-02-03T09:00:00-0300', duration: '1.5' });
    expect(json(sent[0]!)).toEqual({ task_log_id: 4411, start: '2025-02-03T09:00:00-03:00', stop: '2025-02-03T10:30:00-03:00' });
    expect(out).toMatchObject({ cor_id: 991, task_id: 4411, start: '2025-02-03T12:00:00Z' });
  });

  it('Log Time: a stop or a duration, not both and not neither; the stop after the start', async () => {
    const sent = cor({});
    const both = await failure(run('log_time', { task_log_id: 1, start: '2025-02-03T09:00:00Z', stop: '2025-02-03T08:00:00Z', duration: 1 }));
    expect(both.message).toContain('Duration (hours): fill in Stop or Duration (hours), not both.');
    expect(both.message).toContain('Stop: must be on or after Start');
    const neither = await failure(run('log_time', { task_log_id: 1, start: '2025-02-03T09:00:00Z' }));
    expect(neither.message).toContain('one of them is required');
    expect(sent).toEqual([]);
  });

  it('Change Time Entry Status: every entry, one documented status', async () => {
    const sent = cor({ 'POST /hours/status-change': [200, { message: 'Status changed successfully' }] });
    const out = await run('change_time_entry_status', { counters: ['991', 992], status: 'Approved' });
    expect(json(sent[0]!)).toEqual({ status: 'approved', counters: [991, 992] });
    expect(out).toMatchObject({ counters: [991, 992], status: 'approved' });
  });

  it('Add Comment to Task and Post Project Update: JSON for the task, a form for the project', async () => {
    const sent = cor({ 'POST /tasks/4411/messages': [200, {}], 'POST /projects/155693/messages': [200, {}] });
    expect(await run('add_comment_to_task', { task_id: 4411, message: 'Ready' })).toEqual({ task_id: 4411, message: 'Ready' });
    await run('post_project_update', { project_id: 155693, message: 'Phase 1 & 2 done' });
    expect(json(sent[0]!)).toEqual({ message: 'Ready' });
    expect(sent[1]!.type).toBe('application/x-www-form-urlencoded');
    expect(sent[1]!.body).toBe('message=Phase+1+%26+2+done');
  });

  it('Add Users to Project: a form with the key repeated for each user', async () => {
    const sent = cor({ 'POST /projects/155693/collaborators': [201, { message: 'Collaborators added successfully' }] });
    await run('add_users_to_project', { project_id: 155693, usersIds: [3, '4'] });
    expect(sent[0]!.body).toBe('usersIds=3&usersIds=4');
  });

  it('Create Project: COR IDs picked, labels at most 50; Update Project sends only what is filled in', async () => {
    const project = { id: 7, name: 'Site', client_id: 25855, client: { id: 25855, name: 'Acme' }, status: 'active' };
    const sent = cor({ 'POST /projects': [200, project], 'PUT /projects/7': [200, { ...project, status: 'finished' }] });
    const out = await run('create_project', { name: 'Site', client_id: 25855, template_id: 12, pm_id: 8546, labels: [3001], start: '2025-01-15', end: '2025-03-31' });
    expect(json(sent[0]!)).toEqual({ name: 'Site', client_id: 25855, template_id: 12, pm_id: 8546, labels: [3001], start: '2025-01-15', end: '2025-03-31' });
    expect(out).toMatchObject({ cor_id: 7, client_name: 'Acme' });
    await run('update_project', { project_id: 7, status: 'finished' });
    expect(json(sent[1]!)).toEqual({ status: 'finished' });
    const { message } = await failure(run('create_project', { name: 'X', client_id: 1, labels: Array.from({ length: 51 }, (_, i) => i + 1) }));
    expect(message).toContain('Labels: COR accepts at most 50');
  });

  it('Add Project Cost: title, amount and date', async () => {
    const sent = cor({ 'POST /projects/7/project_cost': [200, { id: 70, title: 'Photos', cost: 350.5, datetime: '2025-02-14' }] });
    const out = await run('add_project_cost', { project_id: 7, title: 'Photos', cost: '350.5', datetime: '2025-02-14' });
    expect(json(sent[0]!)).toEqual({ title: 'Photos', cost: 350.5, datetime: '2025-02-14' });
    expect(out).toMatchObject({ cor_id: 70, project_id: 7 });
  });
});

describe('API Request', () => {
  it("sends the method, path, query and body given, on the connection's COR API, and returns COR's status and answer", async () => {
    const sent = cor({ 'PUT /projects/7': [200, { id: 7, name: 'Renamed' }], 'GET /projects': [200, { total: '0', perPage: 50, page: 2, lastPage: 1, data: [] }] });
    const out = await run('api_request', { method: 'PUT', path: '/projects/7', body: '{"name": "Renamed"}' });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['PUT /projects/7']);
    expect(json(sent[0]!)).toEqual({ name: 'Renamed' });
    expect(out).toEqual({ status: 200, body: { id: 7, name: 'Renamed' } });
    await run('api_request', { path: '/projects', query: { page: '2', perPage: '50' } });
    expect(sent[1]).toMatchObject({ method: 'GET', path: '/projects?page=2&perPage=50', body: '' });
  });

  it.each([['https://evil.example/x'], ['//evil.example/x'], ['/projects/../../oauth/token'], ['/projects/./1'], ['/projects?page=1'], ['/projects#x'], ['projects'], ['/projects/%zz'], ['/a\\b']])(
    'never leaves the COR API: refuses the path %s before any request',
    async (path) => {
      const sent = cor({});
      const { code, message } = await failure(run('api_request', { method: 'GET', path }));
      expect(code).toBe('InvalidInput');
      expect(message).toContain('Path:');
      expect(sent).toEqual([]);
    },
  );

  it('refuses a body on a GET, and a body that is not JSON', async () => {
    const sent = cor({});
    expect((await failure(run('api_request', { method: 'GET', path: '/me', body: '{}' }))).message).toContain('Body: must be empty when Method is GET');
    expect((await failure(run('api_request', { method: 'POST', path: '/clients', body: '{name:' }))).message).toContain('Body: must be JSON');
    expect(sent).toEqual([]);
  });

  it('does not follow a redirect off the API', async () => {
    cor({ 'GET /me': [302, {}] });
    nock.cleanAll();
    nock(new URL(API).origin).get('/v1/me').reply(302, '', { Location: 'https://evil.example/steal' });
    const { code, message } = await failure(run('api_request', { method: 'GET', path: '/me' }));
    expect(code).toBe('Redirected');
    expect(message).toContain('send this api request');
  });
});

describe('dropdowns of COR records', () => {
  it("List Tasks narrows to the task's project when one is picked", async () => {
    const sent = cor({ 'GET /tasks': [200, { total: '1', perPage: 50, page: 1, lastPage: 1, data: [task] }] });
    expect(await dropdown('list_tasks', { in_project_id: '155693' })).toEqual([{ id: '4411', name: 'Homepage wireframe' }]);
    expect(decodeURIComponent(sent[0]!.path)).toContain('filters={"projects":["155693"]}');
    await dropdown('list_tasks', { in_project_id: '{{1.id}}' });
    expect(sent[1]!.path).not.toContain('filters');
  });

  it('List Project Labels flattens the categories, in one request', async () => {
    cor({ 'GET /categories/labels-model': [200, [{ id: 101, name: 'Team', labels: [{ id: 3001, name: 'Backend' }] }]] });
    expect(await dropdown('list_project_labels')).toEqual([{ id: '3001', name: 'Team › Backend' }]);
  });

  it('List Time Entries names an entry by its date, user, task and duration', async () => {
    cor({
      'GET /hours': [
        200,
        {
          total: '1',
          perPage: 50,
          page: 1,
          lastPage: 1,
          data: [{ id: 991, start: '2025-02-03 09:00:00', duration: '2.5000000000000000', user: { first_name: 'Ana', last_name: 'Pérez' }, task: { title: 'W' } }],
        },
      ],
    });
    expect(await dropdown('list_time_entries')).toEqual([{ id: '991', name: '2025-02-03 · Ana Pérez · W · 2.5 h' }]);
  });
});

describe('Attach Cloud File to Task', () => {
  it('sends the link and the name to the cloud service picked, in the path; no bytes', async () => {
    const sent = cor({ 'POST /tasks/4411/attachments/source/DropBox': [200, { id: 88120, name: 'brief.pdf', source: 'DropBox', url: 'https://dropbox.com/s/x' }] });
    const out = await run('attach_cloud_file_to_task', { task_id: 4411, source_type: 'Dropbox', filename: 'https://dropbox.com/s/x', originalname: 'brief.pdf', size: '48213' });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /tasks/4411/attachments/source/DropBox']);
    expect(json(sent[0]!)).toEqual({ filename: 'https://dropbox.com/s/x', originalname: 'brief.pdf', size: 48213 });
    expect(out).toMatchObject({ cor_id: 88120, task_id: 4411, name: 'brief.pdf' });
  });

  it('refuses a service COR does not take, before any request', async () => {
    const sent = cor({});
    const { code, message } = await failure(run('attach_cloud_file_to_task', { task_id: 1, source_type: 'Box', filename: 'x', originalname: 'y' }));
    expect(code).toBe('InvalidInput');
    expect(message).toContain('Cloud Service: must be one of GoogleDrive (Google Drive), DropBox (Dropbox), OneDrive (OneDrive)');
    expect(sent).toEqual([]);
  });
});

describe('a follow-up that Zapier would retry', () => {
  it('is not retried: a 429 or a timeout after the create says the task exists, so no second task is made', async () => {
    cor({ 'POST /tasks': [200, task], 'PUT /tasks/4411': [429, { message: 'Too Many Requests' }] });
    const error = await failure(run('create_task', { title: 'T', project_id: 1, status: 'nueva' }));
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('RateLimited');
    expect(error.message).toContain('COR ID 4411');
    expect(error.message).toContain('Do not replay');
  });
});

/**
 * The sandbox's main-API writes (sandbox/main-writes.ts) over real HTTP: each route answers as COR's
 * OpenAPI document says, keeps what it wrote, and the main API's lists show it. useSandbox() fails
 * a test whose request departs from the document, so every call here keeps it.
 */
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field.
type Json = any;

let base = '';
let token = '';

/** A main-API call with the bearer token: a JSON body, or a form body (URLSearchParams). */
const call = async (method: string, path: string, body?: object): Promise<{ status: number; body: Json }> => {
  const form = body instanceof URLSearchParams;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: form ? body.toString() : JSON.stringify(body) }) });
  return { status: response.status, body: await response.json() };
};
/** A DELETE, whose 204 has no body. */
const remove = async (path: string) => {
  const response = await fetch(`${base}${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
};
const integrations = (method: string, path: string, body: object) =>
  fetch(`${local.sandbox.app.listeningOrigin}/v2/integrations${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ metadata: { source: 'OKTA' }, ...body }),
  });
const filters = (value: object) => `filters=${encodeURIComponent(JSON.stringify(value))}`;
const idsOf = (items: { id: number }[]) => items.map((i) => i.id);

/** An empty sandbox (a reset forgets tokens too) and a new token. */
const fresh = async () => {
  local.sandbox.control.reset();
  base = `${local.sandbox.app.listeningOrigin}/v1`;
  const basic = Buffer.from('sandbox-api-key:sandbox-client-secret').toString('base64');
  const response = await fetch(`${base}/oauth/token?grant_type=client_credentials`, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
  token = ((await response.json()) as { access_token: string }).access_token;
};

describe('projects', () => {
  let clientId: number;
  let userId: number;
  beforeAll(async () => {
    await fresh();
    clientId = local.sandbox.control.addRecords('clients', 1)[0]!.id;
    userId = local.sandbox.control.addRecords('users', 1)[0]!.id;
  });

  it('creates one with its client, PM, labels and collaborators, listed like the others', async () => {
    const created = await call('POST', '/projects', { name: 'Site', client_id: clientId, pm_id: 1, start: '2025-01-15', labels: [3001], collaborators: [userId] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'Site',
      client_id: clientId,
      client: { id: clientId, name: `Client ${clientId}` },
      pm: { id: 1, first_name: 'Sandra' },
      status: 'active',
      labels: [3001],
      start: '2025-01-15 00:00:00',
    });
    const listed = await call('GET', `/projects?${filters({ client_id: clientId })}`);
    expect(idsOf(listed.body.data)).toEqual([created.body.id]);
    expect((await call('GET', `/projects/${created.body.id}`)).body.name).toBe('Site');
    expect(idsOf((await call('GET', `/projects/${created.body.id}/collaborators`)).body)).toEqual([userId]);
  });

  it('refuses an unknown client with 404', async () => {
    const refused = await call('POST', '/projects', { name: 'Nowhere', client_id: 999_999 });
    expect(refused).toEqual({ status: 404, body: expect.objectContaining({ status: 'error' }) });
    expect((await call('GET', '/projects')).body.total).toBe('1');
  });

  it('updates only what is sent, and moves updated_at on', async () => {
    const { body: project } = await call('POST', '/projects', { name: 'Ads', client_id: clientId });
    local.sandbox.control.tick(60_000);
    const updated = await call('PUT', `/projects/${project.id}`, { brief: 'Q3 ads', archived: true, labels: [{ id: 3002 }] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: project.id, name: 'Ads', brief: 'Q3 ads', archived: true, labels: [3002] });
    expect(updated.body.updated_at > project.updated_at).toBe(true);
    expect((await call('GET', `/projects/${project.id}`)).body.brief).toBe('Q3 ads');
    expect((await call('PUT', '/projects/999999', { name: 'X' })).status).toBe(404);
  });

  it('updates a project of the Integrations API until that API changes the same field again', async () => {
    await integrations('POST', '/clients', { id: 'C1', name: 'Acme' });
    const created = (await (await integrations('POST', '/projects', { id: 'P1', name: 'Synced', client_id: 'C1', brief: 'From Okta' })).json()) as { id: number };
    const updated = await call('PUT', `/projects/${created.id}`, { name: 'Renamed in COR', client_id: clientId });
    expect(updated.body).toMatchObject({ name: 'Renamed in COR', brief: 'From Okta', client: { id: clientId } });
    await integrations('PUT', '/projects/P1', { brief: 'Changed in Okta' });
    expect((await call('GET', `/projects/${created.id}`)).body).toMatchObject({ name: 'Renamed in COR', brief: 'Changed in Okta', client_id: clientId });
    await integrations('PUT', '/projects/P1', { name: 'Renamed in Okta' });
    expect((await call('GET', `/projects/${created.id}`)).body.name).toBe('Renamed in Okta');
    expect((await remove(`/projects/${created.id}`)).status).toBe(204);
    expect((await call('GET', `/projects/${created.id}`)).status).toBe(404);
  });
});

describe('a task, its collaborators, messages and time', () => {
  let projectId: number;
  let taskId: number;
  let users: number[];
  beforeAll(async () => {
    await fresh();
    const [clientId] = local.sandbox.control.addRecords('clients', 1).map((r) => r.id);
    users = local.sandbox.control.addRecords('users', 2).map((r) => r.id);
    projectId = (await call('POST', '/projects', { name: 'Site', client_id: clientId })).body.id;
  });

  it('creates a new, low-priority task in a project, found by list, ID and title', async () => {
    const created = await call('POST', '/tasks', { title: 'Homepage wireframe', project_id: projectId });
    expect(created).toEqual({
      status: 200,
      body: { id: expect.any(Number), title: 'Homepage wireframe', project_id: projectId, description: null, deadline: null, status: 'nueva', priority: 0, archived: false },
    });
    taskId = created.body.id;
    expect(idsOf((await call('GET', `/tasks?${filters({ projects: [projectId] })}`)).body.data)).toEqual([taskId]);
    expect((await call('GET', `/tasks/${taskId}`)).body.title).toBe('Homepage wireframe');
    expect(idsOf((await call('GET', '/tasks/search-by-title/wirefr')).body)).toEqual([taskId]);
    expect((await call('POST', '/tasks', { title: 'Lost', project_id: 999_999 })).status).toBe(404);
  });

  it('updates only what is sent', async () => {
    const updated = await call('PUT', `/tasks/${taskId}`, { title: 'Homepage wireframe', status: 'en_proceso', priority: 2, deadline: '2025-02-10T18:00:00-03:00' });
    expect(updated.body).toMatchObject({ id: taskId, status: 'en_proceso', priority: 2, deadline: '2025-02-10 21:00:00', description: null, project_id: projectId });
    expect((await call('GET', `/tasks/${taskId}`)).body.status).toBe('en_proceso');
    expect((await call('PUT', '/tasks/999999', { title: 'X' })).status).toBe(404);
  });

  it('sets its collaborators as a sync: the list sent is the final list', async () => {
    const first = await call('POST', `/tasks/${taskId}/collaborators`, { collaborators: users });
    expect(first.status).toBe(200);
    expect(first.body[0]).toMatchObject({ id: users[0], email: `user${users[0]}@agency.com`, pivot: { user_id: users[0], task_log_id: taskId } });
    local.sandbox.control.tick(60_000);
    const second = await call('POST', `/tasks/${taskId}/collaborators`, { collaborators: [users[1], 1] });
    expect(idsOf(second.body)).toEqual([users[1], 1]);
    expect(second.body[0].pivot.created_at).toBe(first.body[1].pivot.created_at);
    expect(idsOf((await call('GET', `/tasks/${taskId}/collaborators`)).body)).toEqual([users[1], 1]);
  });

  it("answers COR's 417 for a missing task or an unknown user", async () => {
    expect(await call('POST', '/tasks/999999/collaborators', { collaborators: [1] })).toEqual({ status: 417, body: [{ message: 'exists validation failed on task_id' }] });
    expect(await call('POST', `/tasks/${taskId}/collaborators`, { collaborators: [1, 999_999] })).toEqual({ status: 417, body: [{ message: 'exists validation failed on collaborators.1' }] });
    expect((await call('GET', `/tasks/${taskId}/collaborators`)).body).toHaveLength(2);
  });

  it('keeps a comment and lists it', async () => {
    const posted = await call('POST', `/tasks/${taskId}/messages`, { message: 'Ready for review' });
    expect(posted.body).toMatchObject({ id: expect.any(Number), message: 'Ready for review', task_id: taskId, user_id: 1 });
    expect((await call('GET', `/tasks/${taskId}/messages`)).body).toEqual([posted.body]);
  });

  it('logs time for the connected user, listed by GET /hours with its filters, and changes its status', async () => {
    const logged = await call('POST', '/hours', { task_log_id: taskId, start: '2025-02-03T09:00:00-03:00', stop: '2025-02-03T11:30:00-03:00' });
    expect(logged.body).toMatchObject({
      start: '2025-02-03 12:00:00',
      stop: '2025-02-03 14:30:00',
      duration: '2.5000000000000000',
      user_id: 1,
      task_log_id: taskId,
      project_id: projectId,
      status: 'pending',
      task: { id: taskId },
    });
    expect(idsOf((await call('GET', `/hours?${filters({ projects: [projectId], users: [1] })}`)).body.data)).toEqual([logged.body.id]);
    expect((await call('POST', '/hours/status-change', { status: 'approved', counters: [logged.body.id] })).status).toBe(200);
    const [listed] = (await call('GET', `/hours?${filters({ projects: [projectId] })}`)).body.data;
    expect(listed).toMatchObject({ status: 'approved', status_changed_by: 1, status_changed_at: expect.any(String) });
  });

  it('refuses a stop before the start, and unknown time entries, with a ValidationError', async () => {
    const backwards = await call('POST', '/hours', { task_log_id: taskId, start: '2025-02-03T11:00:00Z', stop: '2025-02-03T10:00:00Z' });
    expect(backwards).toEqual({ status: 400, body: expect.objectContaining({ name: 'ValidationError' }) });
    const unknown = await call('POST', '/hours/status-change', { status: 'paid', counters: [999_998, 999_999] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('999998, 999999');
    expect((await call('GET', '/hours')).body.total).toBe('1');
  });
});

describe("a project's collaborators, messages and costs", () => {
  let projectId: number;
  let users: number[];
  beforeAll(async () => {
    await fresh();
    const [clientId] = local.sandbox.control.addRecords('clients', 1).map((r) => r.id);
    users = local.sandbox.control.addRecords('users', 3).map((r) => r.id);
    projectId = (await call('POST', '/projects', { name: 'Site', client_id: clientId })).body.id;
  });
  const usersIds = (ids: number[]) => new URLSearchParams(ids.map((id) => ['usersIds', String(id)]));

  it('adds collaborators from a form, keeping those already there', async () => {
    expect(await call('POST', `/projects/${projectId}/collaborators`, usersIds([users[0]!, users[1]!]))).toEqual({ status: 201, body: { message: 'Collaborators added successfully' } });
    expect((await call('POST', `/projects/${projectId}/collaborators`, usersIds([users[1]!, users[2]!]))).status).toBe(201);
    const listed = await call('GET', `/projects/${projectId}/collaborators`);
    expect(idsOf(listed.body)).toEqual(users);
    expect(listed.body[0]).toMatchObject({ first_name: expect.any(String), last_name: expect.any(String) });
  });

  it("answers COR's 400 PC001 for a missing project or an unknown user", async () => {
    expect(await call('POST', '/projects/999999/collaborators', usersIds([1]))).toEqual({ status: 400, body: expect.objectContaining({ name: 'CORCustomError', code: 'PC001' }) });
    expect((await call('POST', `/projects/${projectId}/collaborators`, usersIds([999_999]))).body.code).toBe('PC001');
    expect((await call('GET', `/projects/${projectId}/collaborators`)).body).toHaveLength(3);
  });

  it('keeps a message posted as a form and lists it', async () => {
    const posted = await call('POST', `/projects/${projectId}/messages`, new URLSearchParams({ message: 'Phase 1 is delivered.' }));
    expect(posted.body).toMatchObject({ message: 'Phase 1 is delivered.', project_id: projectId, user_id: 1 });
    expect((await call('GET', `/projects/${projectId}/messages`)).body).toEqual([posted.body]);
    expect((await call('GET', '/projects/999999/messages')).status).toBe(404);
  });

  it('adds a cost and lists it', async () => {
    const added = await call('POST', `/projects/${projectId}/project_cost`, { title: 'Stock photos', cost: 350.5, datetime: '2025-02-14' });
    expect(added).toEqual({ status: 200, body: { id: expect.any(Number), project_id: projectId, title: 'Stock photos', cost: 350.5, datetime: '2025-02-14' } });
    expect((await call('GET', `/projects/${projectId}/project_cost`)).body).toEqual([added.body]);
  });

  it('deletes a cost, a task and a project with 204, after which they are gone', async () => {
    const { body: cost } = await call('POST', `/projects/${projectId}/project_cost`, { title: 'Fonts', cost: 20, datetime: '2025-02-15' });
    const { body: task } = await call('POST', '/tasks', { title: 'Short-lived', project_id: projectId });
    expect((await remove(`/projects/${projectId}/project_cost/${cost.id}`)).status).toBe(204);
    expect(idsOf((await call('GET', `/projects/${projectId}/project_cost`)).body)).not.toContain(cost.id);
    expect((await remove(`/tasks/${task.id}`)).status).toBe(204);
    expect((await call('GET', `/tasks/${task.id}`)).status).toBe(404);
    expect((await remove(`/projects/${projectId}`)).status).toBe(204);
    expect((await call('GET', '/projects')).body.total).toBe('0');
    expect((await remove(`/projects/${projectId}`)).status).toBe(404);
  });
});

describe('templates and labels, and a reset', () => {
  beforeAll(fresh);
  it('lists the seeded project templates, paged and filtered by name', async () => {
    const all = await call('GET', '/projectTemplates');
    expect(all.body).toMatchObject({ total: '3', page: 1, lastPage: 1 });
    expect(all.body.data.map((t: { name: string }) => t.name)).toEqual(['Website Project', 'Campaign Launch', 'Monthly Retainer']);
    expect((await call('GET', `/projectTemplates?${filters({ name: 'campaign' })}`)).body.data).toEqual([{ id: 13, name: 'Campaign Launch' }]);
    expect((await call('GET', '/projectTemplates?perPage=2&page=2')).body).toMatchObject({ lastPage: 2, data: [{ name: 'Monthly Retainer' }] });
  });

  it('lists the seeded project labels in their categories, and no user labels', async () => {
    const project = await call('GET', '/categories/labels-model?model=project');
    expect(project.body.flatMap((c: { labels: { id: number }[] }) => idsOf(c.labels))).toContain(3001);
    expect((await call('GET', '/categories/labels-model?model=user')).body).toEqual([]);
  });

  it('forgets every write on reset', async () => {
    const [clientId] = local.sandbox.control.addRecords('clients', 1).map((r) => r.id);
    const { body: project } = await call('POST', '/projects', { name: 'Gone', client_id: clientId, collaborators: [1] });
    const { body: task } = await call('POST', '/tasks', { title: 'Gone', project_id: project.id });
    await call('POST', `/tasks/${task.id}/messages`, { message: 'Gone' });
    await fresh();
    expect((await call('GET', '/projects')).body.total).toBe('0');
    expect((await call('GET', '/tasks')).body.total).toBe('0');
    const again = (await call('POST', '/projects', { name: 'New', client_id: local.sandbox.control.addRecords('clients', 1)[0]!.id })).body;
    expect((await call('GET', `/projects/${again.id}/collaborators`)).body).toEqual([]);
  });
});

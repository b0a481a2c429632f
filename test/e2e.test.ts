/**
 * End to end, without nock: the real app through createAppTester over real HTTP to the
 * sandbox on 127.0.0.1, started and stopped here. Every action runs against it.
 */
import { byCorIdCleanup, byCorIdSteps, type Learned } from '../sandbox/by-cor-id.js';
import { scenarioSteps } from '../sandbox/scenario.js';
import { createRunner, readZapierError, type Runner } from '../sandbox/zapier-runner.js';
import { App } from './support/harness.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();

describe('the sync scenario of npm start', () => {
  let runner: Runner;
  beforeAll(() => {
    local.sandbox.control.reset();
    runner = createRunner(local.sandbox.credentials);
  });
  // Built lazily: the steps need the runner; their titles do not.
  const titles = scenarioSteps(undefined as never, undefined as never).map((s) => s.title);
  it.each(titles.map((title, index) => [index + 1, title] as const))('step %i: %s', async (index) => {
    const step = scenarioSteps(runner, local.sandbox)[index - 1]!;
    await expect(step.run()).resolves.toEqual(expect.any(String));
  });
});

/** What each action by COR ID of the round trip (sandbox/by-cor-id.ts) must output. */
const EXPECTED: Record<string, (ids: Learned) => Record<string, unknown>> = {
  create_project: (i) => ({ name: 'Launch', client_id: i.client, client_name: 'Zed', pm_id: i.me }),
  update_project: () => ({ status: 'suspended', brief: 'On hold' }),
  add_users_to_project: () => ({ message: 'Collaborators added successfully' }),
  post_project_update: (i) => ({ project_id: i.project, message: 'Kick-off on Monday' }),
  add_project_cost: () => ({ title: 'Stock photos', cost: 120.5 }),
  create_task: (i) => ({ title: 'Launch: brief', project_id: i.project, status: 'en_proceso', priority: 1 }),
  update_task: () => ({ title: 'Launch: brief', status: 'finalizada', status_name: 'Finished' }),
  assign_users_to_task: (i) => ({ collaborators: [i.me], item_count: 1 }),
  add_comment_to_task: (i) => ({ task_id: i.task, message: 'Done' }),
  upload_file_to_task: (i) => ({ name: 'Launch brief.txt', task_id: i.task, source: 'S3', size: 64 * 'A file of the COR sandbox: brief.txt\n'.length }),
  attach_cloud_file_to_task: () => ({ name: 'brief.pdf', source: 'GoogleDrive', url: 'https://drive.google.com/file/d/1AbC/view' }),
  log_time: (i) => ({ task_id: i.task, project_id: i.project, start: '2026-03-03T12:00:00Z', stop: '2026-03-03T13:15:00Z' }),
  change_time_entry_status: (i) => ({ counters: [i.entry], status: 'approved' }),
  api_request: (i) => ({ status: 200, body: expect.objectContaining({ id: i.task, status: 'finalizada' }) }),
};
// The file it uploads: the sandbox's own sample (its address is known once it listens).
const BY_COR_ID = byCorIdSteps('Launch', () => `${process.env.COR_INTEGRATIONS_BASE_URL}/__sandbox/files/brief.txt`);

describe('every action by COR ID against the sandbox', () => {
  const ids: Learned = { me: 1 };
  let runner: Runner;
  beforeAll(async () => {
    local.sandbox.control.reset();
    runner = createRunner(local.sandbox.credentials);
    await runner.connect();
    ids.client = Number((await runner.run('create_client_by_external_id', { source: 'ZAPIER', id: 'Z1', name: 'Zed' })).cor_id);
  });

  it.each(BY_COR_ID.map((step, i) => ({ n: i + 1, step })))('$n. $step.key', async ({ step }) => {
    const out = await runner.run(step.key, step.input(ids));
    expect(out).toMatchObject(EXPECTED[step.key]!(ids));
    if (step.learn) Object.assign(ids, step.learn(out));
  });

  it('offers project templates and labels in its dropdowns, which Create Project takes', async () => {
    const template = Number((await runner.trigger('list_project_templates', {}))[0]!.id);
    const label = Number((await runner.trigger('list_project_labels', {}))[0]!.id);
    await expect(runner.run('create_project', { name: 'From a template', client_id: ids.client, template_id: template, labels: [label] })).resolves.toMatchObject({ name: 'From a template' });
  });

  it('the work shows where COR lists it: the task in New Task and Find Task, the time in New Time Entry', async () => {
    expect((await runner.trigger('new_task', { project_id: String(ids.project) })).map((t) => t.cor_id)).toEqual([ids.task]);
    expect((await runner.search('find_task', { name: 'brief' })).map((t) => t.cor_id)).toEqual([ids.task]);
    expect((await runner.trigger('new_time_entry', {})).map((h) => h.cor_id)).toContain(ids.entry);
    expect(await runner.trigger('list_tasks', { in_project_id: String(ids.project) })).toEqual([{ id: String(ids.task), name: 'Launch: brief' }]);
  });

  it('cleans up with API Request: the cost, the task and the project are gone', async () => {
    for (const step of byCorIdCleanup) await expect(runner.run(step.key, step.input(ids))).resolves.toMatchObject({ status: expect.any(Number) });
    const { code } = readZapierError(await runner.run('api_request', { method: 'GET', path: `/tasks/${ids.task}` }).catch((e: unknown) => e));
    expect(code).toBe('HTTP_404');
  });
});

describe('every action against the sandbox', () => {
  const S = { source: 'OKTA' };
  let runner: Runner;
  beforeAll(async () => {
    local.sandbox.control.reset();
    runner = createRunner(local.sandbox.credentials);
    await runner.connect();
  });

  type Fails = { fails: string; says: string };
  // In dependency order: what an action names must exist first.
  // [action, input, what the output must contain — or the error it must fail with]
  const steps: [string, Record<string, unknown>, Record<string, unknown> | Fails][] = [
    ['create_client_by_external_id', { ...S, id: 'C/1', name: 'Acme' }, { external_id: 'C/1', name: 'Acme' }],
    ['update_client_by_external_id', { ...S, id: 'C/1', phone: '+1 555' }, { phone: '+1 555', name: 'Acme' }],
    ['create_or_update_client_by_external_id', { ...S, id: 'C/1', name: 'Acme Inc' }, { action_taken: 'updated', name: 'Acme Inc' }],
    ['create_brand_by_external_id', { ...S, id: 'B1', name: 'Premium', client_id: 'C/1' }, { name: 'Premium' }],
    ['update_brand_by_external_id', { ...S, id: 'B1', name: 'Gold' }, { name: 'Gold' }],
    ['create_or_update_brand_by_external_id', { ...S, id: 'B2', name: 'Silver', client_id: 'C/1' }, { action_taken: 'created' }],
    ['create_product_by_external_id', { ...S, id: 'PR1', name: 'App', client_id: 'C/1', brand_id: 'B1' }, { name: 'App' }],
    ['update_product_by_external_id', { ...S, id: 'PR1', description: 'Mobile' }, { description: 'Mobile' }],
    ['create_or_update_product_by_external_id', { ...S, id: 'PR1', name: 'App 2', client_id: 'C/1', brand_id: 'B1' }, { action_taken: 'updated', name: 'App 2' }],
    ['create_workspace_by_external_id', { ...S, id: 'WS1', name: 'Eng' }, { name: 'Eng' }],
    ['update_workspace_by_external_id', { ...S, id: 'WS1', active: false }, { active: false }],
    ['create_or_update_workspace_by_external_id', { ...S, id: 'WS2', name: 'Ops' }, { action_taken: 'created' }],
    ['create_position_category_by_external_id', { ...S, id: 'CAT1', name: 'Dev' }, { name: 'Dev', external_id: 'CAT1' }],
    ['update_position_category_by_external_id', { ...S, id: 'CAT1', name: 'Development' }, { name: 'Development' }],
    ['create_or_update_position_category_by_external_id', { ...S, id: 'CAT2', name: 'Design' }, { action_taken: 'created' }],
    ['create_seniority_by_external_id', { ...S, id: 'SEN1', name: 'Jr.' }, { name: 'Jr.' }],
    ['update_seniority_by_external_id', { ...S, id: 'SEN1', name: 'Junior' }, { name: 'Junior' }],
    ['create_or_update_seniority_by_external_id', { ...S, id: 'SEN1', name: 'Jr' }, { action_taken: 'updated' }],
    ['create_position_by_external_id', { ...S, id: 'POS1', name: 'Developer', category_id: 'CAT1', rate: 50 }, { name: 'Developer', rate: 50 }],
    ['update_position_by_external_id', { ...S, id: 'POS1', rate: 55 }, { rate: 55 }],
    ['create_or_update_position_by_external_id', { ...S, id: 'POS2', name: 'Designer', category_id: 'CAT2' }, { action_taken: 'created' }],
    ['assign_seniority_to_position_by_external_id', { ...S, id: 'POS1', seniority_id: 'SEN1' }, { seniority: 'Jr' }],
    ['create_user_by_external_id', { ...S, id: 'U1', email: 'u1@x.co', first_name: 'Ana', last_name: 'Paz', user_position_id: 'POS1' }, { first_name: 'Ana' }],
    ['create_user_by_external_id', { ...S, id: 'U2', email: 'u2@x.co', first_name: 'Bo', last_name: 'Li' }, { first_name: 'Bo' }],
    ['update_user_by_external_id', { ...S, id: 'U1', daily_hours: 6, role_id: '4' }, { daily_hours: 6, role_id: 4 }],
    ['create_or_update_user_by_external_id', { ...S, id: 'U1', email: 'u1@x.co', first_name: 'Ana María', last_name: 'Paz' }, { action_taken: 'updated', not_updated_fields: 'email' }],
    ['assign_positions_to_users_by_external_id', { ...S, users: [{ id: 'U2', position_id: 'POS2' }] }, { status: 'success', applied_count: 1 }],
    [
      'attach_workspaces_to_user_by_external_id',
      {
        ...S,
        id: 'U1',
        workspaces: [
          { workspaceId: 'WS1', percentage: 60 },
          { workspaceId: 'WS2', percentage: 40 },
        ],
      },
      { email: 'u1@x.co' },
    ],
    ['detach_workspaces_from_user_by_external_id', { ...S, id: 'U1', workspaces: ['WS2'] }, { email: 'u1@x.co' }],
    ['create_team_by_external_id', { ...S, id: 'T1', name: 'Front', workspace_id: 'WS1' }, { name: 'Front' }],
    ['update_team_by_external_id', { ...S, id: 'T1', description: 'UI' }, { description: 'UI' }],
    ['create_or_update_team_by_external_id', { ...S, id: 'T1', name: 'Frontend' }, { action_taken: 'updated' }],
    ['attach_users_to_team_by_external_id', { ...S, id: 'T1', users: ['U1', 'U2'] }, { status: 'success', applied_count: 2 }],
    ['attach_users_to_team_by_external_id', { ...S, id: 'T1', users: ['U1', 'U2'] }, { fails: 'NothingApplied', says: 'UT011 ALREADY_ASSIGNED' }],
    ['detach_users_from_team_by_external_id', { ...S, id: 'T1', users: ['U2'] }, { item_count: 1 }],
    ['create_contract_by_external_id', { ...S, id: 'K1', name: 'Retainer', client_id: 'C/1', start_date: '2026-01-01', end_date: '2026-12-31' }, { name: 'Retainer' }],
    ['update_contract_by_external_id', { ...S, id: 'K1', value: 1000 }, { value: 1000 }],
    ['create_or_update_contract_by_external_id', { ...S, id: 'K1', name: 'Retainer 2026', client_id: 'C/1' }, { action_taken: 'updated' }],
    [
      'attach_users_to_contract_by_external_id',
      {
        ...S,
        id: 'K1',
        users: [
          { user_id: 'U1', start: '2026-01-01', end: '2026-06-30' },
          { user_id: 'NOPE', start: '2026-01-01', end: '2026-02-01' },
        ],
      },
      { status: 'partial_success', applied_count: 1, rejected_count: 1 },
    ],
    ['detach_users_from_contract_by_external_id', { ...S, id: 'K1', users: ['U1'] }, { message: 'Users detached successfully' }],
    // COR refuses a contract in a currency it has no exchange rate for (CTR006), until the rate exists.
    ['create_contract_by_external_id', { ...S, id: 'K2', name: 'In euros', client_id: 'C/1', currency_id: 'EUR' }, { fails: 'CTR006', says: 'Create Currency Exchange' }],
    [
      'create_currency_exchange',
      { ...S, currency_exchanges: [{ foreign_currency: 'EUR', base_currency: 'ARS', amount: 1100, factor: 1, effective_date: '2026-01-01T00:00:00Z' }] },
      { status: 'success' },
    ],
    ['create_contract_by_external_id', { ...S, id: 'K2', name: 'In euros', client_id: 'C/1', currency_id: 'EUR' }, { name: 'In euros', currency_id: 'EUR' }],
    ['delete_contract_by_external_id', { ...S, id: 'K2' }, { deleted: true }],
    [
      'create_project_by_external_id',
      { ...S, id: 'P1', name: 'Site', client_id: 'C/1', pm_id: 'U1', brand_id: 'B1', product_id: 'PR1', contract_id: 'K1', start: '2026-02-01', end: '2026-04-30' },
      { name: 'Site' },
    ],
    ['update_project_by_external_id', { ...S, id: 'P1', archived: true }, { archived: true }],
    ['create_or_update_project_by_external_id', { ...S, id: 'P2', name: 'App' }, { action_taken: 'created' }],
    ['create_leave_type_by_external_id', { ...S, id: 'LT1', name: 'Vacation' }, { name: 'Vacation' }],
    ['update_leave_type_by_external_id', { ...S, id: 'LT1', name: 'Annual leave' }, { name: 'Annual leave' }],
    ['create_or_update_leave_type_by_external_id', { ...S, id: 'LT2', name: 'Sick' }, { action_taken: 'created' }],
    ['create_leave_by_external_id', { ...S, id: 'L1', userId: 'U1', leaveTypeId: 'LT1', start: '2026-05-11T00:00:00Z', end: '2026-05-12T00:00:00Z', allDay: true }, { allDay: true }],
    ['update_leave_by_external_id', { ...S, id: 'L1', userId: 'U1', leaveTypeId: 'LT2', start: '2026-05-11T00:00:00Z', end: '2026-05-11T12:00:00Z', allDay: false }, { allDay: false }],
    [
      'create_or_update_leave_by_external_id',
      { ...S, id: 'L1', userId: 'U1', leaveTypeId: 'LT2', start: '2026-05-11T00:00:00Z', end: '2026-05-11T12:00:00Z', allDay: false },
      { action_taken: 'updated' },
    ],
    ['create_working_time_by_external_id', { ...S, id: 'WT1', userId: 'U1', workingTimes: [{ dayOfWeek: '2', start: '09:00', end: '17:00', breakTime: '1' }] }, { external_id: 'WT1' }],
    ['delete_working_time_by_external_id', { ...S, id: 'WT1' }, { deleted: true }],
    ['delete_leave_by_external_id', { ...S, id: 'L1', userId: 'U1' }, { deleted: true, deletedId: 'L1' }],
    ['delete_leave_type_by_external_id', { ...S, id: 'LT2' }, { deleted: true }],
    ['delete_project_by_external_id', { ...S, id: 'P1' }, { deleted: true, external_id: 'P1' }],
    ['delete_contract_by_external_id', { ...S, id: 'K1' }, { deleted: true }],
    ['delete_team_by_external_id', { ...S, id: 'T1' }, { deleted: true }],
    ['delete_product_by_external_id', { ...S, id: 'PR1' }, { deleted: true }],
    ['delete_brand_by_external_id', { ...S, id: 'B2' }, { deleted: true }],
    ['delete_client_by_external_id', { ...S, id: 'C/1' }, { fails: 'DeletionError', says: 'still depend on it' }],
    ['delete_brand_by_external_id', { ...S, id: 'B1' }, { deleted: true }],
    ['delete_client_by_external_id', { ...S, id: 'C/1' }, { deleted: true, external_id: 'C/1' }],
    ['delete_user_by_external_id', { ...S, id: 'U2' }, { deleted: true }],
    ['delete_position_by_external_id', { ...S, id: 'POS2' }, { deleted: true }],
    ['delete_position_category_by_external_id', { ...S, id: 'CAT2' }, { deleted: true }],
    ['delete_seniority_by_external_id', { ...S, id: 'SEN1' }, { deleted: true }],
  ];

  it.each(steps.map((s, i) => [i + 1, ...s] as const))('%i. %s', async (_index, action, input, expected) => {
    if ('fails' in expected) {
      const error = readZapierError(
        await runner
          .run(action, input)
          .then(() => new Error('succeeded'))
          .catch((e: unknown) => e),
      );
      expect(error.code).toBe(expected.fails);
      expect(error.message).toContain(expected.says);
      return;
    }
    await expect(runner.run(action, input)).resolves.toMatchObject(expected);
  });

  it('ran every action of the app at least once', () => {
    const ran = new Set([...steps.map((s) => s[0]), ...BY_COR_ID.map((s) => s.key)]);
    expect(Object.keys(App.creates).filter((key) => !ran.has(key))).toEqual([]);
  });

  // Zapier asks for one successful run of every visible step before publishing (check T001).
  it('runs every trigger (dropdowns too) and every search once, each finding a record', async () => {
    const { control } = local.sandbox;
    const user = control.entities('OKTA', 'users')[0]!;
    for (const kind of ['clients', 'hours', 'tasks', 'contracts', 'brands', 'products'] as const) control.addRecords(kind, 1);
    control.addRecords('leaves', 1, user.corId);
    // A file on the task just added, for the file triggers (its project's too).
    const [task] = await runner.search('find_task', { cor_id: String(control.ids('tasks')[0]) });
    await runner.run('upload_file_to_task', { task_id: task!.cor_id, file: `${process.env.COR_INTEGRATIONS_BASE_URL}/__sandbox/files/a.txt` });
    const inputs: Record<string, Record<string, unknown>> = {
      new_leave: { user_id: String(user.corId) },
      new_file_on_task: { task_id: task!.cor_id },
      new_file_in_project: { project_id: task!.project_id },
      find_project: { name: 'ap' },
      find_client: { name: 'client' },
      find_user: { cor_id: String(user.corId) },
      find_task: { cor_id: String(control.ids('tasks')[0]) },
    };
    const found: Record<string, number> = {};
    for (const key of Object.keys(App.triggers)) found[key] = (await runner.trigger(key, inputs[key] ?? {})).length;
    for (const key of Object.keys(App.searches)) found[key] = (await runner.search(key, inputs[key] ?? {})).length;
    expect(Object.entries(found).filter(([, count]) => count === 0)).toEqual([]);
    expect(await runner.trigger('list_users', {})).toEqual([{ id: String(user.corId), name: 'Ana María Paz (u1@x.co)' }]);
    expect(await runner.search('find_user', { name: 'maría' })).toEqual([expect.objectContaining({ cor_id: user.corId })]);
  });

  it('deletes remove the mapping, and another source never saw any of it', async () => {
    expect(local.sandbox.control.entities('OKTA', 'projects').map((p) => p.externalId)).toEqual(['P2']);
    expect(local.sandbox.control.entities('OKTA', 'clients')).toEqual([]);
    expect(local.sandbox.control.entities('ZAPIER', 'clients')).toEqual([]);
  });
});

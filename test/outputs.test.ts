/** One output shape whatever COR answers; partial success told honestly; Create or Update. */
import nock from 'nock';
import { failure, INTEGRATIONS, runCreate } from './support/harness.js';

const reply = (method: 'post' | 'put' | 'delete', path: string, status: number, body: nock.Body) => nock(INTEGRATIONS)[method](path).reply(status, body);

describe('outputs per documented response family', () => {
  it('wrapped answer echoing the external ID: no COR ID, the external ID kept (positions)', async () => {
    reply('post', '/v2/integrations/user-position', 200, {
      statusCode: 200,
      status: 'success',
      data: { name: 'Dev', rate: 50, seniority: 'Sr.', company_id: 2336, id: 'POS-1', category_id: 'CAT-1' },
    });
    await expect(runCreate('create_position_by_external_id', { id: 'POS-1', name: 'Dev' })).resolves.toEqual({
      external_id: 'POS-1',
      name: 'Dev',
      rate: 50,
      seniority: 'Sr.',
      category_id: 'CAT-1',
    });
  });

  it('generic delete message (teams, products, positions, categories)', async () => {
    reply('delete', '/v2/integrations/teams/T-1', 200, { message: 'Entity deleted successfully' });
    await expect(runCreate('delete_team_by_external_id', { id: 'T-1' })).resolves.toEqual({ external_id: 'T-1', deleted: true, message: 'Entity deleted successfully' });
  });

  it('an empty body on success (204) still gives the external ID', async () => {
    reply('delete', '/v2/integrations/working-time/WT-1', 204, '');
    await expect(runCreate('delete_working_time_by_external_id', { id: 'WT-1' })).resolves.toEqual({ external_id: 'WT-1', deleted: true });
  });

  it('a bare list of relations (team detach)', async () => {
    const relation = { team_id: 4240, user_id: 48878, id: 178148 };
    reply('put', '/v2/integrations/teams/T-1/detach', 200, [relation]);
    await expect(runCreate('detach_users_from_team_by_external_id', { id: 'T-1', users: ['U-2'] })).resolves.toEqual({ external_id: 'T-1', items: [relation], item_count: 1 });
  });

  it('the user with workspaces (attach workspaces)', async () => {
    const user = { id: 8545, name: 'John', email: 'j@c.co', workspaces: [{ id: 5001, pivot: { percentage: 50 } }] };
    reply('put', '/v2/integrations/users/U-1/attach', 200, user);
    await expect(runCreate('attach_workspaces_to_user_by_external_id', { id: 'U-1', workspaces: [{ workspaceId: 'WS-1', percentage: 50 }] })).resolves.toEqual({
      cor_id: 8545,
      external_id: 'U-1',
      name: 'John',
      email: 'j@c.co',
      workspaces: user.workspaces,
    });
  });
});

describe('partial success is reported, and nothing applied is an error', () => {
  const attachTeam = { id: 'T-1', users: ['U-1', 'U-2'] };

  it('team attach with UT011/UT012 errors lists who was added and who was not', async () => {
    const added = { team_id: 4240, user_id: 48878, id: 1 };
    reply('put', '/v2/integrations/teams/T-1/attach', 200, { users: [added], errors: [{ user_id: 48879, name: 'NOT_IN_WORKSPACE', code: 'UT012', message: "User is not in the team's workspace" }] });
    await expect(runCreate('attach_users_to_team_by_external_id', attachTeam)).resolves.toEqual({
      external_id: 'T-1',
      status: 'partial_success',
      applied_count: 1,
      rejected_count: 1,
      applied: [added],
      rejected: [{ item: 'user 48879', reason: "UT012 NOT_IN_WORKSPACE: User is not in the team's workspace" }],
      rejected_summary: "user 48879: UT012 NOT_IN_WORKSPACE: User is not in the team's workspace",
    });
  });

  it('team attach where every user was refused fails with the reasons', async () => {
    reply('put', '/v2/integrations/teams/T-1/attach', 200, {
      users: [],
      errors: [
        { user_id: 1, name: 'ALREADY_ASSIGNED', code: 'UT011', message: 'already in team' },
        { user_id: 2, name: 'WORKSPACE_CONFLICT', code: 'UT013', message: 'in another team' },
      ],
    });
    const error = await failure(runCreate('attach_users_to_team_by_external_id', attachTeam));
    expect(error.code).toBe('NothingApplied');
    for (const fact of ['none of the 2', 'user 1: UT011 ALREADY_ASSIGNED: already in team', 'user 2: UT013 WORKSPACE_CONFLICT: in another team']) expect(error.message).toContain(fact);
  });

  it('team attach, older answer (a bare list): all applied', async () => {
    reply('put', '/v2/integrations/teams/T-1/attach', 200, [{ user_id: 1 }, { user_id: 2 }]);
    await expect(runCreate('attach_users_to_team_by_external_id', attachTeam)).resolves.toMatchObject({ status: 'success', applied_count: 2, rejected_count: 0, rejected_summary: '' });
  });

  it('contract attach partial_success names the user and the rejected period', async () => {
    reply('post', '/v2/integrations/contracts/K-1/users', 200, {
      status: 'partial_success',
      records_received: 2,
      records_created: 1,
      records_rejected: 1,
      assigned: [{ id: 18, user_id: 48915, start_date: '2027-10-01T00:00:00.000Z', end_date: '2028-11-01T00:00:00.000Z' }],
      errors: [
        { id: 'U-5', error_code: 'CE001', message: 'User not found in associations' },
        { id: 'U-6', dates: [{ start: '2025-10-10', end: null, message: 'Date malformatted. Start and end date are required' }], message: 'Partial success. Some dates were rejected' },
      ],
    });
    const output = await runCreate('attach_users_to_contract_by_external_id', { id: 'K-1', users: [{ user_id: 'U-1', start: '2027-10-01', end: '2028-11-01' }] });
    expect(output).toMatchObject({
      status: 'partial_success',
      applied_count: 1,
      rejected: [
        { item: 'U-5', reason: 'CE001 User not found in associations' },
        { item: 'U-6', reason: 'Partial success. Some dates were rejected; 2025-10-10–: Date malformatted. Start and end date are required' },
      ],
    });
  });

  it('currency exchanges "partial" lists the rates taken and the ones rejected', async () => {
    reply('post', '/v2/integrations/currency-exchanges', 200, {
      status: 'partial',
      records_received: 2,
      records_created: 1,
      records_rejected: 1,
      errors: [{ from_currency: 'XYZ', to_currency: 'ARS', message: 'Currency not found' }],
    });
    const rate = (code: string) => ({ foreign_currency: code, base_currency: 'ARS', amount: 100, factor: 1, effective_date: '2025-03-20T02:00:00Z' });
    const output = await runCreate('create_currency_exchange', { currency_exchanges: [rate('USD'), rate('XYZ')] });
    expect(output).toMatchObject({
      status: 'partial_success',
      applied: [{ foreign_currency: 'USD', base_currency: 'ARS', amount: 100, factor: 1 }],
      rejected: [{ item: 'XYZ→ARS', reason: 'Currency not found' }],
    });
  });

  it('currency exchanges "failed" for every rate is an error', async () => {
    reply('post', '/v2/integrations/currency-exchanges', 200, { status: 'failed', errors: [{ from_currency: 'USD', to_currency: 'EUR', message: 'Base currency mismatch' }] });
    const error = await failure(
      runCreate('create_currency_exchange', {
        currency_exchanges: [{ foreign_currency: 'USD', base_currency: 'EUR', amount: 1, factor: 1, effective_date: '2025-03-20T02:00:00Z' }],
      }),
    );
    expect(error.message).toBe('COR applied none of the 1 item(s) of this step: USD→EUR: Base currency mismatch');
  });

  it('position assignments: only "assigned" counts as applied', async () => {
    reply('put', '/v2/user/user-position', 200, {
      message: 'ok',
      assignments: [
        { user_id: 1, position_id: 101, status: 'assigned' },
        { user_id: 2, position_id: 101, status: 'skipped' },
      ],
    });
    const output = await runCreate('assign_positions_to_users_by_external_id', {
      users: [
        { id: 'U-1', position_id: 'P' },
        { id: 'U-2', position_id: 'P' },
      ],
    });
    expect(output).toMatchObject({ status: 'partial_success', applied_count: 1, rejected: [{ item: 'user 2', reason: 'skipped' }] });
  });
});

describe('Create or Update', () => {
  const project = { source: 'SALESFORCE', id: 'SF-OPP-1', name: 'Site', billable: false };
  const projectReply = { id: 155693, name: 'Site', billable: false };

  it('creates when the external ID is new, and says so', async () => {
    const create = nock(INTEGRATIONS)
      .post('/v2/integrations/projects', { metadata: { source: 'SALESFORCE' }, id: 'SF-OPP-1', name: 'Site', billable: false })
      .reply(201, projectReply);
    await expect(runCreate('create_or_update_project_by_external_id', project)).resolves.toEqual({
      cor_id: 155693,
      external_id: 'SF-OPP-1',
      name: 'Site',
      billable: false,
      action_taken: 'created',
      not_updated_fields: '',
    });
    expect(create.isDone()).toBe(true);
  });

  it('updates the same entity with the same input on DuplicateExternalIdError', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/projects').reply(400, { name: 'DuplicateExternalIdError', message: 'already exists for this source' });
    const update = nock(INTEGRATIONS)
      .put('/v2/integrations/projects/SF-OPP-1', { metadata: { source: 'SALESFORCE' }, name: 'Site', billable: false })
      .reply(200, projectReply);
    await expect(runCreate('create_or_update_project_by_external_id', project)).resolves.toMatchObject({ cor_id: 155693, external_id: 'SF-OPP-1', action_taken: 'updated' });
    expect(update.isDone()).toBe(true);
  });

  it('updates on ZC004 where COR documents it as a duplicate (teams, seniority)', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/teams').reply(400, { code: 'ZC004', message: 'Association already exists' });
    const update = nock(INTEGRATIONS).put('/v2/integrations/teams/T-1').reply(200, { id: 4240, name: 'Front' });
    await expect(runCreate('create_or_update_team_by_external_id', { id: 'T-1', name: 'Front' })).resolves.toMatchObject({ action_taken: 'updated' });
    expect(update.isDone()).toBe(true);
  });

  it('does not update on ZC004 elsewhere: COR defines it as Query Exception, and nothing is known to exist', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/projects').reply(500, { code: 'ZC004', message: 'Query Exception' });
    const update = nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(200, {});
    const error = await failure(runCreate('create_or_update_project_by_external_id', project));
    expect(error).toMatchObject({ code: 'ZC004', status: 500 });
    expect(error.message).toContain('internal error');
    expect(error.message).not.toContain('already exists');
    expect(update.isDone()).toBe(false);
  });

  it('names the fields COR does not update (user e-mail)', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/users').reply(400, { name: 'DuplicateExternalIdError' });
    nock(INTEGRATIONS)
      .put('/v2/integrations/users/U-1', { metadata: { source: 'ZAPIER' }, first_name: 'Ana', last_name: 'Paz' })
      .reply(200, { id: 8546 });
    const output = await runCreate('create_or_update_user_by_external_id', { id: 'U-1', email: 'ana@c.co', first_name: 'Ana', last_name: 'Paz' });
    expect(output).toMatchObject({ action_taken: 'updated', not_updated_fields: 'email' });
  });

  it('explains an update that fails after the duplicate', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/projects').reply(400, { name: 'DuplicateExternalIdError' });
    nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(404, { name: 'ClientNotFoundError', message: 'Client not found' });
    const error = await failure(runCreate('create_or_update_project_by_external_id', { ...project, client_id: 'SF-ACC-9' }));
    expect(error.code).toBe('ClientNotFoundError');
    expect(error.status).toBe(404);
    // What happened first (it existed, so an update was tried), then why the update failed.
    for (const fact of ['"SF-OPP-1" already existed', 'tried to update it instead', '"SF-ACC-9"', '"Client External ID"', '"Create Client by External ID"']) expect(error.message).toContain(fact);
  });

  it('does not update on other failures', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/projects').reply(404, { name: 'ClientNotFoundError' });
    const update = nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(200, {});
    const error = await failure(runCreate('create_or_update_project_by_external_id', { ...project, client_id: 'SF-ACC-9' }));
    expect(error.code).toBe('ClientNotFoundError');
    expect(update.isDone()).toBe(false);
  });

  it('lets a throttled update be retried by Zapier', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/projects').reply(400, { name: 'DuplicateExternalIdError' });
    nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(503, '', { 'Retry-After': '5' });
    const error = await failure(runCreate('create_or_update_project_by_external_id', project));
    expect(error).toMatchObject({ name: 'ThrottledError', delay: 5 });
  });

  it('a replayed step: the first run creates, the replay updates, no second entity', async () => {
    nock(INTEGRATIONS)
      .post('/v2/integrations/leaves')
      .reply(201, { statusCode: 201, status: 'success', data: { id: 12345 } });
    nock(INTEGRATIONS).post('/v2/integrations/leaves').reply(400, { name: 'DuplicateExternalIdError' });
    nock(INTEGRATIONS)
      .put('/v2/integrations/leaves/L-1')
      .reply(200, { statusCode: 200, status: 'success', data: { id: 12345 } });
    const leave = { id: 'L-1', userId: 'U', leaveTypeId: 'T', start: '2026-05-11T00:00:00Z', end: '2026-05-11T10:00:00Z', allDay: false };
    const first = await runCreate('create_or_update_leave_by_external_id', leave);
    const replay = await runCreate('create_or_update_leave_by_external_id', leave);
    expect([first.action_taken, replay.action_taken]).toEqual(['created', 'updated']);
    expect([first.cor_id, replay.cor_id]).toEqual([12345, 12345]);
  });

  it('exists for the 13 entities with both a create and an update, and no others', async () => {
    const { App } = await import('./support/harness.js');
    expect(
      Object.keys(App.creates)
        .filter((k) => k.startsWith('create_or_update_'))
        .sort(),
    ).toEqual(
      ['brand', 'client', 'contract', 'leave', 'leave_type', 'position', 'position_category', 'product', 'project', 'seniority', 'team', 'user', 'workspace'].map(
        (k) => `create_or_update_${k}_by_external_id`,
      ),
    );
  });
});

describe('batch and attach answers in shapes COR does not document are reported, never a TypeError', () => {
  const teams = { id: 'T-1', users: ['U-1'] };
  const positions = { users: [{ id: 'U-1', position_id: 'P-1' }] };
  const rates = { currency_exchanges: [{ foreign_currency: 'USD', base_currency: 'ARS', amount: 1000, factor: 1, effective_date: '2026-01-01T00:00:00Z' }] };
  const contract = { id: 'K-1', users: [{ user_id: 'U-1', start: '2026-01-01', end: '2026-02-01' }] };
  // [action, method, path, input, COR's answer, rejected_count, rejected reasons]
  const rows: [string, 'post' | 'put', string, Record<string, unknown>, unknown, number, string[]][] = [
    ['attach_users_to_team_by_external_id', 'put', '/v2/integrations/teams/T-1/attach', teams, { users: [{ id: 1 }], errors: 'some users failed' }, 1, ['some users failed']],
    ['attach_users_to_team_by_external_id', 'put', '/v2/integrations/teams/T-1/attach', teams, { users: [{ id: 1 }], errors: { user_id: 2, code: 'UT011' } }, 1, ['UT011: COR gave no reason']],
    ['attach_users_to_team_by_external_id', 'put', '/v2/integrations/teams/T-1/attach', teams, { users: [{ id: 1 }], errors: [null] }, 0, []],
    ['assign_positions_to_users_by_external_id', 'put', '/v2/user/user-position', positions, { assignments: { user_id: 8, status: 'assigned' } }, 0, []],
    ['assign_positions_to_users_by_external_id', 'put', '/v2/user/user-position', positions, { assignments: [{ user_id: 8, status: 'assigned' }, 'not allowed'] }, 1, ['not allowed']],
    ['create_currency_exchange', 'post', '/v2/integrations/currency-exchanges', rates, { status: 'partial', errors: 'XYZ unknown' }, 1, ['XYZ unknown']],
    [
      'attach_users_to_contract_by_external_id',
      'post',
      '/v2/integrations/contracts/K-1/users',
      contract,
      { assigned: [{ id: 1 }], errors: [{ id: 'U-9', dates: 'bad' }] },
      1,
      ['COR gave no reason; –: bad'],
    ],
  ];

  it.each(rows.map((r, i) => [i + 1, ...r] as const))('%i. %s', async (_i, action, method, path, input, answer, count, reasons) => {
    reply(method, path, 200, answer as nock.Body);
    const out = await runCreate(action, input);
    expect(out.rejected_count).toBe(count);
    expect((out.rejected as { reason: string }[]).map((r) => r.reason)).toEqual(reasons);
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('an error envelope on a batch is a failure, not a list of applied items', async () => {
    reply('put', '/v2/integrations/teams/T-1/attach', 200, { status: 'error', message: 'Team is locked' });
    const error = await failure(runCreate('attach_users_to_team_by_external_id', teams));
    expect(error.code).toBe('CorReportedError');
    expect(error.message).toContain('Team is locked');
  });
});

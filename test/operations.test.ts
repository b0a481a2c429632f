import { entities } from '../creates/index.js';
import { exampleInput } from '../src/model/actions.js';
import { operationKey } from '../src/model/entity.js';
import { COR_PAGES } from '../sandbox/contract.js';
import { capture, failure, requestsToCor, runCreate } from './support/harness.js';

const S = { source: 'ZAPIER' };
type Row = [string, Record<string, unknown>, string, string, Record<string, unknown>];

// [action, minimal input, method, path, exact body]
const minimal: Row[] = [
  ['create_client_by_external_id', { id: 'C-1', name: 'Acme' }, 'POST', '/v2/integrations/clients', { metadata: S, id: 'C-1', name: 'Acme' }],
  ['update_client_by_external_id', { id: 'C 1/x' }, 'PUT', '/v2/integrations/clients/C%201%2Fx', { metadata: S }],
  ['delete_client_by_external_id', { id: 'C-1' }, 'DELETE', '/v2/integrations/clients/C-1', { metadata: S }],
  ['create_brand_by_external_id', { id: 'B-1', name: 'Premium', client_id: 'C-1' }, 'POST', '/v2/integrations/brands', { metadata: S, id: 'B-1', name: 'Premium', client_id: 'C-1' }],
  ['update_brand_by_external_id', { id: 'B-1', name: 'Gold' }, 'PUT', '/v2/integrations/brands/B-1', { metadata: S, name: 'Gold' }],
  ['delete_brand_by_external_id', { id: 'B-1' }, 'DELETE', '/v2/integrations/brands/B-1', { metadata: S }],
  [
    'create_product_by_external_id',
    { id: 'PR-1', name: 'App', client_id: 'C-1', brand_id: 'B-1' },
    'POST',
    '/v2/integrations/products',
    { metadata: S, id: 'PR-1', name: 'App', client_id: 'C-1', brand_id: 'B-1' },
  ],
  ['update_product_by_external_id', { id: 'PR-1' }, 'PUT', '/v2/integrations/products/PR-1', { metadata: S }],
  ['delete_product_by_external_id', { id: 'PR-1' }, 'DELETE', '/v2/integrations/products/PR-1', { metadata: S }],
  ['create_project_by_external_id', { id: 'P-1', name: 'Site' }, 'POST', '/v2/integrations/projects', { metadata: S, id: 'P-1', name: 'Site' }],
  ['update_project_by_external_id', { id: 'P-1' }, 'PUT', '/v2/integrations/projects/P-1', { metadata: S }],
  ['delete_project_by_external_id', { id: 'P-1' }, 'DELETE', '/v2/integrations/projects/P-1', { metadata: S }],
  ['create_contract_by_external_id', { id: 'K-1', name: 'Retainer', client_id: 'C-1' }, 'POST', '/v2/integrations/contracts', { metadata: S, id: 'K-1', name: 'Retainer', client_id: 'C-1' }],
  ['update_contract_by_external_id', { id: 'K-1', value: '0' }, 'PUT', '/v2/integrations/contracts/K-1', { metadata: S, value: 0 }],
  ['delete_contract_by_external_id', { id: 'K-1', corId: '30001' }, 'DELETE', '/v2/integrations/contracts/K-1', { metadata: S, corId: 30001 }],
  [
    'attach_users_to_contract_by_external_id',
    {
      id: 'K-1',
      users: [
        { user_id: 'U-1', start: '2027-10-01', end: '2028-11-01' },
        { user_id: 'U-2', start: '2027-10-01', end: '2027-12-31' },
        { user_id: 'U-1', start: '2029-01-01', end: '2029-02-01' },
      ],
    },
    'POST',
    '/v2/integrations/contracts/K-1/users',
    {
      metadata: S,
      users: [
        {
          id: 'U-1',
          dates: [
            { start: '2027-10-01', end: '2028-11-01' },
            { start: '2029-01-01', end: '2029-02-01' },
          ],
        },
        { id: 'U-2', dates: [{ start: '2027-10-01', end: '2027-12-31' }] },
      ],
    },
  ],
  ['detach_users_from_contract_by_external_id', { id: 'K-1', users: ['U-1', 'U-2'] }, 'DELETE', '/v2/integrations/contracts/K-1/users', { metadata: S, users: ['U-1', 'U-2'] }],
  [
    'create_currency_exchange',
    {
      currency_exchanges: [{ foreign_currency: 'USD', base_currency: 'ARS', amount: '100', factor: 1, effective_date: '2025-03-20T02:00:00Z', rate_type: 'EURX' }],
    },
    'POST',
    '/v2/integrations/currency-exchanges',
    { metadata: S, currency_exchanges: [{ foreign_currency: 'USD', base_currency: 'ARS', amount: 100, factor: 1, effective_date: '2025-03-20T02:00:00Z', metadata: { rate_type: 'EURX' } }] },
  ],
  [
    'create_user_by_external_id',
    { id: 'U-1', email: 'a@b.co', first_name: 'Ana', last_name: 'Paz' },
    'POST',
    '/v2/integrations/users',
    { metadata: S, id: 'U-1', email: 'a@b.co', first_name: 'Ana', last_name: 'Paz' },
  ],
  ['update_user_by_external_id', { id: 'U-1', role_id: '3' }, 'PUT', '/v2/integrations/users/U-1', { metadata: S, role_id: 3 }],
  ['delete_user_by_external_id', { id: 'U-1' }, 'DELETE', '/v2/integrations/users/U-1', { metadata: S }],
  ['assign_positions_to_users_by_external_id', { users: [{ id: 'U-1', position_id: 'POS-1' }] }, 'PUT', '/v2/user/user-position', { metadata: S, users: [{ id: 'U-1', position_id: 'POS-1' }] }],
  [
    'attach_workspaces_to_user_by_external_id',
    { id: 'U-1', workspaces: [{ workspaceId: 'WS-1', percentage: '50' }] },
    'PUT',
    '/v2/integrations/users/U-1/attach',
    { metadata: S, workspaces: [{ workspaceId: 'WS-1', percentage: 50 }] },
  ],
  ['detach_workspaces_from_user_by_external_id', { id: 'U-1', workspaces: ['WS-1'] }, 'PUT', '/v2/integrations/users/U-1/detach', { metadata: S, workspaces: ['WS-1'] }],
  ['create_position_by_external_id', { id: 'POS-1', name: 'Dev' }, 'POST', '/v2/integrations/user-position', { metadata: S, id: 'POS-1', name: 'Dev' }],
  ['update_position_by_external_id', { id: 'POS-1', rate: '55.5' }, 'PUT', '/v2/integrations/user-position/POS-1', { metadata: S, rate: 55.5 }],
  ['delete_position_by_external_id', { id: 'POS-1' }, 'DELETE', '/v2/integrations/user-position/POS-1', { metadata: S }],
  ['assign_seniority_to_position_by_external_id', { id: 'POS-1', seniority_id: 'SEN/1' }, 'POST', '/v2/user-position/POS-1/seniority/SEN%2F1', { metadata: S }],
  ['create_position_category_by_external_id', { id: 'CAT-1', name: 'Dev' }, 'POST', '/v2/integrations/categories', { metadata: S, id: 'CAT-1', name: 'Dev' }],
  ['update_position_category_by_external_id', { id: 'CAT-1', name: 'Development' }, 'PUT', '/v2/integrations/categories/CAT-1', { metadata: S, name: 'Development' }],
  ['delete_position_category_by_external_id', { id: 'CAT-1' }, 'DELETE', '/v2/integrations/categories/CAT-1', { metadata: S }],
  ['create_seniority_by_external_id', { id: 'SEN-1', name: 'Jr.' }, 'POST', '/v2/integrations/seniority', { metadata: S, id: 'SEN-1', name: 'Jr.' }],
  ['update_seniority_by_external_id', { id: 'SEN-1', name: 'Junior' }, 'PUT', '/v2/integrations/seniority/SEN-1', { metadata: S, name: 'Junior' }],
  ['delete_seniority_by_external_id', { id: 'SEN-1' }, 'DELETE', '/v2/integrations/seniority/SEN-1', { metadata: S }],
  ['create_team_by_external_id', { id: 'T-1', name: 'Front' }, 'POST', '/v2/integrations/teams', { metadata: S, id: 'T-1', name: 'Front' }],
  ['update_team_by_external_id', { id: 'T-1', workspace_id: 'WS-1' }, 'PUT', '/v2/integrations/teams/T-1', { metadata: S, workspace_id: 'WS-1' }],
  ['delete_team_by_external_id', { id: 'T-1' }, 'DELETE', '/v2/integrations/teams/T-1', { metadata: S }],
  ['attach_users_to_team_by_external_id', { id: 'T-1', users: ['U-1'] }, 'PUT', '/v2/integrations/teams/T-1/attach', { metadata: S, users: ['U-1'] }],
  ['detach_users_from_team_by_external_id', { id: 'T-1', users: 'U-1' }, 'PUT', '/v2/integrations/teams/T-1/detach', { metadata: S, users: ['U-1'] }],
  ['create_workspace_by_external_id', { id: 'WS-1', name: 'Eng', active: 'false' }, 'POST', '/v2/integrations/workspaces', { metadata: S, id: 'WS-1', name: 'Eng', active: false }],
  ['update_workspace_by_external_id', { id: 'WS-1', active: false }, 'PUT', '/v2/integrations/workspaces/WS-1', { metadata: S, active: false }],
  [
    'create_leave_by_external_id',
    { id: 'L-1', userId: 'U-1', leaveTypeId: 'LT-1', start: '2026-05-11T00:00:00Z', end: '2026-05-11T23:59:00Z', allDay: 'no' },
    'POST',
    '/v2/integrations/leaves',
    { metadata: S, id: 'L-1', userId: 'U-1', leaveTypeId: 'LT-1', start: '2026-05-11T00:00:00Z', end: '2026-05-11T23:59:00Z', allDay: false },
  ],
  [
    'update_leave_by_external_id',
    { id: 'L-1', userId: 'U-1', leaveTypeId: 'LT-1', start: '2026-05-11T00:00:00Z', end: '2026-05-11T23:59:00Z', allDay: true },
    'PUT',
    '/v2/integrations/leaves/L-1',
    { metadata: S, userId: 'U-1', leaveTypeId: 'LT-1', start: '2026-05-11T00:00:00Z', end: '2026-05-11T23:59:00Z', allDay: true },
  ],
  ['delete_leave_by_external_id', { id: 'L-1', userId: 'U-1' }, 'DELETE', '/v2/integrations/leaves/L-1', { metadata: S, userId: 'U-1' }],
  ['create_leave_type_by_external_id', { id: 'LT-1', name: 'Vacation' }, 'POST', '/v2/integrations/leave-types', { metadata: S, id: 'LT-1', name: 'Vacation' }],
  ['update_leave_type_by_external_id', { id: 'LT-1', name: 'Annual' }, 'PUT', '/v2/integrations/leave-types/LT-1', { metadata: S, name: 'Annual' }],
  ['delete_leave_type_by_external_id', { id: 'LT-1' }, 'DELETE', '/v2/integrations/leave-types/LT-1', { metadata: S }],
  [
    'create_working_time_by_external_id',
    { id: 'WT-1', userId: 'U-1', workingTimes: [{ dayOfWeek: '2', start: '09:00', end: '18:00' }] },
    'POST',
    '/v2/integrations/working-time',
    { metadata: S, id: 'WT-1', userId: 'U-1', workingTimes: [{ dayOfWeek: '2', start: '09:00', end: '18:00' }] },
  ],
  ['delete_working_time_by_external_id', { id: 'WT-1' }, 'DELETE', '/v2/integrations/working-time/WT-1', { metadata: S }],
];

// [action, body keys for a full input (the documented fields), labels of required fields]
const documented: [string, string, string][] = [
  ['create_client_by_external_id', 'metadata id name business_name email_contact name_contact last_name_contact phone website description', 'Client External ID | Name'],
  ['update_client_by_external_id', 'metadata name business_name email_contact name_contact last_name_contact phone website description', 'Client External ID'],
  ['delete_client_by_external_id', 'metadata', 'Client External ID'],
  ['create_brand_by_external_id', 'metadata id name client_id', 'Brand External ID | Name | Client External ID'],
  ['update_brand_by_external_id', 'metadata name', 'Brand External ID'],
  ['delete_brand_by_external_id', 'metadata', 'Brand External ID'],
  ['create_product_by_external_id', 'metadata id name client_id brand_id description', 'Product External ID | Name | Client External ID | Brand External ID'],
  ['update_product_by_external_id', 'metadata name description', 'Product External ID'],
  ['delete_product_by_external_id', 'metadata', 'Product External ID'],
  [
    'create_project_by_external_id',
    'metadata id name client_id brief start end pm_id brand_id product_id estimated_time billable status currency_id evaluation_date estimated fee_id contract_id deliverables work_order income_type archived',
    'Project External ID | Name',
  ],
  [
    'update_project_by_external_id',
    'metadata name client_id brief start end pm_id estimated_time billable status currency_id evaluation_date estimated fee_id contract_id deliverables work_order income_type archived',
    'Project External ID',
  ],
  ['delete_project_by_external_id', 'metadata', 'Project External ID'],
  ['create_contract_by_external_id', 'metadata id name client_id type status start_date end_date value currency_id description', 'Contract External ID | Name | Client External ID'],
  ['update_contract_by_external_id', 'metadata name type status start_date end_date value currency_id description', 'Contract External ID'],
  ['delete_contract_by_external_id', 'metadata corId', 'Contract External ID'],
  ['attach_users_to_contract_by_external_id', 'metadata users', 'Contract External ID | User Periods'],
  ['detach_users_from_contract_by_external_id', 'metadata users', 'Contract External ID | User External IDs'],
  ['create_currency_exchange', 'metadata currency_exchanges', 'Exchange Rates'],
  [
    'create_user_by_external_id',
    'metadata id email first_name last_name phone position department role_id daily_hours user_position_id seniority_id',
    'User External ID | E-mail | First Name | Last Name',
  ],
  [
    'update_user_by_external_id',
    'metadata first_name last_name phone position department role_id daily_hours user_position_id seniority_id hourly_rate hourly_rate_effective_from',
    'User External ID',
  ],
  ['delete_user_by_external_id', 'metadata', 'User External ID'],
  ['assign_positions_to_users_by_external_id', 'metadata users', 'Assignments'],
  ['attach_workspaces_to_user_by_external_id', 'metadata workspaces', 'User External ID | Workspaces'],
  ['detach_workspaces_from_user_by_external_id', 'metadata workspaces', 'User External ID | Workspace External IDs'],
  ['create_position_by_external_id', 'metadata id name category_id rate seniority', 'Position External ID | Name'],
  ['update_position_by_external_id', 'metadata name category_id rate seniority', 'Position External ID'],
  ['delete_position_by_external_id', 'metadata', 'Position External ID'],
  ['assign_seniority_to_position_by_external_id', 'metadata', 'Position External ID | Seniority External ID'],
  ['create_position_category_by_external_id', 'metadata id name', 'Position Category External ID | Name'],
  ['update_position_category_by_external_id', 'metadata name', 'Position Category External ID'],
  ['delete_position_category_by_external_id', 'metadata', 'Position Category External ID'],
  ['create_seniority_by_external_id', 'metadata id name', 'Seniority External ID | Name'],
  ['update_seniority_by_external_id', 'metadata name', 'Seniority External ID'],
  ['delete_seniority_by_external_id', 'metadata', 'Seniority External ID'],
  ['create_team_by_external_id', 'metadata id name workspace_id description', 'Team External ID | Name'],
  ['update_team_by_external_id', 'metadata name workspace_id description', 'Team External ID'],
  ['delete_team_by_external_id', 'metadata', 'Team External ID'],
  ['attach_users_to_team_by_external_id', 'metadata users', 'Team External ID | User External IDs'],
  ['detach_users_from_team_by_external_id', 'metadata users', 'Team External ID | User External IDs'],
  ['create_workspace_by_external_id', 'metadata id name active description', 'Workspace External ID | Name'],
  ['update_workspace_by_external_id', 'metadata name active description', 'Workspace External ID'],
  ['create_leave_by_external_id', 'metadata id userId leaveTypeId start end allDay', 'Leave External ID | User External ID | Leave Type External ID | Start | End | All Day'],
  ['update_leave_by_external_id', 'metadata userId leaveTypeId start end allDay', 'Leave External ID | User External ID | Leave Type External ID | Start | End | All Day'],
  ['delete_leave_by_external_id', 'metadata userId', 'Leave External ID | User External ID'],
  ['create_leave_type_by_external_id', 'metadata id name', 'Leave Type External ID | Name'],
  ['update_leave_type_by_external_id', 'metadata name', 'Leave Type External ID'],
  ['delete_leave_type_by_external_id', 'metadata', 'Leave Type External ID'],
  ['create_working_time_by_external_id', 'metadata id userId workingTimes', 'Working Time External ID | User External ID | Working Days'],
  ['delete_working_time_by_external_id', 'metadata', 'Working Time External ID'],
];

/** The Integrations API's operations; the main API's actions are tested in test/main-api.test.ts. */
const operations = new Map(entities.filter((e) => e.api !== 'main').flatMap((e) => e.operations.map((op) => [operationKey(e, op), op] as const)));

describe('every documented operation has an action', () => {
  it('covers every operation page of COR’s page index, once each', () => {
    expect([...operations.values()].map((op) => op.docs).sort()).toEqual([...COR_PAGES].sort());
    expect([...operations.keys()].sort()).toEqual(minimal.map((r) => r[0]).sort());
    expect([...operations.keys()].sort()).toEqual(documented.map((r) => r[0]).sort());
  });
});

describe.each(minimal)('%s', (action, input, method, path, body) => {
  it(`sends ${method} ${path} with exactly the given fields`, async () => {
    const sent = capture(method, 200, {});
    await runCreate(action, input);
    expect(await sent).toEqual({ method, path, body });
  });
});

describe.each(documented)('%s with every field', (action, keys, required) => {
  it('sends each documented field', async () => {
    const sent = capture(operations.get(action)!.method, 200, {});
    await runCreate(action, exampleInput(operations.get(action)!));
    expect(Object.keys((await sent).body as object)).toEqual(keys.split(' '));
  });

  it('names every missing required field before sending anything', async () => {
    const sent = requestsToCor();
    const error = await failure(runCreate(action, { source: 'ZAPIER' }));
    const missing = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^• (.*): (is required|needs at least one entry)\.$/, '$1'));
    expect(missing).toEqual(required.split(' | '));
    expect(sent).toEqual([]);
  });
});

describe('validation of lists and line items', () => {
  it('caps currency exchanges at 20 per step, without cutting silently', async () => {
    const rate = { foreign_currency: 'USD', base_currency: 'ARS', amount: 1, factor: 1, effective_date: '2025-03-20T02:00:00Z' };
    const error = await failure(runCreate('create_currency_exchange', { currency_exchanges: Array.from({ length: 21 }, () => rate) }));
    expect(error.message).toContain('• Exchange Rates: COR accepts at most 20 per step; got 21.');
  });

  it('names the row and column of a bad line item', async () => {
    const error = await failure(
      runCreate('attach_users_to_contract_by_external_id', {
        id: 'K-1',
        users: [
          { user_id: 'U-1', start: '2027-10-01', end: '2028-11-01' },
          { user_id: 'U-2', start: '2028-01-01' },
        ],
      }),
    );
    expect(error.message.split('\n').slice(1)).toEqual(['• User Periods #2 › End Date: is required.']);
  });

  it('checks dates inside a line item', async () => {
    const error = await failure(runCreate('attach_users_to_contract_by_external_id', { id: 'K-1', users: [{ user_id: 'U-1', start: '2028-11-01', end: '2027-10-01' }] }));
    expect(error.message).toContain('• User Periods #1 › End Date: must be on or after Start Date: 2027-10-01 is before 2028-11-01.');
  });

  it('checks times and choices in working days', async () => {
    const error = await failure(runCreate('create_working_time_by_external_id', { id: 'W', userId: 'U', workingTimes: [{ dayOfWeek: '8', start: '18:00', end: '9:00' }] }));
    expect(error.message).toContain('• Working Days #1 › Day of Week: must be one of 1 (Sunday), 2 (Monday)');
    expect(error.message).toContain('• Working Days #1 › End Time: must be a time as HH:MM');
  });

  it('refuses an empty entry in a list', async () => {
    const error = await failure(runCreate('attach_users_to_team_by_external_id', { id: 'T-1', users: ['U-1', ''] }));
    expect(error.message).toContain('• User External IDs #2: is empty; remove it or map a value.');
  });

  it('refuses an empty list', async () => {
    const error = await failure(runCreate('detach_users_from_team_by_external_id', { id: 'T-1', users: [] }));
    expect(error.message).toContain('• User External IDs: needs at least one entry.');
  });

  it('refuses an unknown role and a bad e-mail', async () => {
    const error = await failure(runCreate('create_user_by_external_id', { id: 'U', email: 'not-an-email', first_name: 'A', last_name: 'B', role_id: '9' }));
    expect(error.message).toContain('• E-mail: must be an e-mail address like name@example.com; got "not-an-email".');
    expect(error.message).toContain('• Role: must be one of 1 (C-Level), 2 (Director), 3 (Project Manager), 4 (Collaborator), 5 (Freelancer), 6 (Client); got "9".');
  });
});

describe('values COR cannot mean are refused before any request', () => {
  const leave = { id: 'L', userId: 'U', leaveTypeId: 'T', allDay: true, start: '2026-05-11T09:00:00-03:00', end: '2026-05-11T18:00:00-03:00' };
  // [action, input, the field named, and what the message says]
  it.each([
    ['update_user_by_external_id', { id: 'U', daily_hours: 25 }, 'Daily Hours', 'must be between 0 and 24'],
    ['update_user_by_external_id', { id: 'U', daily_hours: -3 }, 'Daily Hours', 'must be between 0 and 24'],
    ['update_project_by_external_id', { id: 'P', estimated_time: -40 }, 'Estimated Time (hours)', 'must be at least 0'],
    ['create_leave_by_external_id', { ...leave, start: '2026-05-11T09:00:00+99:99' }, 'Start', 'has a UTC offset no place has'],
    ['create_leave_by_external_id', { ...leave, end: '2026-05-11T18:00:00+24:00' }, 'End', 'has a UTC offset no place has'],
  ] as const)('%s %j', async (action, input, field, says) => {
    const error = await failure(runCreate(action, input));
    expect(error.code).toBe('InvalidInput');
    expect(error.message).toContain(`• ${field}: ${says}`);
  });

  it('takes offsets up to ±14:00', async () => {
    const sent = capture('POST', 200, { statusCode: 201, status: 'success', data: { id: 1 } });
    await runCreate('create_leave_by_external_id', { ...leave, start: '2026-05-11T09:00:00+14:00', end: '2026-05-11T18:00:00-12:00' });
    expect(((await sent).body as { start: string }).start).toBe('2026-05-11T09:00:00+14:00');
  });
});

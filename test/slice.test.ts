import { capture, failure, requestsToCor, runCreate } from './support/harness.js';

const fullProject = {
  source: 'SALESFORCE',
  id: 'SF-OPP-12345',
  name: 'Website Redesign',
  client_id: 'SF-ACC-67890',
  brief: 'Complete redesign',
  start: '2025-01-15',
  end: '2025-03-31',
  pm_id: 'OKTA-USER-12345',
  brand_id: 'SF-BRAND-001',
  product_id: 'SF-PROD-001',
  estimated_time: '200',
  billable: 'true',
  status: 'active',
  currency_id: 'USD',
  evaluation_date: '2025-04-15T10:00:00-03:00',
  estimated: 15000.5,
  fee_id: 'SF-FEE-001',
  contract_id: 'SF-CONTRACT-001',
  deliverables: 'Homepage',
  work_order: 'WO-2025-001',
  income_type: 'one_time',
  archived: false,
};

// What COR gets: the source in metadata, the rest as given, typed as COR expects (a date-time cut to its date).
const { source: _source, ...fullProjectFields } = fullProject;
const fullProjectBody = {
  metadata: { source: 'SALESFORCE' },
  ...fullProjectFields,
  estimated_time: 200,
  billable: true,
  evaluation_date: '2025-04-15',
};

const projectReply = { id: 155693, name: 'Website Redesign', client_id: 25855, status: 'active', company_id: 1234, created_at: '2025-01-10T14:30:00Z' };

describe('Create Project', () => {
  it('sends every documented field, typed as COR expects, with the Bearer token', async () => {
    const sent = capture('POST', 201, projectReply);
    const output = await runCreate('create_project_by_external_id', fullProject);

    expect(await sent).toEqual({ method: 'POST', path: '/v2/integrations/projects', body: fullProjectBody });
    expect(output).toEqual({
      cor_id: 155693,
      external_id: 'SF-OPP-12345',
      name: 'Website Redesign',
      client_id: 25855,
      status: 'active',
      created_at: '2025-01-10T14:30:00Z',
    });
  });

  it('sends only id, name and the default source for a minimal input', async () => {
    const sent = capture('POST', 201, projectReply);
    await runCreate('create_project_by_external_id', { id: 'P-1', name: 'Tiny', brief: '', client_id: null });
    expect((await sent).body).toEqual({ metadata: { source: 'ZAPIER' }, id: 'P-1', name: 'Tiny' });
  });

  it('refuses bad input before sending anything, one line per bad field', async () => {
    const sent = requestsToCor();
    const error = await failure(
      runCreate('create_project_by_external_id', { source: 'HUBSPOT', start: '15/01/2025', end: '2024-12-31', estimated_time: 'lots', income_type: 'monthly', billable: 'maybe' }),
    );
    expect(error.code).toBe('InvalidInput');
    // One line per bad field, in the order of the fields, each naming what was given.
    const lines = error.message.split('\n').slice(1);
    expect(lines.map((line) => line.replace(/^• (.+?): .*$/, '$1'))).toEqual(['Source System', 'Project External ID', 'Name', 'Start Date', 'Estimated Time (hours)', 'Billable', 'Income Type']);
    for (const given of ['"HUBSPOT"', '"15/01/2025"', '"lots"', '"maybe"', '"monthly"']) expect(error.message).toContain(`got ${given}.`);
    expect(sent).toEqual([]);
  });

  it('refuses an end date before the start date', async () => {
    const error = await failure(runCreate('create_project_by_external_id', { id: 'P-1', name: 'X', start: '2025-03-01', end: '2025-02-28' }));
    expect(error.message).toContain('• End Date: must be on or after Start Date: 2025-02-28 is before 2025-03-01.');
  });

  it('refuses impossible dates and IDs that would change the URL path', async () => {
    const error = await failure(runCreate('update_project_by_external_id', { id: '..', start: '2025-02-30' }));
    expect(error.message).toContain('• Project External ID: cannot be ".."');
    expect(error.message).toContain('• Start Date: must be a date in the form YYYY-MM-DD');
  });
});

describe('Update Project', () => {
  it('puts the URL-encoded external ID in the path and sends only the fields given (false and 0 included)', async () => {
    const sent = capture('PUT', 200, { ...projectReply, status: 'in_progress' });
    const output = await runCreate('update_project_by_external_id', { source: 'JIRA', id: 'JIRA/PRJ 7?#%', status: 'in_progress', billable: false, estimated: 0, name: '' });

    expect(await sent).toMatchObject({
      method: 'PUT',
      path: '/v2/integrations/projects/JIRA%2FPRJ%207%3F%23%25',
      body: { metadata: { source: 'JIRA' }, status: 'in_progress', billable: false, estimated: 0 },
    });
    expect(output).toMatchObject({ cor_id: 155693, external_id: 'JIRA/PRJ 7?#%', status: 'in_progress' });
  });

  it('sends only metadata for a minimal update', async () => {
    const sent = capture('PUT', 200, projectReply);
    await runCreate('update_project_by_external_id', { id: 'SF-OPP-12345' });
    expect(await sent).toMatchObject({ method: 'PUT', path: '/v2/integrations/projects/SF-OPP-12345', body: { metadata: { source: 'ZAPIER' } } });
  });
});

describe('Delete Project', () => {
  it('sends DELETE with metadata in the body and outputs both IDs', async () => {
    const sent = capture('DELETE', 200, { message: 'Project deleted successfully', external_id: 'SF-OPP-12345', cor_id: 155693 });
    const output = await runCreate('delete_project_by_external_id', { source: 'SALESFORCE', id: 'SF-OPP-12345' });

    expect(await sent).toMatchObject({ method: 'DELETE', path: '/v2/integrations/projects/SF-OPP-12345', body: { metadata: { source: 'SALESFORCE' } } });
    expect(output).toEqual({ cor_id: 155693, external_id: 'SF-OPP-12345', deleted: true, message: 'Project deleted successfully' });
  });
});

const leaveInput = {
  source: 'GLOBANT',
  id: 'external-id-3',
  userId: 'external-user-id-3',
  leaveTypeId: 'external-type-3',
  start: '2026-05-11T00:00:00-00:00',
  end: '2026-05-11T23:59:00-00:00',
  allDay: true,
};
const { source: _leaveSource, ...leaveFields } = leaveInput;
const leaveData = { id: 12345, userId: 67890, leaveTypeId: 54321, start: leaveInput.start, end: leaveInput.end, allDay: true, company_id: 2336, status: 'pending' };

describe('Create Leave', () => {
  it('sends the documented body and unwraps the {statusCode, status, data} answer', async () => {
    const sent = capture('POST', 201, { statusCode: 201, status: 'success', data: leaveData });
    const output = await runCreate('create_leave_by_external_id', leaveInput);

    expect(await sent).toMatchObject({
      method: 'POST',
      path: '/v2/integrations/leaves',
      // Every field as given, and the source in metadata.
      body: { metadata: { source: 'GLOBANT' }, ...leaveFields },
    });
    expect(output).toEqual({
      cor_id: 12345,
      external_id: 'external-id-3',
      userId: 67890,
      leaveTypeId: 54321,
      start: '2026-05-11T00:00:00-00:00',
      end: '2026-05-11T23:59:00-00:00',
      allDay: true,
      status: 'pending',
    });
  });

  it('requires every documented field, and a time with its offset on the dates, as COR documents them', async () => {
    const error = await failure(runCreate('create_leave_by_external_id', { id: 'L', start: '2026-05-11', end: '2026-05-11 09:00', allDay: 'yes' }));
    expect(
      error.message
        .split('\n')
        .slice(1)
        .map((line) => line.replace(/: .*/, '')),
    ).toEqual(['• User External ID', '• Leave Type External ID', '• Start', '• End']);
    expect(error.message).toContain('must be an ISO 8601 date and time with its UTC offset');
    for (const given of ['"2026-05-11"', '"2026-05-11 09:00"']) expect(error.message).toContain(`got ${given}`);
  });

  it('refuses an end before the start, comparing across time zones', async () => {
    const error = await failure(runCreate('create_leave_by_external_id', { ...leaveInput, start: '2026-05-11T10:00:00-03:00', end: '2026-05-11T12:00:00Z' }));
    expect(error.message).toContain('• End: must be on or after Start');
  });
});

describe('Update Leave', () => {
  it('sends every field (COR requires them all) with the ID in the path', async () => {
    const sent = capture('PUT', 200, { statusCode: 200, status: 'success', data: leaveData });
    await runCreate('update_leave_by_external_id', { ...leaveInput, id: 'ext/3' });
    const { id: _id, source: _source, ...fields } = leaveInput;
    expect(await sent).toMatchObject({ method: 'PUT', path: '/v2/integrations/leaves/ext%2F3', body: { metadata: { source: 'GLOBANT' }, ...fields } });
  });

  it('refuses a partial update before sending', async () => {
    const error = await failure(runCreate('update_leave_by_external_id', { id: 'external-id-3', allDay: false }));
    expect(error.message).toContain('• User External ID: is required.');
    expect(error.message).toContain('• Start: is required.');
  });
});

describe('Delete Leave', () => {
  it('sends userId and metadata, and reports the deleted ID', async () => {
    const sent = capture('DELETE', 200, { statusCode: 200, status: 'success', data: { message: 'Leave request deleted successfully', deletedId: 'external-id-3' } });
    const output = await runCreate('delete_leave_by_external_id', { source: 'GLOBANT', id: 'external-id-3', userId: 'external-user-id-3' });

    expect(await sent).toMatchObject({ method: 'DELETE', path: '/v2/integrations/leaves/external-id-3', body: { metadata: { source: 'GLOBANT' }, userId: 'external-user-id-3' } });
    expect(output).toEqual({ external_id: 'external-id-3', deleted: true, message: 'Leave request deleted successfully', deletedId: 'external-id-3' });
  });
});

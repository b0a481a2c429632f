import nock from 'nock';
import { snippet } from '../src/request/answers.js';
import { copyFromCor, MAX_DEPTH } from '../src/records/copy.js';
import { codeOf, ERROR_RULES, gatewayRetryDelay, nounFromErrorName, readCorError, retryAfterSeconds } from '../src/request/errors.js';
import { redact, REDACTED } from '../src/request/redact.js';
import { AUTH, failure, INTEGRATIONS, runCreate } from './support/harness.js';

const updateProject = { source: 'SALESFORCE', id: 'SF-OPP-1', name: 'Renamed' };
const createLeave = { source: 'GLOBANT', id: 'LV-9', userId: 'EMP-404', leaveTypeId: 'VAC', start: '2026-05-11T00:00:00-00:00', end: '2026-05-11T23:59:00-00:00', allDay: true };

type Row = [string, number, unknown, string, string[]];

// [what, HTTP status, COR body, expected code, phrases the message must contain]
const projectRows: Row[] = [
  [
    'ProjectNotFoundError',
    404,
    { name: 'ProjectNotFoundError', message: 'Project not found' },
    'ProjectNotFoundError',
    ['COR has no project with external ID "SF-OPP-1" for source SALESFORCE', 'Create Project'],
  ],
  ['ZC001 entity not associated', 400, { code: 'ZC001', message: 'Entity is not associated' }, 'ZC001', ['COR has no project with external ID "SF-OPP-1"', 'Source System is the one used']],
  ['bare 404', 404, {}, 'HTTP_404', ['COR has no project with external ID "SF-OPP-1" for source SALESFORCE']],
  [
    'ValidationError with field list',
    400,
    { name: 'ValidationError', errors: [{ field: 'start', message: 'Invalid date' }] },
    'ValidationError',
    ['COR rejected the data for this project (HTTP 400)', 'start: Invalid date'],
  ],
  ['ZC002 validation', 422, { code: 'ZC002', message: 'name must be a string' }, 'ZC002', ['COR rejected the data', 'name must be a string']],
  ['422 UnprocessableEntity', 422, { name: 'UnprocessableEntity', message: 'Unprocessable' }, 'UnprocessableEntity', ['COR rejected the data']],
  ['main-API validation array', 400, [{ field: 'name', validation: 'required', message: 'name is required' }], 'HTTP_400', ['name: name is required']],
  ['InvalidDateRangeError', 400, { name: 'InvalidDateRangeError', message: 'start date is after the end date' }, 'InvalidDateRangeError', ['end is before the start']],
  ['InvalidSourceError', 400, { name: 'InvalidSourceError', message: 'bad source' }, 'InvalidSourceError', ['COR does not accept source "SALESFORCE"']],
  ['403', 403, { message: 'Forbidden' }, 'HTTP_403', ['403 Forbidden', 'permission', 'reconnect']],
  ['500', 500, { code: 'ZC003', message: 'API Request Exception' }, 'ZC003', ['internal error (HTTP 500', 'help@projectcor.com']],
  ['ZC005 external request', 500, { code: 'ZC005', message: 'External Request Exception' }, 'ZC005', ['internal error']],
  // COR's overview: ZC003 API Request Exception, ZC004 Query Exception, ZC005 External Request Exception, whatever the status.
  ['ZC004 on a project (a query exception)', 409, { code: 'ZC004', message: 'Query Exception' }, 'ZC004', ['internal error (HTTP 409, ZC004)']],
  ['ZC003 at 400', 400, { code: 'ZC003', message: 'API Request Exception' }, 'ZC003', ['internal error (HTTP 400, ZC003)']],
  ['ZC005 at 422', 422, { code: 'ZC005', message: 'External Request Exception' }, 'ZC005', ['internal error (HTTP 422, ZC005)']],
  ['DeletionError', 400, { name: 'DeletionError', message: 'Project has time entries' }, 'DeletionError', ['cannot delete project "SF-OPP-1"', 'Project has time entries']],
  ['CTR006 nested under error', 400, { error: { code: 'CTR006', name: 'CORCustomError', message: 'Exchange rate not found for EUR to USD' } }, 'CTR006', ['Create Currency Exchange']],
  ['non-JSON error page', 500, '<html><body><h1>Internal Server Error</h1></body></html>', 'HTTP_500', ['Internal Server Error']],
];

describe('error mapper: every COR failure becomes a plain-language Zapier error', () => {
  it.each(projectRows)('%s', async (_what, status, body, code, phrases) => {
    nock(INTEGRATIONS)
      .put('/v2/integrations/projects/SF-OPP-1')
      .reply(status, body as nock.Body);

    const error = await failure(runCreate('update_project_by_external_id', updateProject));

    expect(error.name).toBe('AppError');
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    for (const phrase of phrases) expect(error.message).toContain(phrase);
  });

  it('names the referenced entity, the field and the action to run on a …NotFoundError (leave → user)', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/leaves').reply(404, { name: 'UserNotFoundError', message: 'User not found' });

    const error = await failure(runCreate('create_leave_by_external_id', createLeave));

    expect(error.code).toBe('UserNotFoundError');
    // Which record, which field, which source, which action creates it, and COR's own words.
    for (const fact of ['"EMP-404"', '"User External ID"', 'source GLOBANT', '"Create User by External ID"', 'COR said: User not found']) expect(error.message).toContain(fact);
  });

  it('names a two-word entity (LeaveTypeNotFoundError → leave type)', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/leaves').reply(404, { name: 'LeaveTypeNotFoundError' });
    const error = await failure(runCreate('create_leave_by_external_id', createLeave));
    expect(error.message).toContain('The leave type with external ID "VAC" (field "Leave Type External ID")');
    expect(error.message).toContain('"Create Leave Type by External ID"');
  });

  it('reads ZC004 as a duplicate where COR documents it so (Create Team, Create Seniority)', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/seniority').reply(400, { code: 'ZC004', message: 'Association already exists' });
    const error = await failure(runCreate('create_seniority_by_external_id', { id: 'SEN-1', name: 'Jr.' }));
    expect(error.code).toBe('ZC004');
    expect(error.message).toContain('already exists in COR');
    expect(error.message).toContain('"Create or Update Seniority by External ID"');
  });

  it('reads ZC001 as "not found" even where COR adds "or missing required fields" (Update Seniority)', async () => {
    nock(INTEGRATIONS)
      .put('/v2/integrations/seniority/SEN-1')
      .reply(400, { code: 'ZC001', message: 'Entity is not associated. No seniority found with the specified external ID for this source, or missing required fields' });
    const error = await failure(runCreate('update_seniority_by_external_id', { id: 'SEN-1', name: 'Jr.' }));
    expect(error.message).toContain('COR has no seniority with external ID "SEN-1"');
    expect(error.message).toContain('or missing required fields');
  });

  it('names the position category (not a "Category") on CategoryNotFoundError', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/user-position').reply(404, { name: 'CategoryNotFoundError', message: 'The specified category does not exist in the integration mappings' });
    const error = await failure(runCreate('create_position_by_external_id', { id: 'POS-1', name: 'Dev', category_id: 'CAT-9' }));
    expect(error.code).toBe('CategoryNotFoundError');
    expect(error.message).toContain('The position category with external ID "CAT-9"');
    expect(error.message).toContain('"Create Position Category by External ID"');
  });

  it('turns DuplicateExternalIdError on a create into "use Create or Update"', async () => {
    nock(INTEGRATIONS).post('/v2/integrations/leaves').reply(400, { name: 'DuplicateExternalIdError', message: 'A leave request with this external ID already exists for this source' });
    const error = await failure(runCreate('create_leave_by_external_id', createLeave));
    expect(error.code).toBe('DuplicateExternalIdError');
    expect(error.message).toContain('A leave with external ID "LV-9" already exists in COR for source GLOBANT');
    expect(error.message).toContain('so this run created nothing');
    expect(error.message).toContain('"Create or Update Leave by External ID"');
  });

  it('asks for a retry that honours Retry-After on 429', async () => {
    nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(429, { message: 'slow down' }, { 'Retry-After': '17' });
    const error = await failure(runCreate('update_project_by_external_id', updateProject));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(17);
    expect(error.message).toContain('rate-limiting');
  });

  it('asks for a retry without a fixed delay on 429 without Retry-After', async () => {
    nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(429, '');
    const error = await failure(runCreate('update_project_by_external_id', updateProject));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBeUndefined();
  });

  it.each([502, 503, 504])('turns %i into a throttled retry with a jittered delay', async (status) => {
    nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(status, 'Bad Gateway');
    const error = await failure(runCreate('update_project_by_external_id', updateProject));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBeGreaterThanOrEqual(30);
    expect(error.delay).toBeLessThanOrEqual(60);
    expect(error.message).toContain(`temporarily unavailable (HTTP ${status})`);
  });

  it('uses Retry-After on 503 when COR sends one', async () => {
    nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(503, '', { 'Retry-After': '300' });
    const error = await failure(runCreate('update_project_by_external_id', updateProject));
    expect(error.delay).toBe(300);
  });

  it('fails clearly, without a parse crash, when a success body is not JSON', async () => {
    nock(INTEGRATIONS).put('/v2/integrations/projects/SF-OPP-1').reply(200, '<html>Login</html>', { 'Content-Type': 'text/html' });
    const error = await failure(runCreate('update_project_by_external_id', updateProject));
    expect(error.code).toBe('NonJsonResponse');
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('COR_INTEGRATIONS_BASE_URL');
  });

  it('never puts the token, key or secret in a message, even when COR echoes them', async () => {
    nock(INTEGRATIONS)
      .put('/v2/integrations/projects/SF-OPP-1')
      .reply(400, { message: `bad token ${AUTH.access_token} for key ${AUTH.api_key}:${AUTH.client_secret}; header Bearer abc.def.ghi` });
    const error = await failure(runCreate('update_project_by_external_id', updateProject));
    for (const secret of Object.values(AUTH)) expect(error.message).not.toContain(secret);
    expect(error.message).toContain('Bearer [redacted]');
  });
});

describe('error body reading', () => {
  it.each([
    [
      { status: 400, name: 'CORCustomError', code: 'CTR006', message: 'm' },
      { code: 'CTR006', name: 'CORCustomError', message: 'm', details: [] },
    ],
    [
      { status: 'error', code: 'ZC001', message: 'Entity is not associated' },
      { code: 'ZC001', message: 'Entity is not associated', details: [] },
    ],
    [
      { error: 404, message: 'Not found' },
      { message: 'Not found', details: [] },
    ],
    [
      { error_code: 'CE001', message: 'User not found in associations' },
      { code: 'CE001', message: 'User not found in associations', details: [] },
    ],
    [
      { error: 'ValidationError', errors: ['name is required', { path: 'end', msg: 'bad' }] },
      { name: 'ValidationError', details: ['name is required', 'end: bad'] },
    ],
    [null, { details: [] }],
    ['plain text', { details: [] }],
  ])('reads %j', (body, expected) => {
    expect(readCorError(body)).toEqual(expected);
  });

  it.each([
    ['UserNotFoundError', 'User'],
    ['LeaveTypeNotFoundError', 'Leave Type'],
    ['ValidationError', undefined],
  ])('%s names %s', (name, noun) => expect(nounFromErrorName(name)).toBe(noun));

  it.each([
    ['120', 120],
    ['Mon, 23 Nov 2026 10:01:30 GMT', 90],
    ['0', 1],
    ['99999999', 3600],
    ['Mon, 23 Nov 2026 09:00:00 GMT', 1],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads Retry-After %j as RFC 9110 says, clamped to 1 s – 1 h: %j', (header, seconds) => {
    expect(retryAfterSeconds(header, Date.parse('2026-11-23T10:00:00Z'))).toBe(seconds);
  });

  it('spreads gateway retries over 30–60 seconds', () => {
    expect(gatewayRetryDelay(() => 0)).toBe(30);
    expect(gatewayRetryDelay(() => 0.9999)).toBe(60);
  });
});

describe("what leaves the app from COR's answers", () => {
  const bundle = { authData: { api_key: ' key-AbCdEf12 ', client_secret: 'sec/ret+Value==', access_token: 'tok.en-123456' } };
  const pair = Buffer.from('key-AbCdEf12:sec/ret+Value==').toString('base64');

  it.each([
    [`pair ${pair} bare`, `pair ${REDACTED} bare`],
    [`lower basic ${pair}`, `lower basic ${REDACTED}`],
    [`url ${encodeURIComponent('sec/ret+Value==')}`, `url ${REDACTED}`],
    ['trimmed key-AbCdEf12 and pasted  key-AbCdEf12 .', `trimmed ${REDACTED} and pasted  ${REDACTED} .`],
    ['BEARER abc.def.ghi-7', `BEARER ${REDACTED}`],
    ['Basic information is required', 'Basic information is required'],
    ['Bearer of bad news', 'Bearer of bad news'],
  ])('redacts %j', (text, expected) => expect(redact(text, bundle)).toBe(expected));

  it('blanks the token a refresh put in the same connection, not only the one it first saw', () => {
    const authData = { ...bundle.authData };
    expect(redact('old tok.en-123456', { authData })).toBe(`old ${REDACTED}`);
    authData.access_token = 'fresh-token-7890';
    expect(redact('old tok.en-123456, new fresh-token-7890', { authData })).toBe(`old tok.en-123456, new ${REDACTED}`);
  });

  it("takes error codes from COR's documented set only, else the HTTP status", () => {
    const failure = (info: object) => ({ status: 400, info: { details: [], ...info }, ctx: {} });
    expect(codeOf(failure({ code: 'ZC002' }))).toBe('ZC002');
    expect(codeOf(failure({ name: 'LeaveTypeNotFoundError' }))).toBe('LeaveTypeNotFoundError');
    expect(codeOf(failure({ name: 'invalid token tok.en-123456' }))).toBe('HTTP_400');
    expect(codeOf(failure({ code: 'ZC999' }))).toBe('HTTP_400');
  });

  it('has a rule for every failure: the last applies to anything', () => {
    expect(new Set(ERROR_RULES.map((r) => r.id)).size).toBe(ERROR_RULES.length);
    expect(ERROR_RULES.at(-1)!.when({ status: 418, info: { details: [] }, ctx: {} })).toBe(true);
  });

  it('reads only the start of a page that is not JSON, so a huge one costs no more than a small one', () => {
    const huge = '<'.repeat(200_000);
    expect(snippet(huge)).toBe(snippet(huge.slice(0, 2000)));
    expect(snippet('<html><body><h1>Bad Gateway</h1></body></html>')).toBe('Bad Gateway');
  });

  it('copies records as own properties only, cut in depth and length', () => {
    const record = JSON.parse('{"__proto__": {"polluted": true}, "name": "A"}') as Record<string, unknown>;
    const copy = copyFromCor(record) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'name']);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    expect(JSON.stringify(copyFromCor(deep))).toContain(`nested deeper than ${MAX_DEPTH} levels`);
    expect(String(copyFromCor('x'.repeat(50_000))).length).toBeLessThan(10_100);
  });
});

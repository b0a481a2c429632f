/**
 * The check of main-API requests against COR's OpenAPI document (sandbox/openapi/contract.ts)
 * can fail: each kind of departure is named, and requests that keep the document pass.
 */
import { checkMainApiRequest } from '../sandbox/openapi/contract.js';
import { createSandbox } from '../sandbox/server.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };

const check = (method: string, url: string, headers?: Record<string, string>, body?: string) =>
  checkMainApiRequest({ method, url, ...(headers ? { headers } : {}), ...(body !== undefined ? { body } : {}) });

describe('a main-API request that departs from the document', () => {
  it('misses a required body field: POST /tasks without the title TaskInput requires', async () => {
    const found = await check('POST', '/tasks', JSON_TYPE, '{}');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^POST \/tasks: .*'title'/);
  });

  it('goes to a path the document does not have', async () => {
    expect(await check('GET', 'https://api.projectcor.com/v1/no-such-list')).toEqual([expect.stringContaining('GET /no-such-list')]);
  });

  it('uses a method the path does not declare', async () => {
    expect(await check('PATCH', '/tasks/1')).toEqual([expect.stringMatching(/PATCH \/tasks\/1: .*GET, PUT, DELETE/)]);
  });

  it('has a path parameter of the wrong type: PUT /tasks/abc', async () => {
    const found = await check('PUT', '/v1/tasks/abc', JSON_TYPE, '{"title":"Wireframe"}');
    expect(found).toEqual([expect.stringContaining('path parameter task_id must be integer')]);
  });

  it('sends JSON where only a form is declared: POST /projects/1/messages', async () => {
    const found = await check('POST', '/projects/1/messages', JSON_TYPE, '{"message":"Hello"}');
    expect(found).toEqual([expect.stringMatching(/application\/json is not declared.*application\/x-www-form-urlencoded/)]);
    expect(await check('POST', '/projects/1/messages', FORM_TYPE, 'message=Hello')).toEqual([]);
  });

  it('leaves out a required body, or sends one the operation does not take', async () => {
    expect(await check('DELETE', '/user/leaves')).toEqual([expect.stringContaining('body is required')]);
    expect(await check('GET', '/me', JSON_TYPE, '{}')).toEqual([expect.stringContaining('declares none')]);
  });

  it('uses a query parameter the operation does not declare, or leaves out a required one', async () => {
    expect(await check('GET', '/projects?page=1&project_id=4')).toEqual([expect.stringContaining('query parameter project_id is not declared')]);
    expect(await check('GET', '/user/leaves?offset=1&size=50')).toEqual([expect.stringContaining('query parameter usersId is missing')]);
    expect(await check('GET', '/projects?perPage=fifty')).toEqual([expect.stringContaining('query parameter perPage must be integer')]);
  });

  it('serialises a form array the PHP way, or with values of the wrong type', async () => {
    expect(await check('POST', '/projects/1/collaborators', FORM_TYPE, 'usersIds[]=1&usersIds[]=2')).toEqual([expect.stringContaining('body field usersIds[] is not declared')]);
    expect(await check('POST', '/projects/1/collaborators', FORM_TYPE, 'usersIds=1&usersIds=x')).toEqual([expect.stringContaining('usersIds/1 must be integer')]);
  });

  it('misses the file part a multipart body requires', async () => {
    const form = new FormData();
    form.append('available', 'true');
    const request = new Request('https://api.projectcor.com/v1/tasks/3/attachments', { method: 'POST', body: form });
    const found = await checkMainApiRequest({ method: 'POST', url: request.url, headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) });
    expect(found).toEqual([expect.stringContaining("'file'")]);
  });

  it('misses the file part in a multipart body already read (the sandbox streams it), or could not read it', async () => {
    const headers = { 'content-type': 'multipart/form-data; boundary=b' };
    const read = { fields: { available: 'true' }, files: {} };
    expect(await checkMainApiRequest({ method: 'POST', url: '/tasks/3/attachments', headers, body: read })).toEqual([expect.stringContaining("'file'")]);
    const unreadable = await checkMainApiRequest({ method: 'POST', url: '/tasks/3/attachments', headers, body: new Error('Unexpected end of form') });
    expect(unreadable).toEqual([expect.stringContaining('body is not readable multipart/form-data (Unexpected end of form)')]);
    expect(await check('POST', '/tasks/3/attachments', headers, '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nno end')).toEqual([
      expect.stringContaining('body is not readable multipart/form-data'),
    ]);
  });
});

describe('a main-API request that keeps the document', () => {
  it('passes a form array as repeated keys, its numbers read from the text', async () => {
    expect(await check('POST', '/projects/1/collaborators', FORM_TYPE, 'usersIds=1&usersIds=2')).toEqual([]);
    expect(await check('POST', '/projects/1/collaborators', FORM_TYPE, 'usersIds=1')).toEqual([]);
  });

  it('passes a list read with page, perPage and filters, and page=false', async () => {
    expect(await check('GET', '/projects?page=1&perPage=50')).toEqual([]);
    expect(await check('GET', `https://api.projectcor.com/v1/projects?page=false&filters=${encodeURIComponent('{"client_id":4}')}`)).toEqual([]);
  });

  it('passes the sign-in, /me and a search by name', async () => {
    expect(await check('POST', '/oauth/token?grant_type=client_credentials')).toEqual([]);
    expect(await check('GET', '/me')).toEqual([]);
    expect(await check('GET', '/users/search-by-name/Ana%20Lopez?page=1&perPage=50')).toEqual([]);
  });

  it('passes a file upload with its text fields', async () => {
    const form = new FormData();
    form.append('available', 'false');
    form.append('file', new Blob(['hello']), 'hello.txt');
    const request = new Request('https://api.projectcor.com/v1/tasks/3/attachments', { method: 'POST', body: form });
    expect(await checkMainApiRequest({ method: 'POST', url: request.url, headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) })).toEqual([]);
  });

  it('passes a multipart body already read: its text fields, and each file part by its name', async () => {
    const body = { fields: { available: 'false', status: 'pending' }, files: { file: [{ filename: 'hello.txt', type: 'text/plain', size: 5, path: '/tmp/x' }] } };
    expect(await checkMainApiRequest({ method: 'POST', url: '/tasks/3/attachments', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body })).toEqual([]);
  });
});

describe('the sandbox', () => {
  it('answers a request that departs from the document 400, keeps it until reset, and lets a good one through', async () => {
    const sandbox = createSandbox({ log: () => {} });
    const base = await sandbox.listen();
    const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
      const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      return { status: response.status, body: await response.json() };
    };
    try {
      const basic = Buffer.from(`${sandbox.credentials.api_key}:${sandbox.credentials.client_secret}`).toString('base64');
      const signIn = await send('POST', '/v1/oauth/token?grant_type=client_credentials', { authorization: `Basic ${basic}` });
      const authorization = `Bearer ${signIn.body.access_token}`;

      const refused = await send('POST', '/v1/projects/1/messages', { authorization, ...JSON_TYPE }, '{"message":"Hello"}');
      expect(refused).toMatchObject({ status: 400, body: { name: 'ValidationError', code: 'OPENAPI', message: expect.stringContaining('application/json is not declared') } });
      expect(sandbox.control.violations).toEqual([expect.stringContaining('POST /projects/1/messages')]);
      expect((await send('GET', '/__sandbox/violations')).body).toEqual(sandbox.control.violations);

      expect((await send('GET', '/v1/me', { authorization })).status).toBe(200);
      // A request answered by an injected fault is the fault's, not checked.
      sandbox.control.inject({ kind: 'status', status: 503, path: '/no-such-list' });
      expect((await send('GET', '/v1/no-such-list', { authorization })).status).toBe(503);
      expect(sandbox.control.violations).toHaveLength(1);
      sandbox.control.reset();
      expect(sandbox.control.violations).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});

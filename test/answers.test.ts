/**
 * Answers read strictly (issue 23): a body labelled as a form, a gateway error after a write, a
 * "name already exists" that is not about the external ID, an HTML 404, COR's text and codes in a
 * message, and the sign-in's own wording. Each case failed before the fix it names.
 */
import { Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import zapier from 'zapier-platform-core';
import { readCorAnswer } from '../src/request/answers.js';
import { readZapierError } from '../sandbox/zapier-runner.js';
import nock from 'nock';
import { cleanText } from '../src/request/errors.js';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { API, App, appTester, bundleWith, failure, INTEGRATIONS, runCreate } from './support/harness.js';

const client = { source: 'SALESFORCE', id: 'SF-1', name: 'Acme' };
const createClient = (status: number, body: nock.Body, headers: Record<string, string> = {}) => nock(INTEGRATIONS).post('/v2/integrations/clients').reply(status, body, headers);

describe('a body labelled as a form', () => {
  it('is not taken as success when it is an HTML page', async () => {
    createClient(200, '<html><body>Bad Gateway</body></html>', { 'content-type': 'application/x-www-form-urlencoded' });
    const { code, message } = await failure(runCreate('create_client_by_external_id', client));
    expect(code).toBe('NonJsonResponse');
    expect(message).toContain('Bad Gateway');
  });

  it('is read as the JSON it holds, an error envelope included', async () => {
    createClient(200, JSON.stringify({ status: 'error', message: 'Client could not be saved' }), { 'content-type': 'application/x-www-form-urlencoded' });
    const { code, message } = await failure(runCreate('create_client_by_external_id', client));
    expect(code).toBe('CorReportedError');
    expect(message).toContain('Client could not be saved');
  });
});

describe('a server error after a write', () => {
  it('says the record may exist (500 on a create)', async () => {
    createClient(500, { code: 'ZC003', message: 'API Request Exception' });
    const { message } = await failure(runCreate('create_client_by_external_id', client));
    expect(message).toContain('COR may have done it');
  });

  it('is not retried by Zapier on the main API (502 after Create Task), since a retry makes a second task', async () => {
    nock(new URL(API).origin).post('/v1/tasks').reply(502, '<html>Bad Gateway</html>');
    const error = await failure(runCreate('create_task' as never, { title: 'T', project_id: 1 }));
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toContain('check in COR before you replay');
  });

  it("says a replayed plain Create's duplicate may be an earlier run's", async () => {
    createClient(400, { name: 'DuplicateExternalIdError', message: 'A record with this external ID already exists for this source' });
    const { message } = await failure(runCreate('create_client_by_external_id', client));
    expect(message).toContain('an earlier run of this step may have made it');
    expect(message).not.toContain('nothing was created');
  });
});

describe('"already exists" about another field', () => {
  it('is refused data, not a taken external ID: Create or Update does not turn it into an update', async () => {
    createClient(400, { name: 'ValidationError', message: 'A client with this name already exists' });
    const put = nock(INTEGRATIONS).put('/v2/integrations/clients/SF-1').reply(200, {});
    const { code, message } = await failure(runCreate('create_or_update_client_by_external_id', client));
    expect(code).toBe('ValidationError');
    expect(message).toContain('A client with this name already exists');
    expect(put.isDone()).toBe(false);
  });
});

describe('a 404 page that is not JSON', () => {
  it('points to the address settings, not to creating a record first', async () => {
    createClient(404, '<html><title>404 Not Found</title></html>', { 'content-type': 'text/html' });
    const { message } = await failure(runCreate('create_client_by_external_id', client));
    expect(message).toContain('COR_INTEGRATIONS_BASE_URL');
    expect(message).not.toContain('create it first');
  });
});

describe("COR's text in a message", () => {
  it.each([
    ['an ANSI escape', 'Bad \u001b[31mred\u001b[0m value', 'Bad red value'],
    ['a bare CR', 'line one\rline two', 'line one line two'],
    ['a bidi override', 'name \u202Eeulav\u202C here', 'name eulav here'],
    ['a lone surrogate', 'broken \uD800 text', 'broken \uFFFD text'],
    ['a NUL and a bell', 'a\u0000b\u0007c', 'a b c'],
  ])('carries no %s', (_what, raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
  });

  it('is cleaned on its way into a message', async () => {
    createClient(422, { name: 'ValidationError', message: 'Bad \u001b[31mname\u001b[0m\r\u202Egnp.exe' });
    const { message } = await failure(runCreate('create_client_by_external_id', client));
    expect(message).toContain('Bad name gnp.exe');
    for (const character of ['\u001b', '\r', '\u202e']) expect(message).not.toContain(character);
  });

  it("cuts a 5xx answer's code before it enters the app's sentence", async () => {
    createClient(500, { code: `X${'Y'.repeat(100_000)}`, message: 'boom' });
    const { message } = await failure(runCreate('create_client_by_external_id', client));
    expect(message.length).toBeLessThan(2000);
  });
});

describe('the sign-in answered with a page', () => {
  it('says it was the sign-in, not a change to a record', async () => {
    nock(new URL(API).origin).post('/v1/oauth/token').query(true).reply(200, '<html>Maintenance</html>');
    const signIn = (App.authentication as unknown as { sessionConfig: { perform: (z: ZObject, b: Bundle) => Promise<unknown> } }).sessionConfig.perform;
    const { message } = await failure(appTester(signIn, bundleWith({})));
    expect(message).toContain('sign in');
    expect(message).not.toContain('change this');
  });
});

describe('input that is not what it seems', () => {
  it.each([
    ['a choice', 'create_client_by_external_id', { source: { toString: 1 }, id: 'SF-1', name: 'Acme' }, 'Source System'],
    ['a choice of the main API', 'create_task', { title: 'T', project_id: 1, status: { toString: 1, valueOf: 1 } }, 'Status'],
  ])('an object without a usable toString in %s is a validation message, not a TypeError', async (_what, key, input, label) => {
    const { code, message } = await failure(runCreate(key, input as never));
    expect(code).toBe('InvalidInput');
    expect(message).toContain(label);
  });

  it.each([
    ['a date', 'create_project', { name: 'P', client_id: 1, start: '0000-01-01' }, 'Start Date'],
    ['a date-time', 'log_time', { task_id: 1, start: '0000-01-01T09:00:00Z', duration: 1 }, 'Start'],
  ])('year 0000 in %s is refused before any request', async (_what, key, input, label) => {
    const { code, message } = await failure(runCreate(key, input as never));
    expect(code).toBe('InvalidInput');
    expect(message).toContain(`${label}: has the year 0000`);
  });
});

describe('bodies that are not plain UTF-8', () => {
  it.each([
    ['ISO-8859-1', 'latin1'],
    ['windows-1252', 'latin1'],
  ])('are decoded by their charset (%s), not turned into replacement characters', async (charset, encoding) => {
    const body = Buffer.from(JSON.stringify({ id: 25855, name: 'Peñalolén Café' }), encoding as BufferEncoding);
    createClient(200, body, { 'content-type': `application/json; charset=${charset}` });
    const out = await runCreate('create_client_by_external_id', client);
    expect(out.name).toBe('Peñalolén Café');
  });

  it('stop being decompressed at the 20 MB cap: the rest of a compressed answer is never read', async () => {
    // 200 MB of JSON text gzipped to about 200 kB, fed to the decompressor 1 kB at a time, counting what it took.
    const zipped = gzipSync(Buffer.concat([Buffer.from('{"id":1,"name":"'), Buffer.alloc(200 * 1024 * 1024, 0x61), Buffer.from('"}')]));
    let taken = 0;
    const pieces = Readable.from(
      (function* () {
        for (let at = 0; at < zipped.length; at += 1_024) {
          taken += 1;
          yield zipped.subarray(at, at + 1_024);
        }
      })(),
    );
    // The answer as core hands a raw one to the app's afterResponse.
    const raw = {
      status: 200,
      headers: new Headers({ 'content-type': 'application/json' }),
      getHeader: (name: string) => (name === 'content-type' ? 'application/json' : undefined),
      request: { method: 'POST', url: `${INTEGRATIONS}/v2/integrations/clients`, middlewareData: { cor: { noun: 'Client', verb: 'create' } } },
      body: pieces.pipe(createGunzip()),
    };
    const error = await readCorAnswer(raw as never, { errors: zapier.errors } as never, bundleWith({}) as never).catch((e: Error) => e);
    expect(readZapierError(error).code).toBe('AnswerTooLarge');
    expect(taken).toBeLessThan(Math.ceil(zipped.length / 1_024) / 2);
  });
});

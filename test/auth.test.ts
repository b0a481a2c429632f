import nock from 'nock';
import { connectionLabel } from '../src/request/authentication.js';
import { RECONNECT_MESSAGE } from '../src/request/http.js';
import { API, App, AUTH, appTester, bundleWith, failure } from './support/harness.js';

const basic = `Basic ${Buffer.from(`${AUTH.api_key}:${AUTH.client_secret}`).toString('base64')}`;
const credentials = { api_key: AUTH.api_key, client_secret: AUTH.client_secret };
const sessionPerform = App.authentication!.sessionConfig!.perform as never;

describe('session authentication', () => {
  it('exchanges API key and client secret for a Bearer token with the client-credentials call', async () => {
    const scope = nock(API, { reqheaders: { authorization: basic } })
      .post('/oauth/token')
      .query({ grant_type: 'client_credentials' })
      .reply(200, { access_token: 'new-token-123', token_type: 'Bearer', expires_in: 3600, refresh_token: 'r' });

    const result = await appTester(sessionPerform, bundleWith({}, credentials));

    expect(result).toEqual({ access_token: 'new-token-123', token_obtained_at: expect.stringMatching(/^\d{13}$/) });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a Time Zone of COR Dates that is not a UTC offset when connecting, before calling COR', async () => {
    const error = await failure(appTester(sessionPerform, bundleWith({}, { ...credentials, time_zone: 'Buenos Aires' })));
    expect(error.code).toBe('InvalidTimeZone');
  });

  it('sends the Basic header (not the stored Bearer token) and no body on the exchange', async () => {
    let body: unknown = 'not seen';
    // reqheaders must match exactly: a Bearer header instead of Basic would not match.
    const scope = nock(API, { reqheaders: { authorization: basic } })
      .post('/oauth/token', (b) => {
        body = b;
        return true;
      })
      .query({ grant_type: 'client_credentials' })
      .reply(200, { access_token: 't' });

    await appTester(sessionPerform, bundleWith({}, { ...credentials, access_token: 'stale-token-xyz' }));

    expect(scope.isDone()).toBe(true);
    expect(body).toBe('');
  });

  it('says where to find the credentials when COR rejects them (401), without echoing them', async () => {
    nock(API).post('/oauth/token').query(true).reply(401, { message: 'Unauthorized' });

    const error = await failure(appTester(sessionPerform, bundleWith({}, credentials)));

    expect(error.code).toBe('InvalidCredentials');
    expect(error.message).toContain('Settings › Integrations › API');
    expect(error.message).not.toContain(AUTH.client_secret);
    expect(error.message).not.toContain(AUTH.api_key);
  });

  it('treats HTTP 400 invalid_client on the exchange as rejected credentials', async () => {
    nock(API).post('/oauth/token').query(true).reply(400, { message: 'invalid_client' });
    const error = await failure(appTester(sessionPerform, bundleWith({}, credentials)));
    expect(error.code).toBe('InvalidCredentials');
  });

  // Only a refusal means the credentials are wrong: telling the user to generate new keys would revoke keys that work.
  it.each([403, 404, 500])("treats HTTP %i on the exchange as COR's trouble, not the credentials'", async (status) => {
    nock(API).post('/oauth/token').query(true).reply(status, { message: 'oops' });
    const error = await failure(appTester(sessionPerform, bundleWith({}, credentials)));
    expect(error.code).toBe(`SignInFailed_${status}`);
    expect(error.message).toContain('not a refusal of your API Key and Client Secret');
    expect(error.message).not.toContain('generate a new key pair');
  });

  it('refuses a token that could not be sent back in a header, without echoing it', async () => {
    nock(API).post('/oauth/token').query(true).reply(200, { access_token: 'abc123\r\nX-Evil: 1' });
    const error = await failure(appTester(sessionPerform, bundleWith({}, credentials)));
    expect(error.code).toBe('UnusableAccessToken');
    expect(error.message).not.toContain('abc123');
  });

  it('asks for both fields before calling COR', async () => {
    const error = await failure(appTester(sessionPerform, bundleWith({}, { api_key: 'k', client_secret: '  ' })));
    expect(error.message).toBe('Enter both the API Key and the Client Secret: COR shows them under Settings › Integrations › API.');
  });

  it('fails clearly when COR answers without a token', async () => {
    nock(API).post('/oauth/token').query(true).reply(200, { token_type: 'Bearer' });
    const error = await failure(appTester(sessionPerform, bundleWith({}, credentials)));
    expect(error.code).toBe('NoAccessToken');
  });

  it('asks Zapier to refresh the session when COR answers 401 to a call with a token', async () => {
    nock(API).get('/me').reply(401, { message: 'Token expired' });

    await expect(appTester(App.authentication!.test as never, bundleWith({}))).rejects.toMatchObject({
      name: 'RefreshAuthError',
    });
  });

  it('refresh-on-401 then gets a new token that the retried call uses', async () => {
    // What Zapier does on RefreshAuthError: run sessionConfig.perform, merge, retry.
    nock(API).get('/me').matchHeader('authorization', `Bearer ${AUTH.access_token}`).reply(401, {});
    nock(API).post('/oauth/token').query(true).reply(200, { access_token: 'fresh-token' });
    nock(API).get('/me').matchHeader('authorization', 'Bearer fresh-token').reply(200, { id: 7, email: 'a@b.co' });

    await expect(appTester(App.authentication!.test as never, bundleWith({}))).rejects.toMatchObject({ name: 'RefreshAuthError' });
    const refreshed = (await appTester(sessionPerform, bundleWith({}))) as { access_token: string };
    const me = await appTester(App.authentication!.test as never, bundleWith({}, { ...AUTH, ...refreshed }));

    expect(me).toEqual({ id: 7, email: 'a@b.co' });
    expect(nock.isDone()).toBe(true);
  });

  it('a 401 on a token obtained moments ago asks the user to reconnect instead of refreshing forever', async () => {
    nock(API).get('/me').times(2).reply(401, {});
    const fresh = { ...AUTH, token_obtained_at: String(Date.now() - 5_000) };
    const error = await failure(appTester(App.authentication!.test as never, bundleWith({}, fresh)));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message.startsWith(RECONNECT_MESSAGE)).toBe(true);
    // An hour-old token (or one from before this field existed) is refreshed as usual.
    const old = { ...AUTH, token_obtained_at: String(Date.now() - 3_600_000) };
    await expect(appTester(App.authentication!.test as never, bundleWith({}, old))).rejects.toMatchObject({ name: 'RefreshAuthError' });
  });
});

describe('test call and connection label', () => {
  it('calls GET /v1/me with the Bearer token', async () => {
    const me = { id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com', role_id: 3 };
    nock(API).get('/me').matchHeader('authorization', `Bearer ${AUTH.access_token}`).reply(200, me);

    await expect(appTester(App.authentication!.test as never, bundleWith({}))).resolves.toEqual(me);
  });

  it.each([
    [{ first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com' }, 'Ana Pérez (ana@agency.com)'],
    [{ first_name: 'Ana', email: 'ana@agency.com' }, 'Ana (ana@agency.com)'],
    [{ email: 'ops@agency.com' }, 'ops@agency.com'],
    [{ id: 12 }, 'User 12'],
  ])('labels the connection %j as "%s"', async (me, label) => {
    await expect(connectionLabel({} as never, bundleWith(me) as never)).resolves.toBe(label);
  });
});

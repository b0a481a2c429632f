/**
 * Session authentication: the API Key and Client Secret are exchanged for a Bearer token
 * (COR's client-credentials call). Zapier keeps the token in authData and calls
 * `getAccessToken` again whenever COR answers 401 (RefreshAuthError, raised by core).
 */
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { copyRecord } from '../records/copy.js';
import { INVALID_CREDENTIALS_MESSAGE } from './errors.js';
import { corRequest, HEADER_SAFE_TOKEN } from './http.js';
import { redactOutput } from './redact.js';
import { corZone } from '../records/timestamps.js';

interface TokenResponse {
  access_token?: unknown;
}

export const getAccessToken = async (z: ZObject, bundle: Bundle): Promise<{ access_token: string; token_obtained_at: string }> => {
  const apiKey = String(bundle.authData.api_key ?? '').trim();
  const clientSecret = String(bundle.authData.client_secret ?? '').trim();
  if (!apiKey || !clientSecret) {
    throw new z.errors.Error('Enter both the API Key and the Client Secret: COR shows them under Settings › Integrations › API.', 'MissingCredentials');
  }
  corZone(z, bundle); // a bad offset is refused when connecting, not on every step
  let response: Awaited<ReturnType<typeof corRequest<TokenResponse>>>;
  try {
    response = await corRequest<TokenResponse>(z, bundle, {
      api: 'main',
      method: 'POST',
      path: '/oauth/token',
      params: { grant_type: 'client_credentials' },
      headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:${clientSecret}`).toString('base64')}` },
      context: { isTokenRequest: true },
    });
  } catch (error) {
    // Core turns every 401 into "refresh the session"; on the exchange itself it means bad credentials.
    if ((error as Error).name === 'RefreshAuthError') throw new z.errors.Error(INVALID_CREDENTIALS_MESSAGE, 'InvalidCredentials', 401);
    throw error;
  }
  const token = response.data?.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new z.errors.Error(
      'COR answered the sign-in without an access token. Check that COR_API_BASE_URL points at the COR API (default https://api.projectcor.com/v1), then reconnect.',
      'NoAccessToken',
    );
  }
  // A token with spaces or line breaks could not be sent back in a header: refuse it here, without echoing it.
  if (!HEADER_SAFE_TOKEN.test(token)) {
    throw new z.errors.Error(
      'COR answered the sign-in with an access token that contains spaces, line breaks or other characters a token cannot have, so it cannot be used. Try connecting again; if it keeps happening, contact COR support (help@projectcor.com).',
      'UnusableAccessToken',
    );
  }
  // When it was obtained: a 401 on a token this young means "reconnect", not "sign in again" (src/request/http.ts).
  return { access_token: token, token_obtained_at: String(Date.now()) };
};

export interface CorMe {
  id: number;
  first_name?: string;
  last_name?: string;
  email?: string;
  [key: string]: unknown;
}

/** Test call: who is this connection? Its answer also feeds the connection label. */
export const testAuth = async (z: ZObject, bundle: Bundle): Promise<CorMe> => {
  const response = await corRequest<CorMe>(z, bundle, { api: 'main', method: 'GET', path: '/me', context: { noun: 'account', verb: 'read' } });
  return redactOutput(copyRecord(response.data), bundle) as CorMe;
};

/** "Ana Pérez (ana@agency.com)": tells several COR connections apart. */
export const connectionLabel = async (_z: ZObject, bundle: Bundle): Promise<string> => {
  const me = bundle.inputData as Partial<CorMe>;
  const name = [me.first_name, me.last_name].filter(Boolean).join(' ').trim();
  if (name && me.email) return `${name} (${me.email})`;
  return name || String(me.email ?? `User ${me.id ?? ''}`).trim();
};

const authentication: Authentication = {
  type: 'session',
  fields: [
    {
      key: 'api_key',
      label: 'API Key',
      type: 'string',
      required: true,
      helpText:
        'In COR, open **Settings › Integrations › API** and click **Generate API Key** ([how to get your API credentials](https://developers.projectcor.com/development)). The connection acts with the permissions of the COR user who generated it.',
    },
    {
      key: 'client_secret',
      label: 'Client Secret',
      type: 'password',
      required: true,
      helpText:
        'Shown beside the API Key when you generate it in COR, and only then: if you no longer have it, generate a new pair ([how to get your API credentials](https://developers.projectcor.com/development)).',
    },
    {
      key: 'time_zone',
      label: 'Time Zone of COR Dates',
      type: 'string',
      required: false,
      placeholder: '-03:00',
      helpText:
        "The UTC offset of the dates COR gives without a zone, such as `-03:00`. Leave empty for UTC, the zone of COR's dated answers; set it only if times in your Zaps are off by whole hours.",
    },
    { key: 'access_token', type: 'string', required: false, computed: true },
    { key: 'token_obtained_at', type: 'string', required: false, computed: true },
  ],
  sessionConfig: { perform: getAccessToken },
  test: testAuth,
  connectionLabel,
};

export default authentication;

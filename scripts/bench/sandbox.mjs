// The sandbox for the benchmark, in a process of its own, so that its work is not counted as the app's.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../.tools/sandbox/main.js', import.meta.url));

export const startSandbox = async () => {
  const child = spawn(process.execPath, [main, '--serve'], { env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  child.stdout.on('data', (chunk) => {
    printed += chunk;
  });
  while (!/authData_access_token=/.test(printed)) await once(child.stdout, 'data');
  const url = /listening on (http:\/\/[\d.:]+)/.exec(printed)[1];
  // Elsewhere: the file host that is not COR, and Zapier's file storage, started beside the sandbox.
  while (!/Elsewhere .* listening on http:\/\/[\d.:]+:/.test(printed)) await once(child.stdout, 'data');
  const elsewhere = /Elsewhere .* listening on (http:\/\/[\d.:]+):/.exec(printed)[1];
  const token = /authData_access_token=(\S+)/.exec(printed)[1];
  const send = (method, path, body, headers) =>
    fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const call = async (method, path, body, headers = {}) => {
    // A kept-alive socket the sandbox closed after a long section ("other side closed"): once more, on a new one.
    const response = await send(method, path, body, headers).catch((error) => (error.cause?.code === 'UND_ERR_SOCKET' ? send(method, path, body, headers) : Promise.reject(error)));
    return response.json();
  };
  const authData = { api_key: 'sandbox-api-key', client_secret: 'sandbox-client-secret', access_token: token, token_obtained_at: String(Date.now()) };
  const basic = `Basic ${Buffer.from(`${authData.api_key}:${authData.client_secret}`).toString('base64')}`;
  return {
    url,
    elsewhere,
    env: { COR_API_BASE_URL: `${url}/v1`, COR_INTEGRATIONS_BASE_URL: url },
    authData,
    stats: () => call('GET', '/__sandbox/stats'),
    /** Empties the sandbox (records, tokens, faults) and signs in again. */
    reset: async () => {
      await call('POST', '/__sandbox/reset');
      authData.access_token = (await call('POST', '/v1/oauth/token?grant_type=client_credentials', undefined, { authorization: basic })).access_token;
    },
    addRecords: (kind, count) => call('POST', '/__sandbox/records', { kind, count }),
    settings: (values) => call('PUT', '/__sandbox/settings', values),
    stop: () => child.kill(),
  };
};

/**
 * No secret leaks. With recognizable fake credentials and token, every action, trigger,
 * search and the authentication run through Zapier's own handler, against a COR that
 * succeeds, fails, and fails while echoing the request's secrets back (in JSON and in an
 * HTML page). None of the secrets, nor the Basic header made from them, may appear in the
 * step's output, its error, or anything the app logs: Zapier's logger included (its HTTP log
 * of every request, captured with the handler's `customLogger`).
 */
import zapier from 'zapier-platform-core';
import { entities } from '../creates/index.js';
import nock from 'nock';
import { exampleInput } from '../src/model/actions.js';
import { operationKey } from '../src/model/entity.js';
import { answerEverything, App, AUTH, META, oneStepApp, type StepGroup } from './support/harness.js';

// Pasted with spaces around them, as users do: the app trims them, and must blank both forms.
const PASTED = { api_key: `  ${AUTH.api_key} `, client_secret: ` ${AUTH.client_secret}\t`, access_token: AUTH.access_token };
const b64 = (text: string) => Buffer.from(text).toString('base64');
const BASIC = b64(`${AUTH.api_key}:${AUTH.client_secret}`);
const RAW_VALUES = [AUTH.api_key, AUTH.client_secret, AUTH.access_token];
/** Every form a secret must never appear in: as is, URL-encoded, base64, and the base64 of key:secret. */
const SECRETS = [...RAW_VALUES, ...RAW_VALUES.map(encodeURIComponent), ...RAW_VALUES.map(b64), BASIC, encodeURIComponent(BASIC)];

type Reply = [number, string, Record<string, string>?];
/** COR echoes the credentials it was sent in a response header, on every answer. */
const echoHeaders = { 'content-type': 'application/json', 'x-cor-echo': `${BASIC} ${AUTH.access_token}` };
const json = (status: number, body: unknown): Reply => [status, JSON.stringify(body), echoHeaders];

/** How COR answers, given what it was sent (the echoes put the request's secrets in the answer). */
const SCENARIOS: Record<string, (request: { headers: Headers; body: string }) => Reply> = {
  success: () => json(200, { id: 1, name: 'Acme', data: [], total: '0', perPage: 50, page: 1, lastPage: 1 }),
  'error echoing the request': (r) => json(400, { name: 'ValidationError', message: `Bad request with ${r.headers.get('authorization')}: ${r.body}` }),
  'server error echoing headers': (r) => json(500, { code: 'ZC003', message: 'API Request Exception', errors: [{ field: 'authorization', message: String(r.headers.get('authorization')) }] }),
  'HTML page echoing the token': (r) => [502, `<html><body>Gateway error for ${r.headers.get('authorization')}</body></html>`, { 'content-type': 'text/html' }],
  'HTML page with 200 echoing the token': (r) => [200, `<html><body>Welcome ${r.headers.get('authorization')}</body></html>`, { 'content-type': 'text/html' }],
  'rejected credentials': () => json(401, { message: `Invalid client ${AUTH.api_key}` }),
  'an error code carrying the token': () => json(400, { error: `invalid token ${AUTH.access_token}`, code: `bad ${AUTH.client_secret}` }),
  'the secrets in every encoding': () =>
    json(422, {
      message: `pair ${BASIC}, basic ${BASIC}, BEARER ${AUTH.access_token}, url ${encodeURIComponent(AUTH.client_secret)}, b64 ${b64(AUTH.client_secret)}`,
    }),
  // A success that carries them in its fields: the output is blanked as messages and logs are.
  'success echoing the secrets': (r) => {
    const echo = { name: `Acme ${AUTH.access_token}`, description: `key ${AUTH.api_key}, pair ${BASIC}`, [AUTH.client_secret]: r.headers.get('authorization') };
    return json(200, { id: 1, ...echo, files: [{ id: 2, ...echo }], data: [{ id: 1, ...echo, first_name: AUTH.api_key, title: AUTH.access_token }], total: '1', perPage: 50, page: 1, lastPage: 1 });
  },
  '200 error envelope echoing the request': (r) => json(200, { status: 'error', message: `refused ${r.headers.get('authorization')} with ${r.body}` }),
};

const MAIN_OPS = new Map(entities.filter((e) => e.api === 'main').flatMap((e) => e.operations.map((op) => [operationKey(e, op), op] as const)));

/** Every step Zapier can run, with an input that gets it to send its request. */
const STEPS: [StepGroup | 'authentication', string, Record<string, unknown>][] = [
  ...Object.entries(App.creates).map(([key, create]): [StepGroup, string, Record<string, unknown>] => [
    'creates',
    key,
    // Every field filled, so every field is sent: the description's own examples on the main API (its fields depend on each other), else values by type.
    MAIN_OPS.has(key)
      ? exampleInput(MAIN_OPS.get(key)!)
      : Object.fromEntries(
          (create.operation.inputFields ?? []).map((f) => {
            const field = f as {
              key: string;
              placeholder?: string;
              default?: string;
              children?: { key: string }[];
              list?: boolean;
              choices?: { value: string }[] | Record<string, string>;
              type?: string;
            };
            return [field.key, sampleValue(field)];
          }),
        ),
  ]),
  // List Currencies asks COR nothing: its codes come from the runtime.
  ...Object.keys(App.triggers)
    .filter((key) => key !== 'list_currencies')
    .map((key): [StepGroup, string, Record<string, unknown>] => ['triggers', key, { user_id: '7', task_id: '7', project_id: '7' }]),
  ...Object.keys(App.searches).map((key): [StepGroup, string, Record<string, unknown>] => ['searches', key, { name: 'Acme' }]),
  ['authentication', 'test', {}],
  ['authentication', 'sessionConfig', {}],
];

function sampleValue(field: { key: string; default?: string; children?: { key: string }[]; list?: boolean; choices?: { value: string }[] | Record<string, string>; type?: string }): unknown {
  if (field.children) return [Object.fromEntries(field.children.map((c) => [c.key, sampleValue(c)]))];
  if (field.choices) return Array.isArray(field.choices) ? field.choices[0]!.value : Object.keys(field.choices)[0];
  const byType: Record<string, unknown> = { integer: '3', number: '12.5', boolean: 'true', datetime: '2027-01-04T09:00:00Z' };
  const value = field.default ?? byType[field.type ?? ''] ?? (/email/i.test(field.key) ? 'ana@example.com' : /time|start|end/i.test(field.key) ? '09:00' : `v-${field.key}`);
  return field.list ? [value] : value;
}

const appFor = (group: StepGroup | 'authentication', key: string) =>
  group === 'authentication' ? { ...App, triggers: {}, searches: {}, creates: {}, searchOrCreates: {} } : oneStepApp(group, key).app;
const methodFor = (group: StepGroup | 'authentication', key: string) =>
  group === 'authentication' ? (key === 'test' ? 'authentication.test' : 'authentication.sessionConfig.perform') : `${group}.${key}.operation.perform`;

describe.each(Object.keys(SCENARIOS))('COR answers: %s', (scenario) => {
  beforeEach(() => {
    // The file Upload File to Task downloads (its example link): a plain file, whatever COR does.
    nock('https://example.com').persist().get(/.*/).reply(200, 'file bytes', { 'content-type': 'application/pdf' });
    answerEverything((r, body) => SCENARIOS[scenario]!({ headers: r.headers, body }));
  });

  it.each(STEPS.map(([group, key, input]) => [`${group}.${key}`, group, key, input] as const))('%s leaks no secret', async (_name, group, key, input) => {
    const logged: unknown[] = [];
    // Core exports the Lambda handler as createAppHandler; its types do not declare it.
    const handler = (zapier as unknown as { createAppHandler: (app: unknown) => (event: unknown) => Promise<unknown> }).createAppHandler(appFor(group, key));
    let result: unknown;
    let error: unknown;
    try {
      result = await handler({
        command: 'execute',
        method: methodFor(group, key),
        bundle: { authData: { ...PASTED, token_obtained_at: String(Date.now() - 3_600_000) }, inputData: input, meta: META },
        customLogger: (message: string, data: unknown) => logged.push({ message, data }),
      });
    } catch (e) {
      error = e;
    }
    // The run reached COR and was logged, so there was something to leak.
    expect(JSON.stringify(logged)).toContain('"log_type":"http"');
    const seen = JSON.stringify({ result, error: error && { name: (error as Error).name, message: (error as Error).message }, logged });
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });
});

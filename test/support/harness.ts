/** Shared test helpers: the app under createAppTester, a full bundle, Zapier error parsing. */
import nock from 'nock';
import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';
import { META, readZapierError } from '../../sandbox/zapier-runner.js';
import App from '../../index.js';

export { App };
export const appTester = zapier.createAppTester(App);
// Zapier's cache (where a trigger keeps where its last poll stopped) starts empty in every test.
afterEach(() => {
  (appTester as unknown as { zcacheTestObj: object }).zcacheTestObj = {};
});

export const API = 'https://api.projectcor.com/v1';
export const INTEGRATIONS = 'https://integrations.projectcor.com';

/** Recognizable fake secrets: tests assert they never surface in messages. */
export const AUTH = { api_key: 'fake-api-key-K3Y9', client_secret: 'fake-client-secret-S3CR3T', access_token: 'fake-access-token-T0K3N' };

// createAppTester does not fill bundle.meta: the runner's full one, as Zapier sends it for a Zap run.
export { META } from '../../sandbox/zapier-runner.js';

export const bundleWith = (inputData: Record<string, unknown>, authData: Record<string, string> = AUTH) => ({ authData, inputData, meta: META });

type CreateKey = keyof typeof App.creates;

export type StepGroup = 'creates' | 'triggers' | 'searches';
type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;

/**
 * The app with only one step: the same authentication, middleware, perform and request layer,
 * but Zapier copies and freezes the whole definition on every run, so suites that run a step
 * thousands of times (fuzzing, secrets) use a definition of one step instead of ~80.
 */
export const oneStepApp = (group: StepGroup, key: string) => {
  const step = (App[group] as Record<string, { operation: { perform: Perform } }>)[key];
  if (!step) throw new Error(`no ${group} ${key}`);
  const app = { ...App, triggers: {}, searches: {}, creates: {}, searchOrCreates: {}, [group]: { [key]: step } };
  return { app, perform: step.operation.perform };
};

/** Runs one create of the app the way Zapier does. */
export const runCreate = (key: string, inputData: Record<string, unknown>) => {
  const create = App.creates[key as CreateKey];
  if (!create) throw new Error(`no create ${key}`);
  return appTester(create.operation.perform as (z: ZObject, b: Bundle) => Promise<Record<string, unknown>>, bundleWith(inputData));
};

/** Awaits a promise that must fail; returns the parsed Zapier error. */
export const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return readZapierError(error);
  }
  throw new Error('expected the step to fail, but it succeeded');
};

export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Answers the next `method` call to the Integrations API with `reply` and records what was
 * sent. The Bearer token and JSON content type must be on it, or nock does not answer.
 */
export const capture = (method: string, status: number, reply: nock.Body): Promise<Sent> =>
  new Promise((resolve) => {
    let body: unknown;
    nock(INTEGRATIONS, { reqheaders: { authorization: `Bearer ${AUTH.access_token}`, 'content-type': 'application/json' } })
      .intercept(/.*/, method, (b) => {
        body = b;
        return true;
      })
      // nock 15 hands the reply function the fetch Request; pathname keeps its %-encoding.
      .reply((request: unknown) => {
        const sent = request as unknown as Request;
        resolve({ method: sent.method, path: new URL(sent.url).pathname, body });
        return [status, reply];
      });
  });

/** Every request that reaches COR's two hosts from now on (answered 500), for tests that nothing is sent: nock's pendingMocks() cannot tell. */
export const requestsToCor = (): string[] => {
  const sent: string[] = [];
  answerEverything((request) => {
    sent.push(`${request.method} ${request.url}`);
    return [500, { message: 'this test expected no request' }];
  });
  return sent;
};

/**
 * Answers every request to COR's two hosts with `reply` until nock is cleaned (after each test).
 * `reply` gets the fetch Request (nock 15 hands one over), its body as text, and the origin.
 */
export const answerEverything = (reply: (request: Request, body: string, origin: string) => [number, nock.Body, Record<string, string>?]) => {
  for (const origin of [new URL(API).origin, INTEGRATIONS]) {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      nock(origin)
        .persist()
        .intercept(/.*/, method)
        .reply(async (request: unknown) => {
          const r = request as Request;
          const [status, body, headers] = reply(r, await r.text(), origin);
          return [status, body, headers ?? {}];
        });
    }
  }
};

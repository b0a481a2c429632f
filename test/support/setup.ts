// No test reaches the network: nock answers or the request fails. Loopback stays open
// for the end-to-end tests, which start their own sandbox on 127.0.0.1.
import nock from 'nock';
import { checkMainApiRequest } from '../../sandbox/openapi/contract.js';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

const MAIN_API = 'https://api.projectcor.com/v1/';

// Every main-API request nock answers is checked against COR's OpenAPI document, as the sandbox
// checks the requests it gets. nock emits 'request' (the fetch Request, before any reply reads its
// body) on the scope that answers; every scope of this file's nock shares this prototype's emit.
type Emit = (event: string | symbol, ...args: unknown[]) => boolean;
const scopes = Object.getPrototypeOf(nock(MAIN_API)) as { emit: Emit };
const emit = scopes.emit;
const checks: Promise<string[]>[] = [];

const check = async (request: Request): Promise<string[]> =>
  checkMainApiRequest({ method: request.method, url: request.url, headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) });

scopes.emit = function watched(this: unknown, event, ...args) {
  const request = args[0] as Request | undefined;
  if (event === 'request' && typeof request?.url === 'string' && request.url.startsWith(MAIN_API)) checks.push(check(request.clone()));
  return emit.call(this, event, ...args);
};

afterEach(async () => {
  const found = (await Promise.all(checks.splice(0))).flat();
  nock.cleanAll();
  if (found.length) throw new Error(`The app sent main-API requests that COR's OpenAPI document does not allow:\n${found.join('\n')}`);
});

// Each test file loads its own nock, but Node's http module is shared by the worker:
// un-patch it so the next file's nock is the one that answers.
afterAll(() => {
  scopes.emit = emit;
  nock.restore();
});

/**
 * A local COR sandbox: the token endpoint, `/v1/me`, every Integrations API operation the app uses
 * (external-ID mappings kept per source, in memory), the main API lists the app reads, bulk records,
 * fault injection, and task files (uploads streamed to a temporary directory, served back at
 * `/storage/…`). Never bundled into the Zapier build. A request body is checked against the
 * contract (its ROUTES table) before any lookup, so an off-contract request is always a 400
 * ValidationError whatever the sandbox holds. The parts: state.ts, entity-routes.ts,
 * relation-routes.ts, main-api.ts (with main-records.ts and bulk.ts), main-writes.ts, faults.ts.
 * What is not COR (a file's other host, Zapier's file storage) is elsewhere.ts.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { makeRecords, touchRecord } from './bulk.js';
import { ROUTES } from './contract.js';
import { registerEntityRoutes } from './entity-routes.js';
import { answerWithFault, type Fault, type QueuedFault, takeFault } from './faults.js';
import { closeServer, serverDir } from './files.js';
import { type ListOrder, type MainApi, type MainKind, type MainRecord, registerMainApi } from './main-api.js';
import { integrationRecords } from './main-records.js';
import { registerMainWrites } from './main-writes.js';
import { keepRawBody, rawBodyOf, registerFormParsers } from './openapi/bodies.js';
import { checkMainApiRequest } from './openapi/contract.js';
import { registerRelationRoutes } from './relation-routes.js';
import { CorError, createState, type SandboxExchange, type SandboxState, type StoredEntity, validation } from './state.js';

export type { Fault } from './faults.js';
export type { SandboxExchange, StoredEntity } from './state.js';

export interface SandboxOptions {
  apiKey?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens, in seconds. */
  tokenTtlSeconds?: number;
  /** Where the one-line request log goes (default: stdout; pass () => {} for silence). */
  log?: (line: string) => void;
  /** The company's base currency (currency exchanges must use it). */
  baseCurrency?: string;
  /** The order of main-API lists (COR documents none): oldest first (the default) or newest first. */
  listOrder?: ListOrder;
  /** Delay of every main-API answer, in ms (models COR's latency in the benchmark). */
  listLatencyMs?: number;
}

const ME = { id: 1, first_name: 'Sandra', last_name: 'Box', email: 'sandbox@cor.local', role_id: 1, user_position_id: null, daily_hours: 8, gmt: '-03:00' };

const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  throw validation(`Missing or invalid fields: ${errors.map((e) => e.field).join(', ')}`, errors);
};

/** The options, their defaults filled in. */
const settingsOf = (options: SandboxOptions) => ({
  apiKey: options.apiKey ?? 'sandbox-api-key',
  clientSecret: options.clientSecret ?? 'sandbox-client-secret',
  ttl: options.tokenTtlSeconds ?? 3600,
  log: options.log ?? ((line: string) => process.stdout.write(`${line}\n`)),
});

type Settings = ReturnType<typeof settingsOf>;

const pathOf = (request: FastifyRequest) => request.url.split('?')[0]!;

/** Every API request goes into the request list as it is answered, and a line of it into the log. */
const registerExchangeLog = (app: FastifyInstance, requests: SandboxExchange[], log: Settings['log']) => {
  app.addHook('onSend', async (request, reply, payload) => {
    const path = pathOf(request);
    if (!path.startsWith('/__sandbox')) {
      requests.push({ method: request.method, path, url: request.url, body: request.body, status: reply.statusCode, response: typeof payload === 'string' ? payload : '' });
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    log(`[cor-sandbox] ${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(0)}ms`);
  });
};

/** Fault injection, then authentication, before any route. */
const registerGate = (app: FastifyInstance, state: SandboxState, faults: QueuedFault[]) => {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request);
    if (path.startsWith('/__sandbox')) return;
    const fault = takeFault(faults, request.method, path);
    // A raw answer bypasses fastify's hooks, so it is logged here.
    if (fault?.kind === 'raw') state.requests.push({ method: request.method, path, url: request.url, body: undefined, status: fault.status ?? 200, response: (fault.text ?? '').slice(0, 1000) });
    if (fault && (await answerWithFault(reply, fault))) return reply;
    if (path.endsWith('/oauth/token')) return;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiry = token ? state.tokens.get(token) : undefined;
    if (!expiry || expiry < Date.now()) return reply.code(401).send({ message: token ? 'Token expired' : 'Unauthorized' });
  });
};

/** A failure as COR answers it: its own error, a request fastify refused, or an exception. */
const registerErrorAnswers = (app: FastifyInstance) => {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof CorError) return reply.code(error.status).send(error.body);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(status < 500 ? { name: 'ValidationError', message: (error as Error).message } : { code: 'ZC003', message: 'API Request Exception' });
  });
};

/** A DELETE with a JSON body, or a body-less POST: both are what COR's clients send. */
const registerJsonParser = (app: FastifyInstance) => {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    keepRawBody(request, body as string);
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(new CorError(400, { name: 'ValidationError', message: 'Body is not valid JSON' }), undefined);
    }
  });
};

// Every main-API request is checked against COR's OpenAPI document (sandbox/openapi/) once its body
// is read: one that departs from it is refused, and kept for the tests (a fault's answer is no check).
const registerOpenApiCheck = (app: FastifyInstance, violations: string[]) => {
  app.addHook('preValidation', async (request, reply) => {
    if (!request.url.startsWith('/v1/')) return;
    const found = await checkMainApiRequest({ method: request.method, url: request.url, headers: request.headers, body: rawBodyOf(request) });
    if (!found.length) return;
    violations.push(...found);
    return reply.code(400).send({ name: 'ValidationError', code: 'OPENAPI', message: found.join('\n') });
  });
};

/** The token endpoint (client credentials, in Basic authentication) and who the token is for. */
const registerAuth = (app: FastifyInstance, settings: Settings, tokens: SandboxState['tokens']) => {
  app.post('/v1/oauth/token', async (request, reply) => {
    const query = request.query as { grant_type?: string };
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [key, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    if (query.grant_type !== 'client_credentials' || key !== settings.apiKey || secret !== settings.clientSecret) {
      return reply.code(401).send({ message: 'Invalid client credentials' });
    }
    const token = `sbx_${randomBytes(12).toString('hex')}`;
    tokens.set(token, Date.now() + settings.ttl * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: settings.ttl, refresh_token: `r_${token}` };
  });
  app.get('/v1/me', async () => ME);
};

// Every documented endpoint's body is checked here, from the contract's route table, before its
// handler looks anything up: the handlers read bodies that already keep the contract.
const registerContractCheck = (app: FastifyInstance, state: SandboxState) => {
  app.addHook('preHandler', async (request) => {
    const route = ROUTES.find((r) => r.method === request.method && r.path === request.routeOptions.url);
    if (!route) return;
    state.sourceOf(request.body);
    parse(route.body, request.body);
  });
};

/** The control's faults: queued for the next matching requests. */
const faultControl = (faults: QueuedFault[]) => ({
  /** Make the next matching requests fail, slow down, or expire the token. */
  inject(fault: Fault) {
    faults.push({ ...fault, left: fault.times ?? 1 });
  },
  clearFaults() {
    faults.length = 0;
  },
  /** Answers the next requests with recorded exchanges (verify:live fixtures), each once, in order. */
  replay(exchanges: { request: { method: string; url: string }; answer: { status: number; body: unknown } }[]) {
    for (const { request, answer } of exchanges) {
      const path = new URL(request.url).pathname;
      faults.push({ kind: 'raw', method: request.method, path, status: answer.status, text: typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), left: 1 });
    }
  },
});

/** The control's main-API records: made, changed and deleted as a COR user would, on the sandbox's clock. */
const recordControl = (state: SandboxState, mainApi: MainApi) => ({
  /** Adds `count` records to a main-API list, created an hour apart up to now (or `spacingMs`); leaves belong to `userId`. */
  addRecords(kind: MainKind, count: number, userId?: number, spacingMs?: number): MainRecord[] {
    const records = makeRecords(kind, count, state.nextId, state.nowMs(), userId, spacingMs);
    mainApi.add(kind, records);
    return records;
  },
  /** Deletes main-API records, as a COR user would. */
  remove(kind: MainKind, ids: number[]) {
    for (const id of ids) mainApi.delete(kind, id);
  },
  /** Runs `run` once, right after page `page` of a list was served: the list moves while a poll reads it. */
  afterPage: (kind: MainKind, page: number, run: () => void) => mainApi.afterPage(kind, page, run),
  /** Changes bulk records as a COR user would: a new update time and a changed detail. */
  touch(kind: MainKind, ids: number[]) {
    for (const id of ids) touchRecord(kind, mainApi.get(kind, id)!, state.nowMs());
  },
  /** Moves the sandbox's clock forward (COR's timestamps have whole seconds). */
  tick: state.tick,
  /** The COR IDs of a main-API list, oldest first. */
  ids: (kind: MainKind) =>
    mainApi
      .listOf(kind)
      .map((r) => r.id)
      .sort((a, b) => a - b),
});

/** What tests and demos drive the sandbox with (in process; the /__sandbox routes offer the same over HTTP). */
const createControl = (state: SandboxState, mainApi: MainApi, faults: QueuedFault[], violations: string[]) => ({
  ...faultControl(faults),
  /** Expire every token issued so far (the next call with one gets 401). */
  expireTokens() {
    for (const token of state.tokens.keys()) state.tokens.set(token, 0);
  },
  /** Entities of one kind created from one source. */
  entities(source: string, kind: string): StoredEntity[] {
    return [...state.table(source, kind).values()];
  },
  /** Every API request received, in order, with its body and answer. */
  requests: state.requests,
  /** Every way a main-API request departed from COR's OpenAPI document, one line each (each such request was answered 400). */
  violations,
  /** Main-API lists: their order and latency; and the largest file an upload takes (maxFileBytes). */
  lists: mainApi.settings,
  ...recordControl(state, mainApi),
  reset() {
    state.reset();
    faults.length = 0;
    violations.length = 0;
    mainApi.clear();
  },
});

type Control = ReturnType<typeof createControl>;

/* ---------- sandbox control over HTTP (for tests and demos) ---------- */

const registerControlRoutes = (app: FastifyInstance, control: Control, faults: QueuedFault[]) => {
  app.post('/__sandbox/faults', async (request) => {
    control.inject(request.body as Fault);
    return { queued: faults.filter((f) => f.left > 0).length };
  });
  app.delete('/__sandbox/faults', async () => {
    control.clearFaults();
    return { queued: 0 };
  });
  app.get('/__sandbox/requests', async () => control.requests);
  app.get('/__sandbox/violations', async () => control.violations);
  // How many requests reached the API so far, and the bytes of their answers (the benchmark's counters).
  app.get('/__sandbox/stats', async () => ({ requests: control.requests.length, bytes: control.requests.reduce((sum, r) => sum + Buffer.byteLength(r.response), 0) }));
  app.post('/__sandbox/reset', async () => {
    control.reset();
    return { reset: true };
  });
  app.post('/__sandbox/records', async (request) => {
    const { kind, count, userId } = request.body as { kind: MainKind; count: number; userId?: number };
    return { ids: control.addRecords(kind, count, userId).map((r) => r.id) };
  });
  app.post('/__sandbox/touch', async (request) => {
    const { kind, ids } = request.body as { kind: MainKind; ids: number[] };
    control.touch(kind, ids);
    return { touched: ids.length };
  });
  app.put('/__sandbox/settings', async (request) => Object.assign(control.lists, request.body as object));
  // A small file anyone may download, for the round trip's Upload File to Task (`npm start`, the benchmark).
  app.get('/__sandbox/files/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    return reply.type('text/plain').send(`A file of the COR sandbox: ${name}\n`.repeat(64));
  });
};

export const createSandbox = (options: SandboxOptions = {}) => {
  const settings = settingsOf(options);
  const state = createState(options.baseCurrency ?? 'ARS');
  const faults: QueuedFault[] = [];
  const violations: string[] = [];
  const app = Fastify({ logger: false });
  // Uploads: the multipart reader's temporary files, and the files kept (removed with the sandbox, emptied by reset).
  const dir = serverDir('cor-sandbox');
  mkdirSync(join(dir, 'parts'));

  // What every request goes through, before the routes; hooks of one kind run in the order added, so keep this order.
  registerExchangeLog(app, state.requests, settings.log);
  registerGate(app, state, faults);
  registerErrorAnswers(app);
  registerJsonParser(app);
  registerFormParsers(app, { dir: join(dir, 'parts') });
  registerOpenApiCheck(app, violations);
  registerAuth(app, settings, state.tokens);
  registerContractCheck(app, state);

  registerEntityRoutes(app, state);
  registerRelationRoutes(app, state, state.baseCurrency);
  const mainApi = registerMainApi(app, { fromIntegrations: integrationRecords(state), order: options.listOrder ?? 'oldest-first', latencyMs: options.listLatencyMs ?? 0 });
  registerMainWrites(app, { state, mainApi, me: ME, filesDir: join(dir, 'files') });
  const control = createControl(state, mainApi, faults, violations);
  registerControlRoutes(app, control, faults);

  return {
    app,
    control,
    credentials: { api_key: settings.apiKey, client_secret: settings.clientSecret },
    /** Its temporary directory: the multipart reader's files (`parts/`) and the uploads kept (`files/`); close() removes it. */
    dir,
    /** Starts listening on loopback; port 0 picks a free one. Returns the base URL. */
    async listen(port = 0): Promise<string> {
      return app.listen({ port, host: '127.0.0.1' });
    },
    /** Stops listening (a connection still answering is closed once idle, or cut after a second) and deletes the files it kept. */
    async close() {
      await closeServer(app);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type Sandbox = ReturnType<typeof createSandbox>;

/** The two base URLs the app reads, for a sandbox at `url`. */
export const sandboxEnv = (url: string) => ({ COR_API_BASE_URL: `${url}/v1`, COR_INTEGRATIONS_BASE_URL: url });

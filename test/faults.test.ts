/**
 * The fault matrix: every failure COR (or the network) can produce, injected by the sandbox
 * into a representative create, update, delete, upsert, trigger and search, run as Zapier
 * runs a step (refresh and one retry on RefreshAuthError). Each cell is asserted against the
 * expected Zapier behaviour below, every error message against what it must tell the user,
 * and the matrix is printed with the test output.
 */
import type { Fault } from '../sandbox/server.js';
import { createRunner, readZapierError, type Runner } from '../sandbox/zapier-runner.js';
import { useSandbox } from './support/sandbox.js';

const local = useSandbox();
const S = 'SAP';
let runner: Runner;

type Column = 'create' | 'update' | 'delete' | 'upsert' | 'task' | 'trigger' | 'search';
const COLUMNS: Column[] = ['create', 'update', 'delete', 'upsert', 'task', 'trigger', 'search'];
/** The task of the `task` column, made by COR ID before the matrix runs. */
let taskId = 0;

/** Each column's step: what to prepare (unfaulted), where its request goes, and the step itself. */
const steps: Record<Column, { method: string; path: (row: number) => string; prepare?: (row: number) => Promise<unknown>; run: (row: number, duplicate: boolean) => Promise<unknown> }> = {
  create: {
    method: 'POST',
    path: () => '/v2/integrations/clients',
    run: (row, dup) => runner.run('create_client_by_external_id', { source: S, id: dup ? 'BASE' : `NEW-${row}`, name: 'Acme' }),
  },
  update: { method: 'PUT', path: () => '/v2/integrations/clients/BASE', run: () => runner.run('update_client_by_external_id', { source: S, id: 'BASE', phone: '+54 11' }) },
  delete: {
    method: 'DELETE',
    path: (row) => `/v2/integrations/clients/DEL-${row}`,
    prepare: (row) => runner.run('create_client_by_external_id', { source: S, id: `DEL-${row}`, name: 'To delete' }),
    run: (row) => runner.run('delete_client_by_external_id', { source: S, id: `DEL-${row}` }),
  },
  upsert: {
    method: 'POST',
    path: () => '/v2/integrations/clients',
    run: (row, dup) => runner.run('create_or_update_client_by_external_id', { source: S, id: dup ? 'BASE' : `UPS-${row}`, name: 'Acme' }),
  },
  // By COR ID, Title left empty: the task is read first (COR requires a title), then written.
  task: { method: 'PUT', path: () => `/v1/tasks/${taskId}`, run: () => runner.run('update_task', { task_id: taskId, status: 'finalizada' }) },
  trigger: { method: 'GET', path: () => '/v1/projects', run: () => runner.trigger('new_project', {}) },
  search: { method: 'GET', path: () => '/v1/clients/search-by-name', run: () => runner.search('find_client', { name: 'Acme' }) },
};

const OK = 'ok';
const RETRY_GATEWAY = 'retry in 30–60 s';
const all = (cell: string): Record<Column, string> => Object.fromEntries(COLUMNS.map((c) => [c, cell])) as Record<Column, string>;

type Injected = Omit<Fault, 'method' | 'path'>;

interface Row {
  fault: string;
  /** The fault, the same for every step or shaped for each (a list for the trigger, say). */
  inject?: Injected | ((column: Column) => Injected);
  /** A real duplicate: the step names an external ID that already exists (every step, or those listed). */
  duplicate?: boolean | Column[];
  /** An hour-old token first (COR expires tokens after an hour). */
  oldToken?: boolean;
  timeoutMs?: number;
  expected: Record<Column, string>;
  /** What every error message of this row must tell the user. */
  says?: RegExp;
  /** The longest message allowed (COR's own text is cut). */
  longest?: number;
  /** The fault applies to every method on the step's path (both requests of "Create or Update"). */
  anyMethod?: boolean;
}

/** A success answer as each step's endpoint gives it: the record, or a list of it for the trigger and search. */
const answerFor = (column: Column, record: string): string =>
  column === 'trigger' ? `{"total":"1","perPage":50,"page":1,"lastPage":1,"data":[${record}]}` : column === 'search' ? `[${record}]` : record;
const DEEP = `{"id":1,"name":"Acme","nested":${'['.repeat(5000)}${']'.repeat(5000)}}`;
const WRITES: Column[] = ['create', 'update', 'delete', 'upsert', 'task'];

const rows: Row[] = [
  { fault: '401 once (token expired)', oldToken: true, inject: { kind: 'expire-token' }, expected: all('ok after 1 refresh') },
  { fault: '401 again after the refresh', oldToken: true, inject: { kind: 'expire-token', times: 2 }, expected: all('reconnect'), says: /Reconnect COR in Zapier/ },
  { fault: '403', inject: { kind: 'status', status: 403, body: { message: 'Forbidden' } }, expected: all('error HTTP_403'), says: /lacks the permission/ },
  {
    fault: '404 / ZC001',
    inject: { kind: 'status', status: 404, body: { code: 'ZC001', message: 'Entity is not associated' } },
    expected: { ...all('error ZC001'), search: 'nothing found' },
    says: /COR has no client with external ID|was not found in COR|the projects this step reads do not exist|COR could not find a record this step names \(HTTP 404\): Task \d+/,
  },
  {
    fault: 'duplicate external ID',
    duplicate: true,
    expected: { create: 'error DuplicateExternalIdError', update: 'n/a', delete: 'n/a', upsert: 'ok (updated)', task: 'n/a', trigger: 'n/a', search: 'n/a' },
    says: /"Create or Update Client by External ID"/,
  },
  { fault: '422', inject: { kind: 'status', status: 422, body: { name: 'ValidationError', message: 'name is too long' } }, expected: all('error ValidationError'), says: /COR said: name is too long/ },
  { fault: '429 with Retry-After: 17', inject: { kind: 'status', status: 429, retryAfter: '17', body: {} }, expected: all('retry in 17 s') },
  { fault: '429 without Retry-After', inject: { kind: 'status', status: 429, body: {} }, expected: all("retry (Zapier's backoff)") },
  // A write may have happened: the message says so (a read is only "temporary").
  {
    fault: '500',
    inject: { kind: 'status', status: 500, body: { message: 'Internal Server Error' } },
    expected: all('error HTTP_500'),
    says: /usually temporary: replay the step later|COR may have done it/,
  },
  // Zapier's retry of a task's write could make a second task: the step fails and says to check first.
  ...[502, 503, 504].map((status) => ({
    fault: String(status),
    inject: { kind: 'status' as const, status, body: {} },
    expected: { ...all(RETRY_GATEWAY), task: `error HTTP_${status}` },
    says: /Zapier will retry this step|check in COR before you replay/,
  })),
  {
    fault: 'timeout',
    timeoutMs: 200,
    inject: { kind: 'slow', delayMs: 600 },
    expected: all('error Timeout'),
    says: /did not finish answering within 200 ms, the time this step has, while trying to (\w+ this \w+|read projects)\./,
  },
  { fault: 'body not JSON (HTML page)', inject: { kind: 'non-json', status: 200 }, expected: all('error NonJsonResponse'), says: /not JSON/ },
  // A list answered with nothing is not an empty list: taken as one, the poll that turns a Zap on would seed nothing, and old records would fire as new.
  { fault: 'empty body (200)', inject: { kind: 'empty', status: 200 }, expected: { ...all(OK), search: 'error UnexpectedResponse', trigger: 'error UnexpectedResponse' } },
  // Answers COR should not give, and the app must still read strictly.
  {
    fault: '200 with {"status":"error"}',
    inject: { kind: 'status', status: 200, body: { status: 'error', message: 'Record locked' } },
    expected: all('error CorReportedError'),
    says: /not taken as done\. COR said: Record locked/,
  },
  {
    fault: '302 to another endpoint',
    inject: { kind: 'status', status: 302, headers: { Location: '/v2/integrations/elsewhere?token=x' }, body: {} },
    expected: all('error Redirected'),
    says: /redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:\d+\/v2\/integrations\/elsewhere\. The step did not follow it/,
  },
  { fault: '301 without Location', inject: { kind: 'status', status: 301, body: {} }, expected: all('error Redirected'), says: /without saying where/ },
  { fault: 'success nested 5,000 deep', inject: (c) => ({ kind: 'raw', text: answerFor(c, DEEP) }), expected: all(OK) },
  { fault: 'UTF-8 BOM before the JSON', inject: (c) => ({ kind: 'raw', text: `\uFEFF${answerFor(c, '{"id":1,"name":"Acme"}')}` }), expected: all(OK) },
  { fault: 'an error page of 2 MB', inject: { kind: 'raw', status: 500, text: `<html>${'Error! '.repeat(350_000)}</html>` }, expected: all('error HTTP_500'), longest: 1200 },
  { fault: 'an answer over 20 MB', inject: { kind: 'raw', text: `{"name":"${'x'.repeat(21_000_000)}"}` }, expected: all('error AnswerTooLarge') },
  {
    fault: "headers at once, then a body that trickles past the step's time",
    timeoutMs: 200,
    inject: { kind: 'raw', text: '{"id":1,"name":"Acme"}', chunks: 12, everyMs: 35 },
    expected: all('error Timeout'),
    says: /within 200 ms/,
  },
  {
    fault: 'connection reset half-way through the body',
    inject: { kind: 'raw', text: '{"id":1,"name":"Acme"}', chunks: 2, reset: true },
    expected: all('error ConnectionLost'),
    says: /connection to COR at .+ broke/,
  },
  {
    fault: 'two answers in one step, each 60 % of its time',
    timeoutMs: 250,
    duplicate: ['upsert'],
    anyMethod: true,
    inject: { kind: 'slow', delayMs: 150, times: 2 },
    expected: { ...all(OK), upsert: 'error Timeout', task: 'error Timeout', trigger: 'error Timeout' },
    says: /within 250 ms/,
  },
  { fault: '429 with Retry-After: -1', inject: { kind: 'status', status: 429, retryAfter: '-1', body: {} }, expected: all("retry (Zapier's backoff)") },
  { fault: '429 with Retry-After: 1.5', inject: { kind: 'status', status: 429, retryAfter: '1.5', body: {} }, expected: all("retry (Zapier's backoff)") },
  { fault: '429 with Retry-After: 99999999', inject: { kind: 'status', status: 429, retryAfter: '99999999', body: {} }, expected: all('retry in 3600 s') },
];

/** What Zapier does with the step's result, in a few words. */
const outcome = async (column: Column, run: () => Promise<unknown>): Promise<{ cell: string; message?: string }> => {
  const before = runner.refreshes;
  try {
    const out = await run();
    JSON.stringify(out); // Zapier serialises the output: it must not throw (a RangeError here fails the cell)
    if (runner.refreshes > before) return { cell: `ok after ${runner.refreshes - before} refresh` };
    if (Array.isArray(out) && out.length === 0) return { cell: column === 'search' ? 'nothing found' : 'ok (no items)' };
    if ((out as { action_taken?: string }).action_taken === 'updated') return { cell: 'ok (updated)' };
    return { cell: OK };
  } catch (error) {
    const e = readZapierError(error);
    if (e.name === 'ThrottledError') {
      if (e.delay === undefined) return { cell: "retry (Zapier's backoff)", message: e.message };
      return { cell: e.delay >= 30 && e.delay <= 60 ? RETRY_GATEWAY : `retry in ${e.delay} s`, message: e.message };
    }
    if (e.name === 'ExpiredAuthError') return { cell: 'reconnect', message: e.message };
    return { cell: e.name === 'AppError' ? `error ${e.code}` : `${e.name}!`, message: e.message };
  }
};

const table: string[][] = [];

beforeAll(async () => {
  runner = createRunner(local.sandbox.credentials);
  await runner.connect();
  const client = await runner.run('create_client_by_external_id', { source: S, id: 'BASE', name: 'Acme' });
  const project = await runner.run('create_project', { name: 'Faults', client_id: client.cor_id });
  taskId = Number((await runner.run('create_task', { title: 'Faults', project_id: project.cor_id })).cor_id);
  // Two pages of projects, oldest first: a poll reads page 1 and the last page.
  local.sandbox.control.addRecords('projects', 60);
});

afterAll(() => {
  const header = `| fault | ${COLUMNS.join(' | ')} |\n|---|${COLUMNS.map(() => '---').join('|')}|`;
  process.stdout.write(`\nFault matrix (Zapier behaviour per step):\n${header}\n${table.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
});

describe('fault matrix', () => {
  it.each(rows.map((row, index) => [row.fault, row, index] as const))('%s', async (_fault, row, index) => {
    const cells: string[] = [];
    for (const column of COLUMNS) {
      const step = steps[column];
      if (row.expected[column] === 'n/a') {
        cells.push('n/a');
        continue;
      }
      await step.prepare?.(index);
      if (row.oldToken) runner.ageToken();
      local.sandbox.control.clearFaults();
      const inject = typeof row.inject === 'function' ? row.inject(column) : row.inject;
      if (inject) local.sandbox.control.inject({ ...inject, ...(row.anyMethod ? {} : { method: step.method }), path: step.path(index) });
      const saved = process.env.COR_STEP_TIMEOUT_MS;
      if (row.timeoutMs) process.env.COR_STEP_TIMEOUT_MS = String(row.timeoutMs);
      let result: { cell: string; message?: string };
      try {
        const duplicate = Array.isArray(row.duplicate) ? row.duplicate.includes(column) : Boolean(row.duplicate);
        result = await outcome(column, () => step.run(index, duplicate));
      } finally {
        if (row.timeoutMs) process.env.COR_STEP_TIMEOUT_MS = saved ?? '';
        local.sandbox.control.clearFaults();
      }
      cells.push(result.cell);
      expect(`${column}: ${result.cell}`).toBe(`${column}: ${row.expected[column]}`);
      if (result.message !== undefined && row.says) expect(result.message).toMatch(WRITES.includes(column) && row.says.source.includes('broke') ? /COR may have done it/ : row.says);
      if (result.message !== undefined && row.longest) expect(result.message.length).toBeLessThanOrEqual(row.longest);
      // A redirect is never followed: nothing reached where COR pointed.
      expect(local.sandbox.control.requests.filter((r) => r.path.includes('elsewhere'))).toEqual([]);
      // Every failure says what happened; none is a bare status or a stack trace.
      if (result.message !== undefined) expect(result.message).not.toMatch(/\n\s+at |^HTTP \d+$|undefined/);
    }
    table.push([row.fault, ...cells]);
    // Whatever failed, the connection works again for the next step.
    if (row.expected.create === 'reconnect') await runner.connect();
  });
});
